namespace Beacons.Shared.Configuration
{
    /// <summary>The <c>mqtt</c> section: where the node publishes and as whom.</summary>
    public sealed class MqttOptions
    {
        public const string DefaultTopicPrefix = "retail/v1";

        /// <summary>Broker host name or IPv4 address.</summary>
        public string Host { get; set; }

        /// <summary>TCP port; 1883 for <c>mqtt://</c>, 8883 for <c>mqtts://</c> unless given.</summary>
        public int Port { get; set; }

        /// <summary>TLS with server-certificate verification against <see cref="CaCertFile"/>.</summary>
        public bool Tls { get; set; }

        /// <summary>PEM file on the device's internal storage holding the broker's CA certificate (TLS only).</summary>
        public string CaCertFile { get; set; }

        /// <summary>Per-device MQTT user; defaults to <c>&lt;store&gt;/&lt;device&gt;</c> so one ACL pattern isolates every device.</summary>
        public string Username { get; set; }

        /// <summary>Per-device MQTT password. A secret: never logged, published or echoed.</summary>
        public string Password { get; set; }

        public string ClientId { get; set; }

        /// <summary>First levels of every topic, default <c>retail/v1</c>.</summary>
        public string TopicPrefix { get; set; }

        /// <summary>MQTT keep-alive in seconds; the broker declares the node offline after 1.5× this without traffic.</summary>
        public int KeepAliveS { get; set; }

        internal static MqttOptions Read(ConfigSection s, string storeId, string deviceId)
        {
            var o = new MqttOptions();
            string broker = s.RequireString("broker");
            ParseBroker(broker, s.KeyPath("broker"), o);
            o.CaCertFile = s.GetString("caCertFile", null);
            if (o.Tls && (o.CaCertFile == null || o.CaCertFile.Length == 0))
            {
                throw new ConfigException(s.KeyPath("caCertFile"), "is required for an mqtts:// broker (the node verifies the broker against this CA)");
            }

            o.Username = s.GetString("username", storeId + "/" + deviceId);
            o.Password = s.GetString("password", null);
            o.ClientId = s.GetString("clientId", storeId + "-" + deviceId);
            if (o.ClientId.Length == 0 || o.ClientId.Length > 64)
            {
                throw new ConfigException(s.KeyPath("clientId"), "must be 1 to 64 characters");
            }

            o.TopicPrefix = s.GetString("topicPrefix", DefaultTopicPrefix);
            ValidateTopicPrefix(o.TopicPrefix, s.KeyPath("topicPrefix"));
            o.KeepAliveS = s.GetInt("keepAliveS", 30, 5, 600);
            s.RejectUnknownKeys();
            return o;
        }

        private static void ParseBroker(string url, string key, MqttOptions o)
        {
            string rest;
            if (url.StartsWith("mqtt://"))
            {
                o.Tls = false;
                o.Port = 1883;
                rest = url.Substring(7);
            }
            else if (url.StartsWith("mqtts://"))
            {
                o.Tls = true;
                o.Port = 8883;
                rest = url.Substring(8);
            }
            else
            {
                throw new ConfigException(key, "must start with mqtt:// or mqtts://");
            }

            if (rest.EndsWith("/"))
            {
                rest = rest.Substring(0, rest.Length - 1);
            }

            int colon = rest.LastIndexOf(':');
            if (colon >= 0)
            {
                int port;
                if (!int.TryParse(rest.Substring(colon + 1), out port) || port < 1 || port > 65535)
                {
                    throw new ConfigException(key, "has a bad port");
                }

                o.Port = port;
                rest = rest.Substring(0, colon);
            }

            if (rest.Length == 0 || rest.IndexOf('/') >= 0 || rest.IndexOf('@') >= 0)
            {
                throw new ConfigException(key, "must be mqtt[s]://host[:port] (credentials go in mqtt.username / mqtt.password)");
            }

            o.Host = rest;
        }

        private static void ValidateTopicPrefix(string prefix, string key)
        {
            if (prefix.Length == 0 || prefix.StartsWith("/") || prefix.EndsWith("/")
                || prefix.IndexOf('+') >= 0 || prefix.IndexOf('#') >= 0 || prefix.IndexOf("//") >= 0)
            {
                throw new ConfigException(key, "must be non-empty levels separated by '/', without wildcards or leading/trailing '/'");
            }
        }
    }
}
