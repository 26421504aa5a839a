namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Advertising-data (AD structure) constants and the parts every beacon frame shares. An AD structure is
    /// <c>length, type, data…</c> where length counts type + data (Bluetooth Core Spec Supplement, Part A §1).
    /// Every frame starts with Flags <c>02 01 06</c> (LE General Discoverable, BR/EDR not supported); Eddystone
    /// frames follow with the Complete List of 16-bit Service UUIDs <c>03 03 AA FE</c> and then the Service Data
    /// structure <c>len 16 AA FE frame…</c> (Eddystone protocol specification, "Common Elements").
    /// </summary>
    public static class AdStructure
    {
        /// <summary>Legacy advertising payload limit: 31 bytes of AD structures.</summary>
        public const int MaxLegacyBytes = 31;

        /// <summary>AD type Flags.</summary>
        public const byte TypeFlags = 0x01;

        /// <summary>AD type Complete List of 16-bit Service Class UUIDs.</summary>
        public const byte TypeCompleteList16BitUuids = 0x03;

        /// <summary>AD type Service Data - 16-bit UUID.</summary>
        public const byte TypeServiceData16BitUuid = 0x16;

        /// <summary>AD type Manufacturer Specific Data.</summary>
        public const byte TypeManufacturerData = 0xFF;

        /// <summary>Flags value: LE General Discoverable Mode (0x02) | BR/EDR Not Supported (0x04).</summary>
        public const byte FlagsGeneralDiscoverableLeOnly = 0x06;

        /// <summary>The Eddystone 16-bit service UUID, 0xFEAA (sent little-endian: AA FE).</summary>
        public const int EddystoneServiceUuid = 0xFEAA;

        /// <summary>Bytes before the Eddystone frame proper: Flags (3) + UUID list (4) + Service Data header (4).</summary>
        public const int EddystoneHeaderBytes = 11;

        /// <summary>Writes the 3-byte Flags structure; returns the offset after it.</summary>
        public static int WriteFlags(byte[] buffer, int offset)
        {
            buffer[offset] = 0x02;
            buffer[offset + 1] = TypeFlags;
            buffer[offset + 2] = FlagsGeneralDiscoverableLeOnly;
            return offset + 3;
        }

        /// <summary>
        /// Writes Flags, the 0xFEAA service UUID list and the Service Data header for an Eddystone frame of
        /// <paramref name="frameBytes"/> bytes (frame type byte included); returns the offset of the frame type byte.
        /// </summary>
        public static int WriteEddystoneHeader(byte[] buffer, int offset, int frameBytes)
        {
            int o = WriteFlags(buffer, offset);
            buffer[o++] = 0x03;
            buffer[o++] = TypeCompleteList16BitUuids;
            buffer[o++] = 0xAA;
            buffer[o++] = 0xFE;
            buffer[o++] = (byte)(frameBytes + 3); // type byte + 2 UUID bytes + frame
            buffer[o++] = TypeServiceData16BitUuid;
            buffer[o++] = 0xAA;
            buffer[o++] = 0xFE;
            return o;
        }

        /// <summary>Writes <paramref name="value"/> as a big-endian 16-bit field.</summary>
        public static void WriteUInt16BigEndian(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Writes <paramref name="value"/> as a big-endian 32-bit field.</summary>
        public static void WriteUInt32BigEndian(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
