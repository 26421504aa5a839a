namespace Beacons.Shared.Privacy
{
    /// <summary>
    /// The per-boot keyed hash that stands in for a phone's address inside the node: duplicate suppression and session
    /// tracking key on <see cref="Hash"/>, never on the address, so no table holds a raw address and nothing derived
    /// from it survives a reboot (the key is random and lives only in RAM). SipHash-2-4 (Aumasson and Bernstein, 2012),
    /// a keyed PRF built for short inputs, rather than HMAC-SHA256: it runs per advertisement, and the device's
    /// HMAC allocates a new array on every call. Its output never leaves the device.
    /// </summary>
    public sealed class BootKeyedHash
    {
        /// <summary>Key length in bytes (128-bit SipHash key).</summary>
        public const int KeyLength = 16;

        private readonly ulong _k0;
        private readonly ulong _k1;

        /// <param name="key">16 random bytes generated at boot (see docs/privacy.md for the entropy sources).</param>
        public BootKeyedHash(byte[] key)
        {
            _k0 = ReadLittleEndian(key, 0);
            _k1 = ReadLittleEndian(key, 8);
        }

        /// <summary>Keyed hash of a 48-bit Bluetooth address and its type (0 public, 1 random).</summary>
        public long HashAddress(long address48, int addressType)
        {
            ulong m = ((ulong)address48 & 0xFFFFFFFFFFFFUL) | ((ulong)(addressType & 0xFF) << 48);
            return (long)Hash(m);
        }

        /// <summary>SipHash-2-4 of one 8-byte message given as a little-endian 64-bit word.</summary>
        public ulong Hash(ulong message)
        {
            ulong v0 = _k0 ^ 0x736f6d6570736575UL;
            ulong v1 = _k1 ^ 0x646f72616e646f6dUL;
            ulong v2 = _k0 ^ 0x6c7967656e657261UL;
            ulong v3 = _k1 ^ 0x7465646279746573UL;

            v3 ^= message;
            for (int r = 0; r < 2; r++)
            {
                Round(ref v0, ref v1, ref v2, ref v3);
            }

            v0 ^= message;

            ulong last = 8UL << 56;
            v3 ^= last;
            for (int r = 0; r < 2; r++)
            {
                Round(ref v0, ref v1, ref v2, ref v3);
            }

            v0 ^= last;
            v2 ^= 0xFF;
            for (int r = 0; r < 4; r++)
            {
                Round(ref v0, ref v1, ref v2, ref v3);
            }

            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            v0 += v1;
            v1 = Rotl(v1, 13);
            v1 ^= v0;
            v0 = Rotl(v0, 32);
            v2 += v3;
            v3 = Rotl(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Rotl(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Rotl(v1, 17);
            v1 ^= v2;
            v2 = Rotl(v2, 32);
        }

        private static ulong Rotl(ulong x, int b)
        {
            return (x << b) | (x >> (64 - b));
        }

        private static ulong ReadLittleEndian(byte[] b, int offset)
        {
            ulong v = 0;
            for (int i = 7; i >= 0; i--)
            {
                v = (v << 8) | b[offset + i];
            }

            return v;
        }
    }
}
