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
        }
    }
}
