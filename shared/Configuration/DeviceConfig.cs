using System;
using Beacons.Shared.Advertising;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using Beacons.Shared.Shelf;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// The node's whole configuration: the JSON file on its internal storage (<c>I:\device.json</c>), documented in
    /// docs/config.md. Parsing validates everything at once and throws <see cref="ConfigException"/> naming the first
    /// bad key; the node then keeps its last good config (see <see cref="ConfigStore"/>).
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>The schema this firmware reads; a file with another <c>schema</c> is refused, not guessed at.</summary>
        public const int SchemaVersion = 1;

        /// <summary>Bumped by the provisioning tool on every change; reported in the status message.</summary>
        public int ConfigVersion { get; private set; }

        public string StoreId { get; private set; }

        public string DeviceId { get; private set; }

        /// <summary>Null when Wi-Fi credentials come from the device's stored network configuration.</summary>
        public WifiOptions Wifi { get; private set; }

        public MqttOptions Mqtt { get; private set; }

        /// <summary>Status republish period; the retained status also carries uptime and free heap.</summary>
        public int StatusIntervalS { get; private set; }

        /// <summary>Per-device HMAC key for signed commands (hex), or null: then every command is refused.</summary>
        public string CommandKeyHex { get; private set; }

        /// <summary>The store's release key for app bundles (hex, <c>update.releaseKey</c>), or null: updates are refused.</summary>
        public string ReleaseKeyHex { get; private set; }

        /// <summary>How long a new bundle must run healthy before it is confirmed (<c>update.probationS</c>), seconds.</summary>
        public int ProbationS { get; private set; }

        /// <summary>Publish Home Assistant discovery documents.</summary>
        public bool HomeAssistantDiscovery { get; private set; }

        public string HomeAssistantPrefix { get; private set; }

        /// <summary>The device page's link in Home Assistant (<c>homeAssistant.configurationUrl</c>), or null.</summary>
        public string HomeAssistantConfigurationUrl { get; private set; }

        /// <summary>Beacon frames and their schedule, or null: the node does not advertise.</summary>
        public BeaconOptions Beacon { get; private set; }

        /// <summary>
        /// At most this many shelf lanes per node: two HX711s read concurrently on the ESP32's two SPI buses, two more
        /// by re-muxing pins between reads (hardware/pinouts.md).
        /// </summary>
        public const int MaxLanes = 4;

        /// <summary>Shelf lanes (empty: the node weighs nothing).</summary>
        public LaneOptions[] Lanes { get; private set; }

        /// <summary>Phone scanning, zones and sessions, or null: the node does not scan.</summary>
        public ProximityOptions Proximity { get; private set; }

        /// <summary>The store's privacy policy; defaults to identifiers <c>none</c> when the section is absent.</summary>
        public PrivacyOptions Privacy { get; private set; }

        /// <summary>Parses and validates a device JSON document.</summary>
        public static DeviceConfig Parse(string json)
        {
            return Read(json, false);
        }

        /// <summary>
        /// Reads only what safe mode needs to report itself (identity, Wi-Fi, MQTT), ignoring every other section, so
        /// that a bad lane or beacon setting still leaves the node reachable.
        /// </summary>
        public static DeviceConfig ParseConnectivity(string json)
        {
            return Read(json, true);
        }

        // Safe mode must reach the broker to say what is wrong: a bad reporting setting falls back to its default there
        // (the full parse has already named it in the config error).
        private static int Lenient(ConfigSection root, string key, int fallback, int min, int max)
        {
            try
            {
                return root.GetInt(key, fallback, min, max);
            }
            catch (ConfigException)
            {
                return fallback;
            }
        }

        private static DeviceConfig Read(string json, bool connectivityOnly)
        {
            ConfigSection root = ConfigSection.ParseDocument(json);
            int schema = root.GetInt("schema", 0, 0, 1000);
            if (schema != SchemaVersion)
            {
                throw new ConfigException("schema", "must be " + SchemaVersion + " (this firmware reads schema " + SchemaVersion + ")");
            }

            var c = new DeviceConfig();
            c.ConfigVersion = connectivityOnly ? Lenient(root, "configVersion", 0, 1, int.MaxValue) : root.GetInt("configVersion", 1, 1, int.MaxValue);
            c.StoreId = ReadId(root, "store");
            c.DeviceId = ReadId(root, "device");
            ConfigSection wifi = root.Section("wifi");
            c.Wifi = wifi == null ? null : WifiOptions.Read(wifi);
            ConfigSection mqtt = root.Section("mqtt");
            if (mqtt == null)
            {
                throw new ConfigException("mqtt", "is required");
            }

            c.Mqtt = MqttOptions.Read(mqtt, c.StoreId, c.DeviceId);
            c.StatusIntervalS = connectivityOnly ? Lenient(root, "statusIntervalS", 60, 10, 3600) : root.GetInt("statusIntervalS", 60, 10, 3600);
            if (connectivityOnly)
            {
                return c;
            }

            ConfigSection commands = root.Section("commands");
            if (commands != null)
            {
                c.CommandKeyHex = commands.RequireString("key");
                byte[] key = Common.Hex.TryDecode(c.CommandKeyHex);
                if (key == null || key.Length < 16 || key.Length > 64)
                {
                    throw new ConfigException(commands.KeyPath("key"), "must be 32 to 128 hex digits");
                }

                commands.RejectUnknownKeys();
            }

            c.ProbationS = 60;
            ConfigSection update = root.Section("update");
            if (update != null)
            {
                string releaseKey = update.GetString("releaseKey", null);
                byte[] key = releaseKey == null ? null : Common.Hex.TryDecode(releaseKey);
                if (releaseKey != null && (key == null || key.Length < 32 || key.Length > 64))
                {
                    throw new ConfigException(update.KeyPath("releaseKey"), "must be 64 to 128 hex digits");
                }

                c.ReleaseKeyHex = releaseKey;
                c.ProbationS = update.GetInt("probationS", 60, 10, 3600);
                update.RejectUnknownKeys();
            }

            ConfigSection beacon = root.Section("beacon");
            c.Beacon = beacon == null ? null : BeaconConfigReader.Read(beacon);

            ConfigSection[] lanes = root.SectionArray("lanes", MaxLanes);
            c.Lanes = new LaneOptions[lanes.Length];
            for (int i = 0; i < lanes.Length; i++)
            {
                c.Lanes[i] = LaneOptions.Read(lanes[i]);
                for (int j = 0; j < i; j++)
                {
                    if (c.Lanes[j].Id == c.Lanes[i].Id)
                    {
                        throw new ConfigException(lanes[i].KeyPath("id"), "duplicates lanes[" + j + "].id");
                    }
                }
            }

            // Two lanes per SPI bus at most, each GPIO once (the firmware re-muxes a bus between its two lanes).
            LaneBusPlan.Check(c.Lanes, "lanes");

            ConfigSection proximity = root.Section("proximity");
            if (proximity != null)
            {
                if (beacon != null && (proximity.Has("scanWindowMs") || proximity.Has("scanPeriodMs")))
                {
                    // One source of truth for radio time: on a beacon node the advertising schedule owns it.
                    throw new ConfigException(proximity.Has("scanWindowMs") ? "proximity.scanWindowMs" : "proximity.scanPeriodMs",
                        "set beacon.schedule.scanWindowMs / scanPeriodMs instead: on a beacon node the advertising schedule shares the radio");
                }

                c.Proximity = ProximityOptions.Read(proximity);
                if (c.Beacon != null)
                {
                    AdvertisingScheduleOptions schedule = c.Beacon.Schedule != null ? c.Beacon.Schedule : new AdvertisingScheduleOptions();
                    c.Proximity.ScanWindowMs = schedule.ScanWindowMs;
                    c.Proximity.ScanPeriodMs = schedule.ScanPeriodMs;
                }
            }

            c.Privacy = PrivacyOptions.Read(root.Section("privacy"));

            ConfigSection ha = root.Section("homeAssistant");
            c.HomeAssistantPrefix = Messaging.HomeAssistantDiscovery.DefaultPrefix;
            if (ha != null)
            {
                c.HomeAssistantDiscovery = ha.GetBool("discovery", false);
                c.HomeAssistantPrefix = ha.GetString("prefix", c.HomeAssistantPrefix);
                string url = ha.GetString("configurationUrl", null);
                if (url != null && ((!url.StartsWith("http://") && !url.StartsWith("https://")) || url.Length > 200 || url.IndexOf('"') >= 0 || url.IndexOf(' ') >= 0))
                {
                    throw new ConfigException(ha.KeyPath("configurationUrl"), "must be an http:// or https:// URL of at most 200 characters");
                }

                c.HomeAssistantConfigurationUrl = url;
                ha.RejectUnknownKeys();
            }

            root.RejectUnknownKeys();
            return c;
        }

        /// <summary>
        /// Store and device ids become MQTT topic levels and the MQTT user name, so they are restricted to characters
        /// that are safe there and in ACL patterns.
        /// </summary>
        private static string ReadId(ConfigSection s, string key)
        {
            string id = s.RequireString(key);
            if (id.Length > 32)
            {
                throw new ConfigException(s.KeyPath(key), "must be at most 32 characters");
            }

            for (int i = 0; i < id.Length; i++)
            {
                char ch = id[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ((ch == '-' || ch == '_') && i > 0);
                if (!ok)
                {
                    throw new ConfigException(s.KeyPath(key), "may only use a-z, 0-9, '-' and '_' (not first)");
                }
            }

            return id;
        }
    }
}
