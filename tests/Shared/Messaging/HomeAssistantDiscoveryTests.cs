using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class HomeAssistantDiscoveryTests
    {
        [TestMethod]
        public void LaneConfig_PointsAtRetainedLevelAndStatus()
        {
            var topics = new TopicTree("retail/v1", "s001", "n01");
            var ha = new HomeAssistantDiscovery("homeassistant", "s001", "n01", topics, "0.1.0");
            var w = new JsonWriter(512);
            string json = ha.LaneConfig(w, "A1", null);
            Assert.AreEqual("homeassistant/sensor/s001-n01/lane_A1/config", ha.LaneConfigTopic("A1"));
            Assert.Contains("\"state_topic\":\"retail/v1/s001/n01/stock/A1\"", json);
            Assert.Contains("\"unique_id\":\"s001-n01_lane_A1\"", json);
            Assert.Contains("\"availability_topic\":\"retail/v1/s001/n01/status\"", json);
            Assert.Contains("\"device\":{\"identifiers\":[\"s001-n01\"]", json);
            Assert.EndsWith("}}", json);
        }
    }
}
