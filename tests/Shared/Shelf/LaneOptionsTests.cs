using Beacons.Shared.Configuration;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class LaneOptionsTests
    {
        private static LaneOptions Valid()
        {
            var o = new LaneOptions();
            o.Id = "A1";
            o.UnitGrams = 350;
            o.CountsPerGram = 429.5;
            o.ZeroCounts = 81234;
            return o;
        }

        private static string KeyOf(LaneOptions o, string prefix)
        {
            try
            {
                o.Validate(prefix);
            }
            catch (ConfigException ex)
            {
                return ex.Key;
            }

            return null;
        }

        [TestMethod]
        public void Validate_Defaults_Pass()
        {
            LaneOptions o = Valid();
            o.Validate("lanes[0]");
            Assert.AreEqual(105.0, o.EffectiveToleranceGrams);
            Assert.AreEqual(70.0, o.EffectiveMaxDriftGramsPerMin);
        }

        [TestMethod]
        public void Validate_ZeroUnit_KeyIsLanesUnitGrams()
        {
            LaneOptions o = Valid();
            o.UnitGrams = 0;
            Assert.AreEqual("lanes[0].unitGrams", KeyOf(o, "lanes[0]"));
        }

        [TestMethod]
        public void Validate_EachBadValue_ItsKey()
        {
            LaneOptions o = Valid();
            o.Id = "A/1";
            Assert.AreEqual("lanes[2].id", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.ToleranceGrams = 200;
            Assert.AreEqual("lanes[2].toleranceGrams", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.LowItems = 1;
            o.EmptyItems = 3;
            Assert.AreEqual("lanes[2].lowItems", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.Sps = 20;
            Assert.AreEqual("lanes[2].sps", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.Gain = 100;
            Assert.AreEqual("lanes[2].gain", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.CountsPerGram = 0.001;
            Assert.AreEqual("lanes[2].countsPerGram", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.ZeroCounts = 8388607;
            Assert.AreEqual("lanes[2].offsetCounts", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.CapacityGrams = 100;
            Assert.AreEqual("lanes[2].capacityGrams", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.DoutPin = 4;
            o.PdSckPin = 4;
            Assert.AreEqual("lanes[2].pdSckPin", KeyOf(o, "lanes[2]"));
            o = Valid();
            o.UnitGrams = 0;
            Assert.AreEqual("unitGrams", KeyOf(o, ""));
        }

        [TestMethod]
        public void Validate_NegativeCountsPerGram_Allowed()
        {
            LaneOptions o = Valid();
            o.CountsPerGram = -212.7;
            Assert.IsNull(KeyOf(o, "lanes[0]"));
        }

        [TestMethod]
        public void ReadLanes_Document_OptionsWithConfigKeys()
        {
            LaneOptions[] lanes = ShelfReplay.ReadLanes("{\"lanes\":[{\"id\":\"A1\",\"doutPin\":34,\"pdSckPin\":23,\"unitGrams\":350.5,\"countsPerGram\":-420.25,\"offsetCounts\":-1200,\"lowItems\":3,\"sps\":80,\"capacityGrams\":5000}]}");
            Assert.AreEqual(1, lanes.Length);
            Assert.AreEqual("A1", lanes[0].Id);
            Assert.AreEqual(350.5, lanes[0].UnitGrams);
            Assert.AreEqual(-420.25, lanes[0].CountsPerGram);
            Assert.AreEqual(-1200.0, lanes[0].ZeroCounts);
            Assert.AreEqual(3, lanes[0].LowItems);
            Assert.AreEqual(80, lanes[0].Sps);
            Assert.AreEqual(34, lanes[0].DoutPin);
        }

        [TestMethod]
        public void ReadLanes_BadUnit_KeyHasTheIndex()
        {
            ConfigException caught = null;
            try
            {
                ShelfReplay.ReadLanes("{\"lanes\":[{\"id\":\"A1\",\"doutPin\":34,\"pdSckPin\":23,\"unitGrams\":350},{\"id\":\"A2\",\"doutPin\":35,\"pdSckPin\":22,\"unitGrams\":0}]}");
            }
            catch (ConfigException ex)
            {
                caught = ex;
            }

            Assert.IsNotNull(caught);
            Assert.AreEqual("lanes[1].unitGrams", caught.Key);
        }

        [TestMethod]
        public void ReadLanes_UnknownKey_Rejected()
        {
            ConfigException caught = null;
            try
            {
                ShelfReplay.ReadLanes("{\"lanes\":[{\"id\":\"A1\",\"doutPin\":34,\"pdSckPin\":23,\"unitGrams\":350,\"unitGram\":3}]}");
            }
            catch (ConfigException ex)
            {
                caught = ex;
            }

            Assert.IsNotNull(caught);
            Assert.AreEqual("lanes[0].unitGram", caught.Key);
        }

        [TestMethod]
        public void ReadLanes_MissingUnit_Required()
        {
            Assert.ThrowsException(typeof(ConfigException), () => ShelfReplay.ReadLanes("{\"lanes\":[{\"id\":\"A1\",\"doutPin\":34,\"pdSckPin\":23}]}"));
        }
    }
}
