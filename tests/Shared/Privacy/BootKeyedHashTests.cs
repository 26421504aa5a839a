using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class BootKeyedHashTests
    {
        private static byte[] Key(int first)
        {
            byte[] k = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                k[i] = (byte)(first + i);
            }

            return k;
        }

        [TestMethod]
        public void Hash_SipHashReferenceVector()
        {
            // SipHash-2-4 paper, key 00..0f, message 00..07: 62 24 93 9a 79 f5 f5 93 (little-endian).
            Assert.AreEqual(0x93f5f5799a932462UL, new BootKeyedHash(Key(0)).Hash(0x0706050403020100UL));
        }

        [TestMethod]
        public void HashAddress_DependsOnKeyAndType()
        {
            long a = 0x0123456789ABL;
            var h = new BootKeyedHash(Key(0));
            Assert.AreEqual(h.HashAddress(a, 1), h.HashAddress(a, 1));
            Assert.AreNotEqual(h.HashAddress(a, 0), h.HashAddress(a, 1));
            Assert.AreNotEqual(h.HashAddress(a, 1), new BootKeyedHash(Key(1)).HashAddress(a, 1));
        }
    }
}
