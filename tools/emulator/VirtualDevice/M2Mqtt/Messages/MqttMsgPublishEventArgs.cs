using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>A PUBLISH received from the broker.</summary>
    public class MqttMsgPublishEventArgs : EventArgs
    {
        /// <summary>Creates the event arguments.</summary>
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain)
        {
            Topic = topic;
            Message = message;
            DupFlag = dupFlag;
            QosLevel = qosLevel;
            Retain = retain;
        }

        /// <summary>Topic the message was published to.</summary>
        public string Topic { get; internal set; }

        /// <summary>Payload (never null; empty for a zero-length payload).</summary>
        public byte[] Message { get; internal set; }

        /// <summary>DUP flag of the PUBLISH.</summary>
        public bool DupFlag { get; internal set; }

        /// <summary>QoS the message was delivered with.</summary>
        public MqttQoSLevel QosLevel { get; internal set; }

        /// <summary>True when the broker delivered a retained message (on subscribe).</summary>
        public bool Retain { get; internal set; }
    }
}
