using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class EidResolverTests
    {
        private static readonly string[] Keys =
        {
            "00112233445566778899aabbccddeeff",
            "553C66DA1485E9F78849DE00F2CB178E",
            "0102030405060708090A111213141516",
        };

        private const long Epoch = 1600000000;

        private static string EidAt(int keyIndex, int k, long beaconTimeS)
        {
            byte[] eid = new byte[8];
            new EidGenerator(Hex.TryDecode(Keys[keyIndex]), k).Compute((uint)beaconTimeS, eid, 0);
            return Hex.Encode(eid);
        }

        [TestMethod]
        public void Resolve_SamePeriod_FindsBeaconWithOffsetZero()
        {
            long beaconTime = 100000;
            EidResolution r = EidResolver.Resolve(Keys, 10, EidAt(2, 10, beaconTime), Epoch + beaconTime + 3, Epoch, 2);
            Assert.IsTrue(r.Found);
            Assert.AreEqual(2, r.BeaconIndex);
            Assert.AreEqual(0, r.WindowOffset);
            Assert.AreEqual(99328L, r.PeriodStartBeaconTimeS);
        }

        [TestMethod]
        public void Resolve_BeaconClockTwoPeriodsBehind_FoundWithinSkew()
        {
            long beaconTime = 100000;
            EidResolution r = EidResolver.Resolve(Keys, 10, EidAt(1, 10, beaconTime), Epoch + beaconTime + 2 * 1024, Epoch, 2);
            Assert.IsTrue(r.Found);
            Assert.AreEqual(1, r.BeaconIndex);
            Assert.AreEqual(-2, r.WindowOffset);
        }

        [TestMethod]
        public void Resolve_BeaconClockAhead_FoundWithPositiveOffset()
        {
            long beaconTime = 100000;
            EidResolution r = EidResolver.Resolve(Keys, 10, EidAt(0, 10, beaconTime), Epoch + beaconTime - 1024, Epoch, 2);
            Assert.IsTrue(r.Found);
            Assert.AreEqual(0, r.BeaconIndex);
            Assert.AreEqual(1, r.WindowOffset);
        }

        [TestMethod]
        public void Resolve_ThreePeriodsOffWithSkewTwo_NotFound()
        {
            long beaconTime = 100000;
            EidResolution r = EidResolver.Resolve(Keys, 10, EidAt(2, 10, beaconTime), Epoch + beaconTime + 3 * 1024, Epoch, 2);
            Assert.IsFalse(r.Found);
            Assert.AreEqual(-1, r.BeaconIndex);
            Assert.AreEqual("no match", r.ToString());
        }

        [TestMethod]
        public void Resolve_UnknownKeyOrWrongExponent_NotFound()
        {
            long beaconTime = 100000;
            string eid = EidAt(2, 10, beaconTime);
            Assert.IsFalse(EidResolver.Resolve(new string[] { Keys[0], Keys[1] }, 10, eid, Epoch + beaconTime, Epoch, 2).Found);
            Assert.IsFalse(EidResolver.Resolve(Keys, 9, eid, Epoch + beaconTime, Epoch, 2).Found);
        }

        [TestMethod]
        public void Resolve_SpecVectorAtUnixEpochZero_Found()
        {
            EidResolution r = EidResolver.Resolve(Keys, 10, "A9B76A71C5F89290", 0, 0, 0);
            Assert.IsTrue(r.Found);
            Assert.AreEqual(2, r.BeaconIndex);
            Assert.AreEqual("beacon 2 (window offset 0, period start 0)", r.ToString());
        }

        [TestMethod]
        [DataRow("zz", 10, "a9b76a71c5f89290", 0L)]
        [DataRow("0102030405060708090A111213141516", 16, "a9b76a71c5f89290", 0L)]
        [DataRow("0102030405060708090A111213141516", 10, "a9b76a71c5f892", 0L)]
        [DataRow("0102030405060708090A111213141516", 10, "a9b76a71c5f89290", -5L)]
        public void Resolve_BadInput_ErrorNotException(string key, int k, string eid, long observedUnixS)
        {
            EidResolution r = EidResolver.Resolve(new string[] { key }, k, eid, observedUnixS, 0, 2);
            Assert.IsFalse(r.Found);
            Assert.IsNotNull(r.Error);
            Assert.StartsWith("error: ", r.ToString());
        }
    }
}
