using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Common
{
    [TestClass]
    public class HexTests
    {
        [TestMethod]
        public void Encode_Bytes_LowerCaseHex()
        {
            Assert.AreEqual("00ff10ab", Hex.Encode(new byte[] { 0x00, 0xFF, 0x10, 0xAB }));
        }

        [TestMethod]
        [DataRow("0")]
        [DataRow("zz")]
        [DataRow("0g")]
        public void TryDecode_Malformed_ReturnsNull(string text)
        {
            Assert.IsNull(Hex.TryDecode(text));
        }

        [TestMethod]
        public void TryDecode_MixedCase_RoundTrips()
        {
            byte[] bytes = Hex.TryDecode("00FfAb");
            Assert.AreEqual(3, bytes.Length);
            Assert.AreEqual("00ffab", Hex.Encode(bytes));
        }
    }
}
