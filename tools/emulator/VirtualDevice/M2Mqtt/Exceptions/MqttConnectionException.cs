using System;

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>The TCP connection (or its TLS handshake) to the broker could not be opened.</summary>
    public class MqttConnectionException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public MqttConnectionException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
