using Beacons.Shared.Configuration;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class ProximityOptionsTests
    {
        private static string KeyOf(string proximityJson)
        {
            try
            {
                ProximityOptions.Read(ConfigSection.ParseDocument("{\"proximity\":" + proximityJson + "}").Section("proximity"));
            }
            catch (ConfigException ex)
            {
                return ex.Key;
            }

            return null;
        }

        [TestMethod]
        public void Read_NamedZones_ReplaceDefaults()
        {
            ProximityOptions o = ProximityOptions.Read(ConfigSection.ParseDocument(
                "{\"proximity\":{\"measuredPowerDbm\":-62,\"pathLossExponent\":2.7,\"zones\":[{\"name\":\"endcap-3\",\"maxMeters\":1.5},{\"name\":\"aisle-3\",\"maxMeters\":4}]}}").Section("proximity"));
            Assert.AreEqual(2, o.ZoneCount);
            Assert.AreEqual("endcap-3", o.ZoneNames[0]);
            Assert.AreEqual(4.0, o.ZoneMaxMeters[1]);
            Assert.AreEqual(-62, o.MeasuredPowerDbm);
        }

        [TestMethod]
        public void Read_Defaults_ThreeBands()
        {
            ProximityOptions o = ProximityOptions.Read(ConfigSection.ParseDocument("{\"proximity\":{}}").Section("proximity"));
            Assert.AreEqual(3, o.ZoneCount);
            Assert.AreEqual("far", o.ZoneNames[2]);
        }

        [TestMethod]
        public void Read_BadValues_NameTheKey()
        {
            Assert.AreEqual("proximity.measuredPowerDbm", KeyOf("{\"measuredPowerDbm\":5}"));
            Assert.AreEqual("proximity.pathLossExponent", KeyOf("{\"pathLossExponent\":9}"));
            Assert.AreEqual("proximity.bucketS", KeyOf("{\"bucketS\":700}"));
            Assert.AreEqual("proximity.scanPeriodMs", KeyOf("{\"scanWindowMs\":2000,\"scanPeriodMs\":1000}"));
            Assert.AreEqual("proximity.zones[1].maxMeters", KeyOf("{\"zones\":[{\"name\":\"a\",\"maxMeters\":2},{\"name\":\"b\",\"maxMeters\":1}]}"));
            Assert.AreEqual("proximity.zones[0].maxMeters", KeyOf("{\"zones\":[{\"name\":\"a\"}]}"));
            Assert.AreEqual("proximity.zones[1].name", KeyOf("{\"zones\":[{\"name\":\"a\",\"maxMeters\":1},{\"name\":\"a\",\"maxMeters\":2}]}"));
            Assert.AreEqual("proximity.zones[0].name", KeyOf("{\"zones\":[{\"name\":\"End Cap\",\"maxMeters\":1}]}"));
            Assert.AreEqual("proximity.zones[0].rssi", KeyOf("{\"zones\":[{\"name\":\"a\",\"maxMeters\":1,\"rssi\":-50}]}"));
            Assert.AreEqual("proximity.sessionTimeouts", KeyOf("{\"sessionTimeouts\":30}"));
        }
    }
}
