namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>MQTT quality of service; GrantedFailure is the SUBACK failure code.</summary>
    public enum MqttQoSLevel
    {
        /// <summary>QoS 0: fire and forget.</summary>
        AtMostOnce = 0x00,

        /// <summary>QoS 1: PUBACK.</summary>
        AtLeastOnce = 0x01,

        /// <summary>QoS 2: PUBREC/PUBREL/PUBCOMP.</summary>
        ExactlyOnce = 0x02,

        /// <summary>The broker refused a subscription.</summary>
        GrantedFailure = 0x80,
    }
}
