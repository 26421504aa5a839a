using System;

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>A SUBACK.</summary>
    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        /// <summary>Creates the event arguments.</summary>
        public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels)
        {
            MessageId = messageId;
            GrantedQoSLevels = grantedQosLevels;
        }

        /// <summary>Id returned by Subscribe.</summary>
        public ushort MessageId { get; internal set; }

        /// <summary>Granted QoS per topic filter, GrantedFailure for a refused one.</summary>
        public MqttQoSLevel[] GrantedQoSLevels { get; internal set; }
    }
}
