namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Home Assistant MQTT discovery documents (opt-in: <c>homeAssistant.discovery</c> in the device config), published
    /// retained under <c>homeassistant/sensor/&lt;store&gt;-&lt;device&gt;/…/config</c>. Each lane becomes an item-count sensor
    /// reading the lane's retained level; the node gets a status sensor. Availability follows the retained status, so
    /// the Last Will marks every entity unavailable when the node dies.
    /// </summary>
    public sealed class HomeAssistantDiscovery
    {
        public const string DefaultPrefix = "homeassistant";

        private readonly string _prefix;
        private readonly string _nodeId;
        private readonly string _storeId;
        private readonly string _deviceId;
        private readonly TopicTree _topics;
        private readonly string _firmwareVersion;

        public HomeAssistantDiscovery(string discoveryPrefix, string storeId, string deviceId, TopicTree topics, string firmwareVersion)
        {
            _prefix = discoveryPrefix;
            _storeId = storeId;
            _deviceId = deviceId;
            _nodeId = storeId + "-" + deviceId;
            _topics = topics;
            _firmwareVersion = firmwareVersion;
        }

        public string LaneConfigTopic(string laneId)
        {
            return _prefix + "/sensor/" + _nodeId + "/lane_" + laneId + "/config";
        }

        public string StatusConfigTopic()
        {
            return _prefix + "/sensor/" + _nodeId + "/status/config";
        }

        /// <summary>Discovery document for a lane's item count.</summary>
        public string LaneConfig(JsonWriter w, string laneId, string laneName)
        {
            w.Clear().BeginObject()
                .String("name", laneName == null || laneName.Length == 0 ? "Lane " + laneId : laneName)
                .String("unique_id", _nodeId + "_lane_" + laneId)
                .String("state_topic", _topics.StockLevel(laneId))
                .String("value_template", "{{ value_json.items }}")
                .String("json_attributes_topic", _topics.StockLevel(laneId))
                .String("unit_of_measurement", "items")
                .String("state_class", "measurement")
                .String("icon", "mdi:package-variant");
            Availability(w);
            Device(w);
            w.EndObject();
            return w.ToString();
        }

        /// <summary>Discovery document for the node's status (online / offline / safe-mode).</summary>
        public string StatusConfig(JsonWriter w)
        {
            w.Clear().BeginObject()
                .String("name", "Status")
                .String("unique_id", _nodeId + "_status")
                .String("state_topic", _topics.Status)
                .String("value_template", "{{ value_json.state }}")
                .String("json_attributes_topic", _topics.Status)
                .String("entity_category", "diagnostic")
                .String("icon", "mdi:access-point");
            Device(w);
            w.EndObject();
            return w.ToString();
        }

        private void Availability(JsonWriter w)
        {
            w.String("availability_topic", _topics.Status)
                .String("availability_template", "{{ 'online' if value_json.state == 'online' else 'offline' }}");
        }

        private void Device(JsonWriter w)
        {
            w.Name("device").BeginObject()
                .BeginArray("identifiers").Item(_nodeId).EndArray()
                .String("name", "Shelf node " + _storeId + "/" + _deviceId)
                .String("manufacturer", "Retail beacons")
                .String("model", "ESP32 beacon + shelf node")
                .String("sw_version", _firmwareVersion)
                .EndObject();
        }
    }
}
