using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>End of an outgoing QoS 1/2 publish flow.</summary>
    public class MqttMsgPublishedEventArgs : EventArgs
    {
        /// <summary>Creates the arguments of a delivered message.</summary>
        public MqttMsgPublishedEventArgs(ushort messageId)
            : this(messageId, true)
        {
        }

        /// <summary>Creates the event arguments.</summary>
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished)
        {
            MessageId = messageId;
            IsPublished = isPublished;
        }

        /// <summary>Id returned by Publish.</summary>
        public ushort MessageId { get; set; }

        /// <summary>True when acknowledged by the broker; false when the retries ran out.</summary>
        public bool IsPublished { get; set; }
    }
}
