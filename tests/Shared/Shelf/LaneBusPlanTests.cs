using Beacons.Shared.Configuration;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class LaneBusPlanTests
    {
        private const string Head = "{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"lanes\":[";

        [TestMethod]
        public void FourLanesTwoPerBus_Accepted_SlotsInConfigOrder()
        {
            DeviceConfig c = DeviceConfig.Parse(Head + Lane("A1", 19, 23, 1) + "," + Lane("B1", 34, 26, 2) + "," + Lane("A2", 35, 32, 1) + "," + Lane("B2", 36, 33, 2) + "]}");
            Assert.AreEqual(4, c.Lanes.Length);
            Assert.AreEqual(0, LaneBusPlan.SlotOnBus(c.Lanes, 0));
            Assert.AreEqual(0, LaneBusPlan.SlotOnBus(c.Lanes, 1));
            Assert.AreEqual(1, LaneBusPlan.SlotOnBus(c.Lanes, 2));
            Assert.AreEqual(1, LaneBusPlan.SlotOnBus(c.Lanes, 3));
            Assert.AreEqual(2, LaneBusPlan.LanesOn(c.Lanes, 1));
            Assert.AreEqual(2, LaneBusPlan.LanesOn(c.Lanes, 2));
        }

        [TestMethod]
        public void ThreeLanesOnOneBus_RefusedNamingTheThirdLanesSpiBus()
        {
            try
            {
                DeviceConfig.Parse(Head + Lane("A1", 19, 23, 1) + "," + Lane("A2", 35, 32, 1) + "," + Lane("A3", 36, 33, 1) + "]}");
                Assert.IsTrue(false, "three lanes on bus 1 accepted");
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual("lanes[2].spiBus", ex.Key);
                Assert.StartsWith("bus 1 already serves 2 lanes (lanes[0], lanes[1])", ex.Problem);
            }
        }

        [TestMethod]
        public void PinUsedByTwoLanes_RefusedNamingTheSecondUse()
        {
            try
            {
                DeviceConfig.Parse(Head + Lane("A1", 19, 23, 1) + "," + Lane("B1", 34, 19, 2) + "]}");
                Assert.IsTrue(false, "GPIO 19 used twice accepted");
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual("lanes[1].pdSckPin", ex.Key);
                Assert.Contains("lanes[0].doutPin", ex.Problem);
            }
        }

        [TestMethod]
        public void Check_OnHandBuiltOptions_SamePathPrefix()
        {
            var lanes = new LaneOptions[]
            {
                new LaneOptions { SpiBus = 2, DoutPin = 34, PdSckPin = 26 },
                new LaneOptions { SpiBus = 2, DoutPin = 36, PdSckPin = 33 },
                new LaneOptions { SpiBus = 2, DoutPin = 39, PdSckPin = 25 },
            };
            try
            {
                LaneBusPlan.Check(lanes, "lanes");
                Assert.IsTrue(false, "three lanes on bus 2 accepted");
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual("lanes[2].spiBus", ex.Key);
            }
        }

        private static string Lane(string id, int dout, int pdSck, int bus)
        {
            return "{\"id\":\"" + id + "\",\"doutPin\":" + dout + ",\"pdSckPin\":" + pdSck + ",\"spiBus\":" + bus + ",\"unitGrams\":100,\"countsPerGram\":420,\"offsetCounts\":1000}";
        }
    }
}
