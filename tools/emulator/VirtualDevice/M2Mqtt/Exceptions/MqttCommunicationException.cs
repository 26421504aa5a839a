using System;

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>A send failed or an expected answer (e.g. the CONNACK) did not come in time.</summary>
    public class MqttCommunicationException : Exception
    {
        /// <summary>Creates the exception (timeout flavour).</summary>
        public MqttCommunicationException()
        {
        }

        /// <summary>Creates the exception around its cause.</summary>
        public MqttCommunicationException(Exception e)
            : base(string.Empty, e)
        {
        }
    }
}
