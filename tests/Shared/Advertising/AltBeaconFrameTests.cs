using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class AltBeaconFrameTests
    {
        [TestMethod]
        public void Write_Example_MatchesGoldenBytesAndFills31()
        {
            byte[] buffer = new byte[31];
            int n = AltBeaconFrame.Write(buffer, 0, 0x0118, Hex.TryDecode("000102030405060708090a0b0c0d0e0f10111213"), -59, 0);
            Assert.AreEqual(31, n);
            Assert.AreEqual(GoldenFrames.AltBeaconExample, Hex.Encode(buffer, 0, n));
        }
    }
}
