namespace nanoFramework.M2Mqtt
{
    /// <summary>MQTT protocol version; the value is the CONNECT protocol level byte.</summary>
    public enum MqttProtocolVersion
    {
        /// <summary>MQTT 3.1 (protocol name "MQIsdp").</summary>
        Version_3_1 = 0x03,

        /// <summary>MQTT 3.1.1, the default.</summary>
        Version_3_1_1 = 0x04,

        /// <summary>MQTT 5.0 (not implemented by the virtual device: Connect throws NotSupportedException).</summary>
        Version_5 = 0x05,
    }
}
