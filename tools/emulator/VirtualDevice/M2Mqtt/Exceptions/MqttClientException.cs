using System;

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>A client-side MQTT error, e.g. a full in-flight queue or an invalid will or topic.</summary>
    public class MqttClientException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public MqttClientException(MqttClientErrorCode errorCode)
        {
            ErrorCode = errorCode;
        }

        /// <summary>What went wrong.</summary>
        public MqttClientErrorCode ErrorCode { get; set; }
    }
}
