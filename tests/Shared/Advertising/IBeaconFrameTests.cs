using System;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class IBeaconFrameTests
    {
        [TestMethod]
        public void Write_NanoFrameworkSampleBeacon_MatchesGoldenBytes()
        {
            byte[] buffer = new byte[31];
            int n = IBeaconFrame.Write(buffer, 0, IBeaconOptions.ParseUuid(GoldenFrames.SampleUuid), 0, 1, -59);
            Assert.AreEqual(30, n);
            Assert.AreEqual(GoldenFrames.IBeaconSample, Hex.Encode(buffer, 0, n));
        }

        [TestMethod]
        public void Write_MaxMajorMinor_BigEndianAndAtMost31Bytes()
        {
            byte[] buffer = new byte[31];
            int n = IBeaconFrame.Write(buffer, 0, new byte[16], 0xABCD, 0xFFFF, -127);
            Assert.IsTrue(n <= 31);
            Assert.AreEqual("abcdffff81", Hex.Encode(buffer, 25, 5));
        }

        [TestMethod]
        public void Write_AtOffset_LeavesBytesBeforeUntouched()
        {
            byte[] buffer = new byte[40];
            buffer[0] = 0x77;
            IBeaconFrame.Write(buffer, 5, IBeaconOptions.ParseUuid(GoldenFrames.SampleUuid), 0, 1, -59);
            Assert.AreEqual((byte)0x77, buffer[0]);
            Assert.AreEqual(GoldenFrames.IBeaconSample, Hex.Encode(buffer, 5, 30));
        }

        [TestMethod]
        public void Write_MajorOutOfRange_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => IBeaconFrame.Write(new byte[31], 0, new byte[16], 65536, 0, -59));
        }

        [TestMethod]
        [DataRow("e2c56db5-dffb-48d2-b060-d0f5a71096e0")]
        [DataRow("E2C56DB5DFFB48D2B060D0F5A71096E0")]
        public void ParseUuid_DashedOrPlain_SameBytes(string text)
        {
            Assert.AreEqual("e2c56db5dffb48d2b060d0f5a71096e0", Hex.Encode(IBeaconOptions.ParseUuid(text)));
        }

        [TestMethod]
        [DataRow("E2C56DB5-DFFB-48D2-B060-D0F5A71096E")]
        [DataRow("E2C56DB5DFFB-48D2-B060-D0F5A71096E0-")]
        [DataRow("G2C56DB5-DFFB-48D2-B060-D0F5A71096E0")]
        [DataRow("")]
        public void ParseUuid_Malformed_ReturnsNull(string text)
        {
            Assert.IsNull(IBeaconOptions.ParseUuid(text));
        }
    }
}
