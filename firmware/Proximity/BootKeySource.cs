using System;
using System.Security.Cryptography;
using Beacons.Shared.Privacy;

namespace Beacons.Firmware.Proximity
{
    /// <summary>
    /// Generates the per-boot key of <see cref="BootKeyedHash"/> at boot. On ESP32 nanoFramework's <see cref="Random"/>
    /// is the chip's hardware RNG (<c>esp_random()</c>; the seed is ignored): true random once the Wi-Fi or Bluetooth
    /// radio runs, and seeded with hardware entropy by the bootloader before that. Those bytes are the key's strength;
    /// <see cref="Guid.NewGuid"/> and the boot tick count are mixed in through HMAC-SHA256 only so that a target whose
    /// Random is a seeded PRNG (the host, other MCUs) still gets a key that differs per boot. The key never leaves RAM and
    /// protects nothing that leaves the node (docs/privacy.md, "What the node keeps").
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
