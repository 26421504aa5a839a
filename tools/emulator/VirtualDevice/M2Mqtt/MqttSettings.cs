namespace nanoFramework.M2Mqtt
{
    /// <summary>
    /// Mirror of M2Mqtt's settings singleton. On the device it is per process, i.e. per device; in the emulator one
    /// instance is shared by every virtual node of the process. Host tests change the internal setters through
    /// InternalsVisibleTo and must put the old values back.
    /// </summary>
    public class MqttSettings
    {
        /// <summary>Default MQTT port (plain TCP).</summary>
        public const int BrokerDefaultPort = 1883;

        /// <summary>Default MQTT over TLS port.</summary>
        public const int BrokerDefaultSslPort = 8883;

        /// <summary>Default receive timeout, ms.</summary>
        public const int DefaultTimeout = 30_000;

        /// <summary>Default number of send attempts of a QoS 1/2 message, SUBSCRIBE or UNSUBSCRIBE.</summary>
        public const int MaximumAttemptsRetry = 3;

        /// <summary>Default delay before a message without acknowledgement is sent again, ms.</summary>
        public const int DefaultDelayRetry = 1_000;

        /// <summary>Default time allowed for the CONNACK, ms.</summary>
        public const int ConnectTimeout = 30_000;

        /// <summary>Default in-flight queue bound (unbounded).</summary>
        public const int DefaultInflightQueueSize = int.MaxValue;

        // Created eagerly: the host runs many threads, and a racy lazy singleton could hand out two instances.
        private static readonly MqttSettings instance = new MqttSettings();

        private MqttSettings()
        {
            Port = BrokerDefaultPort;
            SslPort = BrokerDefaultSslPort;
            TimeoutOnReceiving = DefaultTimeout;
            AttemptsOnRetry = MaximumAttemptsRetry;
            DelayOnRetry = DefaultDelayRetry;
            TimeoutOnConnection = ConnectTimeout;
            InflightQueueSize = DefaultInflightQueueSize;
            ValidateServerCertificate = true;
        }

        /// <summary>Plain TCP port of the last non-secure client initialised.</summary>
        public int Port { get; internal set; }

        /// <summary>TLS port of the last secure client initialised.</summary>
        public int SslPort { get; internal set; }

        /// <summary>Time allowed for the TCP connect and for the CONNACK, ms.</summary>
        public int TimeoutOnConnection { get; internal set; }

        /// <summary>Receive timeout, ms (kept for API parity).</summary>
        public int TimeoutOnReceiving { get; internal set; }

        /// <summary>Send attempts of a QoS 1/2 PUBLISH, SUBSCRIBE or UNSUBSCRIBE before it is given up.</summary>
        public int AttemptsOnRetry { get; internal set; }

        /// <summary>Delay before an unacknowledged message is sent again, ms.</summary>
        public int DelayOnRetry { get; internal set; }

        /// <summary>Bound of the in-flight queue (queued plus unacknowledged messages); Publish throws when full.</summary>
        public int InflightQueueSize { get; set; }

        /// <summary>Whether the TLS server certificate is verified (true by default).</summary>
        public bool ValidateServerCertificate { get; set; }

        /// <summary>The process-wide settings.</summary>
        public static MqttSettings Instance
        {
            get { return instance; }
        }
    }
}
