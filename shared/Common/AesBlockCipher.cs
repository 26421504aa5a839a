using System;
using System.Security.Cryptography;

namespace Beacons.Shared.Common
{
    /// <summary>
    /// AES-128 encryption of single 16-byte blocks (ECB, no padding): the primitive Eddystone-EID is built on.
    /// </summary>
    /// <remarks>
    /// This is the one platform fork allowed in shared/. Both platforms call their AES class
    /// System.Security.Cryptography.Aes, but the two types share nothing beyond the name: nanoFramework's
    /// (package nanoFramework.System.Security.Cryptography, backed by Mbed TLS) is constructed with a CipherMode and
    /// encrypts whole arrays with <c>Encrypt(byte[])</c>; .NET's is abstract, created by <c>Aes.Create()</c> and
    /// encrypts with <c>EncryptEcb</c>. No single source line compiles on both, and a device-API stand-in in the
    /// virtual device would shadow the real host cryptography, so the difference is kept to this file.
    /// Each call allocates the cipher output on both platforms; callers cache results (the EID generator computes
    /// at most two blocks per rotation period).
    /// </remarks>
    public sealed class AesBlockCipher
    {
        /// <summary>AES block and AES-128 key length in bytes.</summary>
        public const int BlockBytes = 16;

        private readonly byte[] _block = new byte[BlockBytes];
        private readonly Aes _aes;

        /// <summary>Creates a cipher for a 16-byte key.</summary>
        /// <exception cref="ArgumentException">The key is not 16 bytes.</exception>
        public AesBlockCipher(byte[] key)
        {
#if NANOFRAMEWORK_1_0
            _aes = new Aes(CipherMode.ECB);
#else
            _aes = Aes.Create();
#endif
            SetKey(key);
        }

        /// <summary>Replaces the key (16 bytes). The array is copied.</summary>
        /// <exception cref="ArgumentException">The key is not 16 bytes.</exception>
        public void SetKey(byte[] key)
        {
            if (key == null || key.Length != BlockBytes)
            {
                throw new ArgumentException("AES-128 needs a 16-byte key");
            }

            byte[] copy = new byte[BlockBytes];
            Array.Copy(key, copy, BlockBytes);
            _aes.Key = copy;
        }

        /// <summary>
        /// Encrypts the 16 bytes at <paramref name="input"/>[<paramref name="inputOffset"/>] into
        /// <paramref name="output"/>[<paramref name="outputOffset"/>]. Input and output may overlap.
        /// </summary>
        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Array.Copy(input, inputOffset, _block, 0, BlockBytes);
#if NANOFRAMEWORK_1_0
            byte[] cipher = _aes.Encrypt(_block);
#else
            byte[] cipher = _aes.EncryptEcb(_block, PaddingMode.None);
#endif
            Array.Copy(cipher, 0, output, outputOffset, BlockBytes);
        }
    }
}
