using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class TopicTreeTests
    {
        [TestMethod]
        public void Topics_AllUnderDeviceSubtree()
        {
            var t = new TopicTree("retail/v1", "s001", "n01");
            Assert.AreEqual("retail/v1/s001/n01/status", t.Status);
            Assert.AreEqual("retail/v1/s001/n01/stock/A1", t.StockLevel("A1"));
            Assert.AreEqual("retail/v1/s001/n01/events/stock", t.StockEvents);
            Assert.AreEqual("retail/v1/s001/n01/events/proximity", t.ProximityEvents);
            Assert.AreEqual("retail/v1/s001/n01/privacy", t.Privacy);
            Assert.AreEqual("retail/v1/s001/n01/cmd", t.Command);
            Assert.AreEqual("retail/v1/s001/n01/cmd/result", t.CommandResult);
            Assert.AreEqual("retail/v1/s001/n01/zones/endcap-3", t.Zone("endcap-3"));
        }

        [TestMethod]
        public void SafeId_KeepsPlainIdsAndEscapesTheRestInjectively()
        {
            Assert.AreEqual("endcap-3", TopicTree.SafeId("endcap-3"));
            Assert.AreEqual("a_2e1", TopicTree.SafeId("a.1"));
            Assert.AreEqual("a_5f1", TopicTree.SafeId("a_1"));
            Assert.AreEqual("aisle_203_2f_2b_23", TopicTree.SafeId("aisle 3/+#"), "no topic wildcard or separator survives");
            Assert.AreEqual("caf_e9_u20ac", TopicTree.SafeId("caf\u00e9\u20ac"));
            Assert.AreEqual("_", TopicTree.SafeId(""));
            Assert.AreNotEqual(TopicTree.SafeId("a_2e1"), TopicTree.SafeId("a.1"));
        }
    }
}
