using MQTTnet.Packets;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.VirtualDevice.Mqtt
{
    /// <summary>Where an outgoing message is in its MQTT flow.</summary>
    internal enum InflightState
    {
        /// <summary>Waiting for the send thread (never written, or due for a resend).</summary>
        Queued,

        /// <summary>QoS 1 PUBLISH written, waiting for PUBACK.</summary>
        WaitPubAck,

        /// <summary>QoS 2 PUBLISH written, waiting for PUBREC.</summary>
        WaitPubRec,

        /// <summary>QoS 2 PUBREL written, waiting for PUBCOMP.</summary>
        WaitPubComp,

        /// <summary>SUBSCRIBE written, waiting for SUBACK.</summary>
        WaitSubAck,

        /// <summary>UNSUBSCRIBE written, waiting for UNSUBACK.</summary>
        WaitUnsubAck,
    }

    /// <summary>What an in-flight entry carries.</summary>
    internal enum InflightKind
    {
        Publish,
        Subscribe,
        Unsubscribe,
    }

    /// <summary>One entry of the client's bounded in-flight queue: an outgoing PUBLISH, SUBSCRIBE or UNSUBSCRIBE.</summary>
    internal sealed class InflightMessage
    {
        public InflightMessage(InflightKind kind, ushort messageId, MqttQoSLevel qos, MqttPacket packet)
        {
            Kind = kind;
            MessageId = messageId;
            Qos = qos;
            Packet = packet;
            State = InflightState.Queued;
        }

        public InflightKind Kind { get; }

        public ushort MessageId { get; }

        public MqttQoSLevel Qos { get; }

        /// <summary>The packet MQTTnet encodes on each write; a resent PUBLISH gets its Dup flag set (only the send thread writes publishes).</summary>
        public MqttPacket Packet { get; }

        public InflightState State { get; set; }

        /// <summary>How many times the current step (PUBLISH or PUBREL) was written.</summary>
        public int Attempts { get; set; }

        /// <summary>Environment.TickCount64 of the last write, for the retry delay.</summary>
        public long SentAtMs { get; set; }

        public bool IsPublish => Kind == InflightKind.Publish;
    }
}
