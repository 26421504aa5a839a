using System;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Apple iBeacon advertising data: Flags, then one Manufacturer Specific Data structure
    /// <c>1A FF 4C 00 02 15 &lt;UUID 16&gt; &lt;major BE&gt; &lt;minor BE&gt; &lt;measured power&gt;</c>, 30 bytes in all.
    /// </summary>
    public static class IBeaconFrame
    {
        /// <summary>Total advertising data length in bytes.</summary>
        public const int Length = 30;

        /// <summary>Apple's Bluetooth SIG company identifier.</summary>
        public const int AppleCompanyId = 0x004C;

        /// <summary>
        /// Writes the frame at <paramref name="offset"/> and returns its length (<see cref="Length"/>).
        /// </summary>
        /// <param name="proximityUuid">16 bytes in display order (the order of the hex digits in the UUID text).</param>
        /// <param name="major">0..65535.</param>
        /// <param name="minor">0..65535.</param>
        /// <param name="measuredPowerDbm">RSSI at 1 m in dBm, -128..127 (sent as a signed byte; normally -40..-100).</param>
        /// <exception cref="ArgumentException">An argument is out of range; <see cref="IBeaconOptions"/> reports these as config errors first.</exception>
        public static int Write(byte[] buffer, int offset, byte[] proximityUuid, int major, int minor, int measuredPowerDbm)
        {
            if (proximityUuid == null || proximityUuid.Length != 16 || major < 0 || major > 0xFFFF || minor < 0
                || minor > 0xFFFF || measuredPowerDbm < -128 || measuredPowerDbm > 127)
            {
                throw new ArgumentException("iBeacon field out of range");
            }

            int o = AdStructure.WriteFlags(buffer, offset);
            buffer[o++] = 0x1A;
            buffer[o++] = AdStructure.TypeManufacturerData;
            buffer[o++] = (byte)AppleCompanyId; // company id is little-endian
            buffer[o++] = (byte)(AppleCompanyId >> 8);
            buffer[o++] = 0x02; // iBeacon type
            buffer[o++] = 0x15; // remaining length: 21
            Array.Copy(proximityUuid, 0, buffer, o, 16);
            o += 16;
            AdStructure.WriteUInt16BigEndian(buffer, o, major);
            AdStructure.WriteUInt16BigEndian(buffer, o + 2, minor);
            buffer[o + 4] = (byte)(sbyte)measuredPowerDbm;
            return Length;
        }
    }
}
