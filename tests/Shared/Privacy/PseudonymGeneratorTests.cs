using Beacons.Shared.Common;
using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class PseudonymGeneratorTests
    {
        private static byte[] Secret()
        {
            byte[] s = new byte[32];
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = (byte)i;
            }

            return s;
        }

        private static readonly byte[] Token = { 1, 2, 3, 4, 5, 6, 7, 8 };

        [TestMethod]
        public void IdHex_GoldenVector_MatchesBackendRecipe()
        {
            // Python: hmac.new(bytes(range(32)), (1795000000 // 86400).to_bytes(8, 'big') + bytes([1..8]), sha256).hexdigest()[:16]
            var g = new PseudonymGenerator(Secret(), 24);
            Assert.AreEqual(20775L, g.EpochOf(1795000000));
            Assert.AreEqual("399b1125ec7523ec", g.IdHex(1795000000, Token, 0));
        }

        [TestMethod]
        public void PidHex_GoldenVector_MatchesBackendRecipe()
        {
            var g = new PseudonymGenerator(Secret(), 24);
            Assert.AreEqual("5ea9633fb4bd1788", g.PidHex(Token, 0));
        }

        [TestMethod]
        public void IdHex_SameEpoch_Same_NextEpoch_Different()
        {
            var g = new PseudonymGenerator(Secret(), 24);
            long start = 20775L * 86400;
            Assert.AreEqual(g.IdHex(start, Token, 0), g.IdHex(start + 86399, Token, 0));
            Assert.AreNotEqual(g.IdHex(start, Token, 0), g.IdHex(start + 86400, Token, 0));
        }

        [TestMethod]
        public void IdHex_OtherSecret_Different()
        {
            byte[] other = Secret();
            other[0] = 0xAA;
            Assert.AreNotEqual(new PseudonymGenerator(Secret(), 24).IdHex(1000, Token, 0), new PseudonymGenerator(other, 24).IdHex(1000, Token, 0));
        }

        [TestMethod]
        public void EpochOf_NegativeTime_Floors()
        {
            var g = new PseudonymGenerator(Secret(), 1);
            Assert.AreEqual(-1L, g.EpochOf(-1));
            Assert.AreEqual(0L, g.EpochOf(3599));
            Assert.AreEqual(1L, g.EpochOf(3600));
        }

        [TestMethod]
        public void ComputeId_WritesEightBytes()
        {
            byte[] dest = new byte[10];
            new PseudonymGenerator(Secret(), 24).ComputeId(20775, Token, 0, dest, 1);
            Assert.AreEqual("399b1125ec7523ec", Hex.Encode(dest, 1, 8));
            Assert.AreEqual((byte)0, dest[9]);
        }
    }
}
