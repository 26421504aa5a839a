using Beacons.Shared.Shelf;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Home Assistant MQTT discovery documents (opt-in: <c>homeAssistant.discovery</c> in the device config), one per
    /// entity, retained at <c>&lt;prefix&gt;/&lt;component&gt;/&lt;store&gt;-&lt;device&gt;/&lt;object&gt;/config</c>
    /// (docs/mqtt.md, "Home Assistant"). Entities, by index:
    /// <list type="bullet">
    /// <item>0: the node's status (sensor, enum online/offline/safe-mode, diagnostic); it carries the full device
    /// registry entry (model, sw_version, configuration_url), the others only the device identifier.</item>
    /// <item>per lane, from its retained <c>stock/&lt;lane&gt;</c> level: items (sensor), state (enum sensor
    /// ok/low/empty/fault/unknown), time to empty (duration sensor, s; unknown while <c>emptyInS</c> is null) and a
    /// problem binary_sensor (on while the lane is in fault).</item>
    /// <item>per zone, from its retained <c>zones/&lt;zone&gt;</c> aggregate: visitors (sensor, the last k-anonymous
    /// bucket's distinct visitors) and occupancy (binary_sensor, on while that count is above 0); both expire after two
    /// buckets without a new aggregate, since fewer than k visitors are never published.</item>
    /// </list>
    /// Every entity but the status is available only while the retained status says <c>online</c>, so the Last Will
    /// marks them unavailable. Keys use Home Assistant's abbreviations to keep each document small (≈ 300-450 B); the
    /// caller enqueues them a few at a time (<see cref="Count"/>, <see cref="Topic"/>, <see cref="Document"/>), so
    /// they never crowd the outbox. Only ids are precomputed (at boot); documents are formatted when sent.
    /// </summary>
    public sealed class HomeAssistantDiscovery
    {
        public const string DefaultPrefix = "homeassistant";

        /// <summary>The values of a lane's <c>state</c> (StockEventKindNames.LevelName).</summary>
        public static readonly string[] LaneStates = new string[]
        {
            StockEventKindNames.LevelName(LaneLevel.Ok), StockEventKindNames.LevelName(LaneLevel.Low),
            StockEventKindNames.LevelName(LaneLevel.Empty), StockEventKindNames.LevelName(LaneLevel.Fault),
            StockEventKindNames.LevelName(LaneLevel.Unknown),
        };

        /// <summary>The values of the status' <c>state</c>.</summary>
        public static readonly string[] NodeStates = new string[] { NodeStatus.Online, NodeStatus.Offline, NodeStatus.SafeMode };

        private const int PerLane = 4;
        private const int PerZone = 2;
        private const string Available = "{{ 'online' if value_json.state == 'online' else 'offline' }}";

        private readonly string _prefix;
        private readonly string _nodeId;
        private readonly string _deviceName;
        private readonly TopicTree _topics;
        private readonly string _firmwareVersion;
        private readonly string _model;
        private readonly string _configurationUrl;
        private readonly string[] _laneIds;
        private readonly string[] _laneObjects;
        private readonly string[] _laneNames;
        private readonly string[] _zoneNames;
        private readonly string[] _zoneObjects;
        private readonly int _expireAfterS;

        /// <param name="discoveryPrefix">Home Assistant's discovery prefix (<c>homeassistant</c>).</param>
        /// <param name="model">Device registry model, e.g. <c>ESP32 store node (shelf)</c>.</param>
        /// <param name="configurationUrl">The device page's link (docs), or null for none.</param>
        /// <param name="laneIds">Lane ids (config order); null = none.</param>
        /// <param name="laneNames">Display names, same order; null or an empty entry = the lane id.</param>
        /// <param name="zoneNames">A scanning node's zones; null = none.</param>
        /// <param name="bucketS">The aggregate bucket length, s (zone entities expire after two).</param>
        public HomeAssistantDiscovery(string discoveryPrefix, string storeId, string deviceId, TopicTree topics, string firmwareVersion,
            string model, string configurationUrl, string[] laneIds, string[] laneNames, string[] zoneNames, int bucketS)
        {
            _prefix = discoveryPrefix;
            _nodeId = storeId + "-" + deviceId;
            _deviceName = "Node " + storeId + "/" + deviceId;
            _topics = topics;
            _firmwareVersion = firmwareVersion;
            _model = model;
            _configurationUrl = configurationUrl;
            _laneIds = laneIds == null ? new string[0] : laneIds;
            _laneObjects = new string[_laneIds.Length];
            _laneNames = new string[_laneIds.Length];
            for (int i = 0; i < _laneIds.Length; i++)
            {
                _laneObjects[i] = "lane_" + TopicTree.SafeId(_laneIds[i]);
                string name = laneNames != null && i < laneNames.Length ? laneNames[i] : null;
                _laneNames[i] = name == null || name.Length == 0 ? _laneIds[i] : name;
            }

            _zoneNames = zoneNames == null ? new string[0] : zoneNames;
            _zoneObjects = new string[_zoneNames.Length];
            for (int i = 0; i < _zoneNames.Length; i++)
            {
                _zoneObjects[i] = "zone_" + TopicTree.SafeId(_zoneNames[i]);
            }

            _expireAfterS = 2 * bucketS;
        }

        /// <summary>How many discovery documents the node publishes.</summary>
        public int Count
        {
            get { return 1 + (PerLane * _laneIds.Length) + (PerZone * _zoneNames.Length); }
        }

        /// <summary>The retained config topic of entity <paramref name="index"/> (0 ≤ index &lt; Count).</summary>
        public string Topic(int index)
        {
            return _prefix + "/" + Component(index) + "/" + _nodeId + "/" + ObjectId(index) + "/config";
        }

        /// <summary>The discovery document of entity <paramref name="index"/>, formatted into <paramref name="w"/>.</summary>
        public string Document(JsonWriter w, int index)
        {
            if (index == 0)
            {
                return StatusConfig(w);
            }

            int i = index - 1;
            if (i < PerLane * _laneIds.Length)
            {
                return LaneConfig(w, i / PerLane, i % PerLane);
            }

            i -= PerLane * _laneIds.Length;
            return ZoneConfig(w, i / PerZone, i % PerZone);
        }

        private string Component(int index)
        {
            int i = index - 1;
            if (index == 0)
            {
                return "sensor";
            }

            if (i < PerLane * _laneIds.Length)
            {
                return i % PerLane == 3 ? "binary_sensor" : "sensor";
            }

            i -= PerLane * _laneIds.Length;
            return i % PerZone == 1 ? "binary_sensor" : "sensor";
        }

        private string ObjectId(int index)
        {
            if (index == 0)
            {
                return "status";
            }

            int i = index - 1;
            if (i < PerLane * _laneIds.Length)
            {
                return _laneObjects[i / PerLane] + LaneSuffix(i % PerLane);
            }

            i -= PerLane * _laneIds.Length;
            return _zoneObjects[i / PerZone] + (i % PerZone == 0 ? "_visitors" : "_occupancy");
        }

        private static string LaneSuffix(int kind)
        {
            switch (kind)
            {
                case 0: return "_items";
                case 1: return "_state";
                case 2: return "_empty_in";
                default: return "_problem";
            }
        }

        private string StatusConfig(JsonWriter w)
        {
            string status = _topics.Status;
            w.Clear().BeginObject()
                .String("name", "Status")
                .String("uniq_id", _nodeId + "_status")
                .String("stat_t", status)
                .String("val_tpl", "{{ value_json.state }}")
                .String("dev_cla", "enum");
            Options(w, NodeStates);
            w.String("json_attr_t", status)
                .String("ent_cat", "diagnostic")
                .String("ic", "mdi:access-point");
            w.Name("dev").BeginObject()
                .BeginArray("ids").Item(_nodeId).EndArray()
                .String("name", _deviceName)
                .String("mf", "Retail beacons")
                .String("mdl", _model)
                .String("sw", _firmwareVersion);
            if (_configurationUrl != null && _configurationUrl.Length > 0)
            {
                w.String("cu", _configurationUrl);
            }

            w.EndObject();
            return w.EndObject().ToString();
        }

        private string LaneConfig(JsonWriter w, int lane, int kind)
        {
            string topic = _topics.StockLevel(_laneIds[lane]);
            w.Clear().BeginObject()
                .String("name", _laneNames[lane] + Label(kind))
                .String("uniq_id", _nodeId + "_" + _laneObjects[lane] + LaneSuffix(kind))
                .String("stat_t", topic);
            switch (kind)
            {
                case 0:
                    w.String("val_tpl", "{{ value_json.items }}")
                        .String("unit_of_meas", "items")
                        .String("stat_cla", "measurement")
                        .String("json_attr_t", topic)
                        .String("ic", "mdi:package-variant");
                    break;
                case 1:
                    w.String("val_tpl", "{{ value_json.state }}")
                        .String("dev_cla", "enum");
                    Options(w, LaneStates);
                    break;
                case 2:
                    w.String("val_tpl", "{{ value_json.emptyInS }}")
                        .String("dev_cla", "duration")
                        .String("unit_of_meas", "s");
                    break;
                default:
                    w.String("val_tpl", "{{ 'ON' if value_json.state == 'fault' else 'OFF' }}")
                        .String("dev_cla", "problem");
                    break;
            }

            return Finish(w);
        }

        private static string Label(int kind)
        {
            switch (kind)
            {
                case 0: return " items";
                case 1: return " state";
                case 2: return " time to empty";
                default: return " problem";
            }
        }

        private string ZoneConfig(JsonWriter w, int zone, int kind)
        {
            w.Clear().BeginObject()
                .String("name", _zoneNames[zone] + (kind == 0 ? " visitors" : " occupancy"))
                .String("uniq_id", _nodeId + "_" + _zoneObjects[zone] + (kind == 0 ? "_visitors" : "_occupancy"))
                .String("stat_t", _topics.Zone(_zoneNames[zone]));
            if (kind == 0)
            {
                w.String("val_tpl", "{{ value_json.count }}")
                    .String("unit_of_meas", "visitors")
                    .String("stat_cla", "measurement")
                    .String("ic", "mdi:account-group");
            }
            else
            {
                w.String("val_tpl", "{{ 'ON' if value_json.count > 0 else 'OFF' }}")
                    .String("dev_cla", "occupancy");
            }

            w.Number("exp_aft", _expireAfterS);
            return Finish(w);
        }

        private static void Options(JsonWriter w, string[] values)
        {
            w.BeginArray("ops");
            for (int i = 0; i < values.Length; i++)
            {
                w.Item(values[i]);
            }

            w.EndArray();
        }

        /// <summary>Availability on the retained status (so on the Last Will) and the device identifier.</summary>
        private string Finish(JsonWriter w)
        {
            w.String("avty_t", _topics.Status)
                .String("avty_tpl", Available);
            w.Name("dev").BeginObject().BeginArray("ids").Item(_nodeId).EndArray().EndObject();
            return w.EndObject().ToString();
        }
    }
}
