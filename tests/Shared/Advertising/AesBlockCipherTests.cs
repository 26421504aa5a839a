using System;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class AesBlockCipherTests
    {
        [TestMethod]
        public void EncryptBlock_Fips197AppendixC1_KnownCiphertext()
        {
            var aes = new AesBlockCipher(Hex.TryDecode("000102030405060708090a0b0c0d0e0f"));
            byte[] block = Hex.TryDecode("00112233445566778899aabbccddeeff");
            byte[] output = new byte[16];
            aes.EncryptBlock(block, 0, output, 0);
            Assert.AreEqual("69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Encode(output));
        }

        [TestMethod]
        public void EncryptBlock_InPlaceWithOffsets_SameResult()
        {
            var aes = new AesBlockCipher(Hex.TryDecode("000102030405060708090a0b0c0d0e0f"));
            byte[] buffer = Hex.TryDecode("ffff" + "00112233445566778899aabbccddeeff");
            aes.EncryptBlock(buffer, 2, buffer, 2);
            Assert.AreEqual("ffff" + "69c4e0d86a7b0430d8cdb78070b4c55a", Hex.Encode(buffer));
        }

        [TestMethod]
        public void EncryptBlock_EidTemporaryKeyAtTimeZero_MatchesIndependentComputation()
        {
            // AES-128(0102…16, 00×11 FF 00 00 00 00), computed with Python's `cryptography` package.
            var aes = new AesBlockCipher(Hex.TryDecode(GoldenFrames.EidKey));
            byte[] block = Hex.TryDecode("0000000000000000000000ff00000000");
            aes.EncryptBlock(block, 0, block, 0);
            Assert.AreEqual("6f291c5c48264b8a0b38a19e7fed73cc", Hex.Encode(block));
        }

        [TestMethod]
        public void Constructor_ShortKey_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new AesBlockCipher(new byte[15]));
        }
    }
}
