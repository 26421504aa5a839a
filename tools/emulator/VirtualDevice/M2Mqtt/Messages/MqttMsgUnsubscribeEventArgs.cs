using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>An UNSUBSCRIBE (M2Mqtt.Core type, kept for API parity; the client never raises it).</summary>
    public class MqttMsgUnsubscribeEventArgs : EventArgs
    {
        /// <summary>Creates the event arguments.</summary>
        public MqttMsgUnsubscribeEventArgs(ushort messageId, string[] topics)
        {
            MessageId = messageId;
            Topics = topics;
        }

        /// <summary>Message id.</summary>
        public ushort MessageId { get; internal set; }

        /// <summary>Topic filters.</summary>
        public string[] Topics { get; internal set; }
    }
}
