using System;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class EddystoneFrameTests
    {
        [TestMethod]
        public void WriteUid_SpecNamespace_MatchesGoldenBytesAndFills31()
        {
            byte[] buffer = new byte[31];
            int n = EddystoneFrame.WriteUid(buffer, 0, -18, Hex.TryDecode("8b0ca750095477cb3e77"), Hex.TryDecode("0000000000ab"));
            Assert.AreEqual(31, n);
            Assert.AreEqual(GoldenFrames.UidSpecNamespace, Hex.Encode(buffer, 0, n));
            Assert.AreEqual((byte)0x17, buffer[7]); // service data length the UID spec requires
        }

        [TestMethod]
        public void ElidedNamespace_SpecExample_DropsBytes5To10()
        {
            Assert.AreEqual("8b0ca750095477cb3e77", EddystoneOptions.ElidedNamespace("8b0ca750-e7a7-4e14-bd99-095477cb3e77"));
        }

        [TestMethod]
        public void WriteUrl_SpecExample_MatchesGoldenBytes()
        {
            byte[] encoded = new byte[18];
            int e = EddystoneUrlCodec.Encode("https://goo.gl/S6zT6P", encoded, 0);
            byte[] buffer = new byte[31];
            int n = EddystoneFrame.WriteUrl(buffer, 0, 18, encoded, 0, e);
            Assert.AreEqual(GoldenFrames.UrlSpecExample, Hex.Encode(buffer, 0, n));
        }

        [TestMethod]
        [DataRow(18, (byte)0x12)]
        [DataRow(-18, (byte)0xEE)]
        public void WriteUrl_TxPower_SignedByteAsInSpecExamples(int dbm, byte expected)
        {
            byte[] buffer = new byte[31];
            EddystoneFrame.WriteUrl(buffer, 0, dbm, new byte[] { 0x03, 0x61 }, 0, 2);
            Assert.AreEqual(expected, buffer[12]);
        }

        [TestMethod]
        public void WriteTlm_Example_MatchesGoldenBytes()
        {
            byte[] buffer = new byte[31];
            int n = EddystoneFrame.WriteTlm(buffer, 0, 3000, 25.5, 1000, 3600000);
            Assert.AreEqual(25, n);
            Assert.AreEqual(GoldenFrames.TlmExample, Hex.Encode(buffer, 0, n));
            Assert.AreEqual((byte)0x11, buffer[7]); // service data length the TLM spec requires
        }

        [TestMethod]
        public void WriteTlm_NothingSupported_ZeroBatteryAnd8000()
        {
            byte[] buffer = new byte[31];
            EddystoneFrame.WriteTlm(buffer, 0, 0, double.NaN, 0, 0);
            Assert.AreEqual("00008000", Hex.Encode(buffer, 13, 4));
        }

        [TestMethod]
        public void WriteTlm_MaximumValues_ClampedAndAtMost31Bytes()
        {
            byte[] buffer = new byte[31];
            int n = EddystoneFrame.WriteTlm(buffer, 0, 70000, 500.0, uint.MaxValue, 429496729500L);
            Assert.IsTrue(n <= 31);
            Assert.AreEqual("ffff" + "7fff" + "ffffffff" + "ffffffff", Hex.Encode(buffer, 13, 12));
        }

        [TestMethod]
        [DataRow(25.5, 0x1980)]
        [DataRow(-1.5, 0xFE80)]
        [DataRow(0.0, 0x0000)]
        [DataRow(-128.0, 0x8001)]
        [DataRow(1.0 / 256.0, 0x0001)]
        public void ToFixed88_Celsius_SignedEightDotEight(double celsius, int expected)
        {
            Assert.AreEqual(expected, EddystoneFrame.ToFixed88(celsius));
        }

        [TestMethod]
        public void WriteEid_Vector_MatchesGoldenBytes()
        {
            byte[] eid = new byte[8];
            new EidGenerator(Hex.TryDecode(GoldenFrames.EidKey), 10).Compute(0, eid, 0);
            byte[] buffer = new byte[31];
            int n = EddystoneFrame.WriteEid(buffer, 0, -18, eid, 0);
            Assert.AreEqual(21, n);
            Assert.AreEqual(GoldenFrames.EidVector, Hex.Encode(buffer, 0, n));
        }

        [TestMethod]
        [DataRow(21)]
        [DataRow(-101)]
        public void WriteUid_TxPowerOutsideSpec_Throws(int dbm)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => EddystoneFrame.WriteUid(new byte[31], 0, dbm, new byte[10], new byte[6]));
        }
    }
}
