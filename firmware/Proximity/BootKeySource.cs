using System;
using System.Security.Cryptography;
using Beacons.Shared.Privacy;

namespace Beacons.Firmware.Proximity
{
    /// <summary>
    /// Generates the per-boot key of <see cref="BootKeyedHash"/> at boot. nanoFramework offers no documented
    /// cryptographic RNG to managed code, so several sources are mixed through HMAC-SHA256: <see cref="Random"/> bytes,
    /// <see cref="Guid.NewGuid"/> and the boot tick count. The key never leaves RAM and protects nothing that leaves the
    /// node (docs/privacy.md, "What the node keeps"), so this strength is sufficient.
    /// </summary>
    public static class BootKeySource
    {
        /// <summary>16 fresh key bytes.</summary>
        public static byte[] Create()
        {
            byte[] pool = new byte[32];
            new Random().NextBytes(pool);
            byte[] guid = Guid.NewGuid().ToByteArray();
            for (int i = 0; i < guid.Length; i++)
            {
                pool[16 + i] ^= guid[i];
            }

            byte[] ticks = BitConverter.GetBytes(Environment.TickCount64);
            byte[] mac = HMACSHA256.HashData(pool, ticks);
            byte[] key = new byte[BootKeyedHash.KeyLength];
            Array.Copy(mac, key, key.Length);
            Array.Clear(pool, 0, pool.Length);
            Array.Clear(mac, 0, mac.Length);
            return key;
        }
    }
}
