using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class HomeAssistantDiscoveryTests
    {
        private static HomeAssistantDiscovery Node(string[] lanes, string[] zones)
        {
            var topics = new TopicTree("retail/v1", "s001", "n01");
            return new HomeAssistantDiscovery("homeassistant", "s001", "n01", topics, "0.1.0", "ESP32 store node (shelf)",
                "https://docs.example/mqtt.md", lanes, new string[] { "Cola 0.5 l", null }, zones, 300);
        }

        [TestMethod]
        public void Count_StatusFourPerLaneTwoPerZone()
        {
            Assert.AreEqual(1 + 8 + 6, Node(new string[] { "a1", "a2" }, new string[] { "immediate", "near", "far" }).Count);
            Assert.AreEqual(1, Node(null, null).Count);
        }

        [TestMethod]
        public void Topics_ComponentNodeAndObjectId()
        {
            HomeAssistantDiscovery ha = Node(new string[] { "a1", "b.2" }, new string[] { "endcap-3" });
            Assert.AreEqual("homeassistant/sensor/s001-n01/status/config", ha.Topic(0));
            Assert.AreEqual("homeassistant/sensor/s001-n01/lane_a1_items/config", ha.Topic(1));
            Assert.AreEqual("homeassistant/sensor/s001-n01/lane_a1_state/config", ha.Topic(2));
            Assert.AreEqual("homeassistant/sensor/s001-n01/lane_a1_empty_in/config", ha.Topic(3));
            Assert.AreEqual("homeassistant/binary_sensor/s001-n01/lane_a1_problem/config", ha.Topic(4));
            Assert.AreEqual("homeassistant/sensor/s001-n01/lane_b_2e2_items/config", ha.Topic(5), "a '.' is no object id character");
            Assert.AreEqual("homeassistant/sensor/s001-n01/zone_endcap-3_visitors/config", ha.Topic(9));
            Assert.AreEqual("homeassistant/binary_sensor/s001-n01/zone_endcap-3_occupancy/config", ha.Topic(10));
        }

        [TestMethod]
        public void LaneDocuments_ReadTheRetainedLevelWithAvailabilityOnStatus()
        {
            HomeAssistantDiscovery ha = Node(new string[] { "a1", "a2" }, null);
            var w = new JsonWriter(512);
            string items = ha.Document(w, 1);
            Assert.Contains("\"name\":\"Cola 0.5 l items\"", items);
            Assert.Contains("\"uniq_id\":\"s001-n01_lane_a1_items\"", items);
            Assert.Contains("\"stat_t\":\"retail/v1/s001/n01/stock/a1\"", items);
            Assert.Contains("\"val_tpl\":\"{{ value_json.items }}\"", items);
            Assert.Contains("\"avty_t\":\"retail/v1/s001/n01/status\"", items);
            Assert.EndsWith("\"dev\":{\"ids\":[\"s001-n01\"]}}", items);
            string state = ha.Document(w, 6);
            Assert.Contains("\"name\":\"a2 state\"", state);
            Assert.Contains("\"ops\":[\"ok\",\"low\",\"empty\",\"fault\",\"unknown\"]", state);
            Assert.Contains("\"dev_cla\":\"problem\"", ha.Document(w, 8));
        }

        [TestMethod]
        public void StatusDocument_CarriesTheDeviceRegistryEntryAndNoAvailability()
        {
            string status = Node(null, null).Document(new JsonWriter(512), 0);
            Assert.Contains("\"dev\":{\"ids\":[\"s001-n01\"],\"name\":\"Node s001/n01\",\"mf\":\"Retail beacons\",\"mdl\":\"ESP32 store node (shelf)\",\"sw\":\"0.1.0\",\"cu\":\"https://docs.example/mqtt.md\"}", status);
            Assert.IsTrue(status.IndexOf("avty_t") < 0, "the status shows offline itself rather than going unavailable");
        }

        [TestMethod]
        public void ZoneDocuments_ReadTheRetainedZoneAndExpireAfterTwoBuckets()
        {
            HomeAssistantDiscovery ha = Node(null, new string[] { "near" });
            var w = new JsonWriter(512);
            string visitors = ha.Document(w, 1);
            Assert.Contains("\"stat_t\":\"retail/v1/s001/n01/zones/near\"", visitors);
            Assert.Contains("\"exp_aft\":600", visitors);
            Assert.Contains("\"dev_cla\":\"occupancy\"", ha.Document(w, 2));
        }
    }
}
