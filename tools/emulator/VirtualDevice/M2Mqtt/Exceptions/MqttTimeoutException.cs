using System;

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>Timeout (declared by M2Mqtt for API parity; not thrown by the 5.1.x client).</summary>
    public class MqttTimeoutException : Exception
    {
    }
}
