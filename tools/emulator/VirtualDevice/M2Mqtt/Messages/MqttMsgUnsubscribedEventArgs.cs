using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>An UNSUBACK.</summary>
    public class MqttMsgUnsubscribedEventArgs : EventArgs
    {
        /// <summary>Creates the event arguments.</summary>
        public MqttMsgUnsubscribedEventArgs(ushort messageId)
        {
            MessageId = messageId;
        }

        /// <summary>Id returned by Unsubscribe.</summary>
        public ushort MessageId { get; }
    }
}
