using System;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// AltBeacon advertising data (AltBeacon specification rev 1.0): Flags, then Manufacturer Specific Data
    /// <c>1B FF &lt;mfg id LE&gt; BE AC &lt;beacon id 20&gt; &lt;reference RSSI&gt; &lt;mfg reserved&gt;</c>, 31 bytes.
    /// </summary>
    public static class AltBeaconFrame
    {
        /// <summary>Total advertising data length in bytes.</summary>
        public const int Length = 31;

        /// <summary>Writes the frame and returns its length (<see cref="Length"/>).</summary>
        /// <param name="manufacturerId">Bluetooth SIG company id, 0..65535 (sent little-endian).</param>
        /// <param name="beaconId">20 bytes; Android Beacon Library splits them 16 + 2 + 2 (id1, id2, id3).</param>
        /// <param name="referenceRssiDbm">RSSI at 1 m in dBm, -128..127.</param>
        /// <param name="reserved">Manufacturer-reserved byte, 0..255.</param>
        /// <exception cref="ArgumentException">An argument is out of range.</exception>
        public static int Write(byte[] buffer, int offset, int manufacturerId, byte[] beaconId, int referenceRssiDbm, int reserved)
        {
            if (beaconId == null || beaconId.Length != 20 || manufacturerId < 0 || manufacturerId > 0xFFFF
                || referenceRssiDbm < -128 || referenceRssiDbm > 127 || reserved < 0 || reserved > 0xFF)
            {
                throw new ArgumentException("AltBeacon field out of range");
            }

            int o = AdStructure.WriteFlags(buffer, offset);
            buffer[o++] = 0x1B;
            buffer[o++] = AdStructure.TypeManufacturerData;
            buffer[o++] = (byte)manufacturerId;
            buffer[o++] = (byte)(manufacturerId >> 8);
            buffer[o++] = 0xBE;
            buffer[o++] = 0xAC;
            Array.Copy(beaconId, 0, buffer, o, 20);
            o += 20;
            buffer[o++] = (byte)(sbyte)referenceRssiDbm;
            buffer[o] = (byte)reserved;
            return Length;
        }
    }
}
