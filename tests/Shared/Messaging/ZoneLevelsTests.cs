using Beacons.Shared.Messaging;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class ZoneLevelsTests
    {
        [TestMethod]
        public void TopicFor_AggregatesOfEachZoneOnlyFromTheRealWriter()
        {
            var topics = new TopicTree("retail/v1", "s001", "n01");
            var zones = new ZoneLevels(topics, new string[] { "near", "near-2", "say \"hi\"" });
            var writer = new ProximityEventWriter();
            int[] hist = new int[] { 1, 2, 3, 2, 1, 0 };
            Assert.AreEqual("retail/v1/s001/n01/zones/near", zones.TopicFor(writer.Aggregate("near", 4, 1795000300000, 1795000000000, 300, 9, hist, 0)));
            Assert.AreEqual("retail/v1/s001/n01/zones/near-2", zones.TopicFor(writer.Aggregate("near-2", 5, 1795000300000, 1795000000000, 300, 9, hist, 0)), "a prefix of another zone's name is not that zone");
            Assert.AreEqual("retail/v1/s001/n01/zones/say_20_22hi_22", zones.TopicFor(writer.Aggregate("say \"hi\"", 6, 1795000300000, 1795000000000, 300, 9, hist, 0)));
            Assert.IsNull(zones.TopicFor(writer.Visit("enter", "near", 7, 1795000000000, "399b1125ec7523ec", null, -1, 0)));
            Assert.IsNull(zones.TopicFor(writer.Aggregate("far", 8, 1795000300000, 1795000000000, 300, 9, hist, 0)), "not a configured zone");
            Assert.IsNull(zones.TopicFor(null));
            Assert.IsNull(new ZoneLevels(topics, null).TopicFor("{\"type\":\"aggregate\"}"));
        }
    }
}
