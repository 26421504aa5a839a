namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>Error codes of <see cref="MqttClientException"/> (declared next to it in the real library).</summary>
    public enum MqttClientErrorCode
    {
        /// <summary>Will flag, topic, message or QoS inconsistent.</summary>
        WillWrong = 1,

        /// <summary>Keep-alive period out of range.</summary>
        KeepAliveWrong,

        /// <summary>A PUBLISH topic contains '+' or '#'.</summary>
        TopicWildcard,

        /// <summary>Topic empty or longer than 65535.</summary>
        TopicLength,

        /// <summary>QoS above 2.</summary>
        QosNotAllowed,

        /// <summary>No topics given.</summary>
        TopicsEmpty,

        /// <summary>No QoS levels given.</summary>
        QosLevelsEmpty,

        /// <summary>Topics and QoS levels differ in count.</summary>
        TopicsQosLevelsNotMatch,

        /// <summary>The broker sent a packet a broker must not send.</summary>
        WrongBrokerMessage,

        /// <summary>Message id 0 where one is required.</summary>
        WrongMessageId,

        /// <summary>The in-flight queue holds InflightQueueSize messages already.</summary>
        InflightQueueFull,

        /// <summary>[v3.1.1] Reserved fixed-header flag bits wrong.</summary>
        InvalidFlagBits,

        /// <summary>[v3.1.1] CONNECT flags wrong.</summary>
        InvalidConnectFlags,

        /// <summary>[v3.1.1] Empty client id with a persistent session.</summary>
        InvalidClientId,

        /// <summary>[v3.1.1] Unknown protocol name.</summary>
        InvalidProtocolName,
    }
}
