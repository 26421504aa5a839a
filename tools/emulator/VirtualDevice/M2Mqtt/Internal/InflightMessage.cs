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

    /// <summary>One entry of the client's bounded in-flight queue: an outgoing PUBLISH, SUBSCRIBE or UNSUBSCRIBE.</summary>
    internal sealed class InflightMessage
    {
        public InflightMessage(byte packetType, ushort messageId, MqttQoSLevel qos, byte[] packet)
        {
            PacketType = packetType;
            MessageId = messageId;
            Qos = qos;
            Packet = packet;
            State = InflightState.Queued;
        }

        /// <summary>MqttPacketCodec.Publish, Subscribe or Unsubscribe.</summary>
        public byte PacketType { get; }

        public ushort MessageId { get; }

        public MqttQoSLevel Qos { get; }

        /// <summary>The encoded packet; a resent PUBLISH gets its DUP bit set in place.</summary>
        public byte[] Packet { get; }

        public InflightState State { get; set; }

        /// <summary>How many times the current step (PUBLISH or PUBREL) was written.</summary>
        public int Attempts { get; set; }

        /// <summary>Environment.TickCount64 of the last write, for the retry delay.</summary>
        public long SentAtMs { get; set; }

        public bool IsPublish => PacketType == MqttPacketCodec.Publish;
    }
}
