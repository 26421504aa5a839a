using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>A SUBSCRIBE (M2Mqtt.Core type, kept for API parity; the client never raises it).</summary>
    public class MqttMsgSubscribeEventArgs : EventArgs
    {
        /// <summary>Creates the event arguments.</summary>
        public MqttMsgSubscribeEventArgs(ushort messageId, string[] topics, MqttQoSLevel[] qosLevels)
        {
            MessageId = messageId;
            Topics = topics;
            QoSLevels = qosLevels;
        }

        /// <summary>Message id.</summary>
        public ushort MessageId { get; internal set; }

        /// <summary>Topic filters.</summary>
        public string[] Topics { get; internal set; }

        /// <summary>Requested QoS per filter.</summary>
        public MqttQoSLevel[] QoSLevels { get; internal set; }
    }
}
