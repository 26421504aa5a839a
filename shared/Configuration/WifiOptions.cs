namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// The optional <c>wifi</c> section. When absent, the node uses the credentials stored in the device's network
    /// configuration (written by <c>nanoff --networkdeployment</c>).
    /// </summary>
    public sealed class WifiOptions
    {
        public string Ssid { get; set; }

        /// <summary>A secret: never logged, published or echoed.</summary>
        public string Password { get; set; }

        /// <summary>How long boot waits for an IP address and SNTP time before going on offline.</summary>
        public int ConnectTimeoutMs { get; set; }

        internal static WifiOptions Read(ConfigSection s)
        {
            var o = new WifiOptions();
            o.Ssid = s.RequireString("ssid");
            if (o.Ssid.Length > 32)
            {
                throw new ConfigException(s.KeyPath("ssid"), "must be at most 32 characters");
            }

            o.Password = s.GetString("password", "");
            if (o.Password.Length != 0 && (o.Password.Length < 8 || o.Password.Length > 63))
            {
                throw new ConfigException(s.KeyPath("password"), "must be empty (open network) or 8 to 63 characters (WPA2)");
            }

            o.ConnectTimeoutMs = s.GetInt("connectTimeoutMs", 60000, 1000, 600000);
            s.RejectUnknownKeys();
            return o;
        }
    }
}
