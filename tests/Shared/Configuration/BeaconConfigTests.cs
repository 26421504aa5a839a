using Beacons.Shared.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Configuration
{
    [TestClass]
    public class BeaconConfigTests
    {
        private const string Head = "{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"beacon\":";

        [TestMethod]
        public void Parse_IBeaconAndEddystone_Mapped()
        {
            DeviceConfig c = DeviceConfig.Parse(Head + "{\"ibeacon\":{\"uuid\":\"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0\",\"major\":1,\"minor\":2,\"measuredPower\":-60},"
                + "\"eddystone\":{\"namespace\":\"00112233445566778899\",\"instance\":\"aabbccddeeff\",\"url\":\"https://example.com\",\"txPowerAt0m\":-20,\"tlm\":true},"
                + "\"schedule\":{\"slotMs\":1500}}}");
            Assert.AreEqual(2, c.Beacon.IBeacon.Minor);
            Assert.AreEqual(-60, c.Beacon.IBeacon.MeasuredPowerDbm);
            Assert.AreEqual("https://example.com", c.Beacon.Eddystone.Url);
            Assert.IsTrue(c.Beacon.Eddystone.Tlm);
            Assert.AreEqual(1500, c.Beacon.Schedule.SlotMs);
        }

        [TestMethod]
        public void Parse_EidEpochAbove24Bits_KeptExactly()
        {
            // 1735689601 is odd and above 2^24: a single-precision Math.Floor check on the device turns it into ...600.
            DeviceConfig c = DeviceConfig.Parse(Head + "{\"eid\":{\"identityKey\":\"00112233445566778899aabbccddeeff\",\"epochUnixS\":1735689601}}}");
            Assert.AreEqual(1735689601L, c.Beacon.Eid.EpochUnixS);
        }

        [TestMethod]
        public void Parse_NoBeaconSection_NoBeacons()
        {
            Assert.IsNull(DeviceConfig.Parse(DeviceConfigTests.Minimal).Beacon);
        }

        [TestMethod]
        [DataRow("{\"ibeacon\":{\"uuid\":\"x\",\"major\":1,\"minor\":1}}", "beacon.ibeacon.uuid")]
        [DataRow("{\"ibeacon\":{\"uuid\":\"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0\",\"major\":70000,\"minor\":1}}", "beacon.ibeacon.major")]
        [DataRow("{\"ibeacon\":{\"uuid\":\"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0\",\"major\":\"1\",\"minor\":1}}", "beacon.ibeacon.major")]
        [DataRow("{\"eddystone\":{\"namespace\":\"0011\",\"instance\":\"aabbccddeeff\"}}", "beacon.eddystone.namespace")]
        [DataRow("{\"eid\":{\"identityKey\":\"00112233445566778899aabbccddeeff\",\"rotationExponent\":99}}", "beacon.eid.rotationExponent")]
        [DataRow("{\"ibeacon\":{\"uuid\":\"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0\",\"major\":1,\"minor\":1},\"schedule\":{\"slotMs\":200}}", "beacon.schedule.slotMs")]
        [DataRow("{\"schedule\":{\"slotMs\":2000}}", "beacon")]
        [DataRow("{\"ibeacon\":{\"uuid\":\"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0\",\"majr\":1}}", "beacon.ibeacon.majr")]
        [DataRow("{\"lighthouse\":{}}", "beacon.lighthouse")]
        public void Parse_BadBeacon_NamesTheKey(string beacon, string key)
        {
            try
            {
                DeviceConfig.Parse(Head + beacon + "}");
                Assert.IsTrue(false, "accepted");
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual(key, ex.Key);
            }
        }
    }
}
