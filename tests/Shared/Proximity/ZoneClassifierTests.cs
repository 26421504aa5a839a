using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class ZoneClassifierTests
    {
        // measured -59 dBm, n = 2: edges 0.5 m = -53 dBm, 3 m = -68.5 dBm, 8 m = -77.1 dBm.
        private static ZoneClassifier Classifier()
        {
            var o = new ProximityOptions();
            o.HysteresisDb = 3;
            return new ZoneClassifier(o);
        }

        [TestMethod]
        public void Classify_ByLogDistanceEdges()
        {
            ZoneClassifier c = Classifier();
            Assert.AreEqual(0, c.Classify(-50));
            Assert.AreEqual(1, c.Classify(-60));
            Assert.AreEqual(2, c.Classify(-75));
            Assert.AreEqual(c.Outside, c.Classify(-90));
            Assert.AreEqual("near", c.Names[1]);
        }

        [TestMethod]
        public void Next_NearTheEdge_StaysUntilMarginCleared()
        {
            ZoneClassifier c = Classifier();
            Assert.AreEqual(1, c.Next(1, -69.5), "1 dB past the near/far edge is inside the margin");
            Assert.AreEqual(2, c.Next(1, -72), "3.5 dB past the edge moves out");
            Assert.AreEqual(2, c.Next(2, -67), "1.5 dB inside is not enough to come back");
            Assert.AreEqual(1, c.Next(2, -65), "3.5 dB inside comes back");
        }

        [TestMethod]
        public void Next_NoZoneYet_NoHysteresis()
        {
            Assert.AreEqual(1, Classifier().Next(-1, -68));
        }

        [TestMethod]
        public void LogDistanceModel_RoundTrips()
        {
            var m = new LogDistanceModel(-59, 2.5);
            Assert.AreEqual(-59.0, m.RssiAtMeters(1));
            // Pow/Log10 are single precision on the device (~7 significant digits): 4.2 m round-trips to within 10 µm,
            // five orders of magnitude below what RSSI can resolve.
            Assert.IsTrue(System.Math.Abs(m.DistanceMeters(m.RssiAtMeters(4.2)) - 4.2) < 1e-5);
        }
    }
}
