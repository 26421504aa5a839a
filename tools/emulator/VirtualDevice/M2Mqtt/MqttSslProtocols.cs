namespace nanoFramework.M2Mqtt
{
    /// <summary>SSL/TLS protocol versions (M2Mqtt.Core). Only None (platform default), TLSv1_2 and TLSv1_3 can connect.</summary>
    public enum MqttSslProtocols
    {
        /// <summary>Platform default.</summary>
        None,

        /// <summary>SSL 3.0 (refused when connecting).</summary>
        SSLv3,

        /// <summary>TLS 1.0 (refused when connecting).</summary>
        TLSv1_0,

        /// <summary>TLS 1.1 (refused when connecting).</summary>
        TLSv1_1,

        /// <summary>TLS 1.2.</summary>
        TLSv1_2,

        /// <summary>TLS 1.3.</summary>
        TLSv1_3,
    }
}
