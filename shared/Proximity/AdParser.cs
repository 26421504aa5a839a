namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Walks the AD structures of an advertisement (Core Spec Vol 3 Part C §11: length, type, data) into offsets and
    /// lengths over the caller's buffer, and picks out flags, manufacturer data, 16-bit service data, local name and
    /// TX power. Total: any byte sequence and any offset/length are answered without throwing and without reading
    /// outside <c>[offset, offset + length)</c>. Allocation-free: one instance is reused for every advertisement.
    /// Up to <see cref="MaxSections"/> structures are recorded; further ones are walked but not listed.
    /// </summary>
    public sealed class AdParser
    {
        /// <summary>Structures recorded per advertisement (a legacy advert holds at most 15 in its 31 bytes).</summary>
        public const int MaxSections = 32;

        public const int TypeFlags = 0x01;
        public const int TypeShortName = 0x08;
        public const int TypeCompleteName = 0x09;
        public const int TypeTxPower = 0x0A;
        public const int TypeServiceData16 = 0x16;
        public const int TypeManufacturer = 0xFF;

        private readonly int[] _types = new int[MaxSections];
        private readonly int[] _offsets = new int[MaxSections];
        private readonly int[] _lengths = new int[MaxSections];

        /// <summary>Structures recorded by the last <see cref="Parse"/> (0–32).</summary>
        public int SectionCount { get; private set; }

        /// <summary>True when the last input was framed correctly to its end (or to a zero-length terminator).</summary>
        public bool WellFormed { get; private set; }

        /// <summary>The flags byte (0–255), or -1 when absent.</summary>
        public int Flags { get; private set; }

        /// <summary>TX power level in dBm (-127..127) when <see cref="HasTxPower"/>.</summary>
        public int TxPowerDbm { get; private set; }

        public bool HasTxPower { get; private set; }

        /// <summary>Company id (0–65535) of the first manufacturer structure, or -1.</summary>
        public int CompanyId { get; private set; }

        /// <summary>Offset in the buffer of the first manufacturer structure's data after the company id, or -1.</summary>
        public int ManufacturerOffset { get; private set; }

        /// <summary>Bytes of that data after the company id (0 when absent).</summary>
        public int ManufacturerLength { get; private set; }

        /// <summary>16-bit UUID of the first service-data structure, or -1.</summary>
        public int ServiceUuid16 { get; private set; }

        /// <summary>Offset of that structure's data after the UUID, or -1.</summary>
        public int ServiceDataOffset { get; private set; }

        public int ServiceDataLength { get; private set; }

        /// <summary>Offset of the local name bytes (complete preferred over shortened), or -1. UTF-8, not decoded here.</summary>
        public int NameOffset { get; private set; }

        public int NameLength { get; private set; }

        /// <summary>AD type of recorded structure <paramref name="index"/>, or -1 outside 0..SectionCount-1.</summary>
        public int SectionType(int index)
        {
            return index >= 0 && index < SectionCount ? _types[index] : -1;
        }

        /// <summary>Buffer offset of the data of structure <paramref name="index"/> (after its type byte), or -1.</summary>
        public int SectionOffset(int index)
        {
            return index >= 0 && index < SectionCount ? _offsets[index] : -1;
        }

        /// <summary>Data length of structure <paramref name="index"/> (without length and type bytes), or 0.</summary>
        public int SectionLength(int index)
        {
            return index >= 0 && index < SectionCount ? _lengths[index] : 0;
        }

        /// <summary>
        /// Parses <c>ad[offset .. offset+length)</c>. Returns <see cref="WellFormed"/>; on broken framing the structures
        /// before the break are still reported.
        /// </summary>
        public bool Parse(byte[] ad, int offset, int length)
        {
            Reset();
            if (ad == null || offset < 0 || length < 0 || offset > ad.Length || length > ad.Length - offset)
            {
                WellFormed = false;
                return false;
            }

            int end = offset + length;
            int i = offset;
            bool nameComplete = false;
            while (i < end)
            {
                int structLength = ad[i];
                if (structLength == 0)
                {
                    // Zero length: the significant part is over, the rest is padding.
                    break;
                }

                if (structLength > end - i - 1)
                {
                    WellFormed = false;
                    return false;
                }

                int type = ad[i + 1];
                int data = i + 2;
                int dataLength = structLength - 1;
                if (SectionCount < MaxSections)
                {
                    _types[SectionCount] = type;
                    _offsets[SectionCount] = data;
                    _lengths[SectionCount] = dataLength;
                    SectionCount++;
                }

                switch (type)
                {
                    case TypeFlags:
                        if (dataLength >= 1 && Flags < 0)
                        {
                            Flags = ad[data];
                        }

                        break;
                    case TypeTxPower:
                        if (dataLength >= 1 && !HasTxPower)
                        {
                            TxPowerDbm = (sbyte)ad[data];
                            HasTxPower = true;
                        }

                        break;
                    case TypeManufacturer:
                        if (dataLength >= 2 && CompanyId < 0)
                        {
                            CompanyId = ad[data] | (ad[data + 1] << 8);
                            ManufacturerOffset = data + 2;
                            ManufacturerLength = dataLength - 2;
                        }

                        break;
                    case TypeServiceData16:
                        if (dataLength >= 2 && ServiceUuid16 < 0)
                        {
                            ServiceUuid16 = ad[data] | (ad[data + 1] << 8);
                            ServiceDataOffset = data + 2;
                            ServiceDataLength = dataLength - 2;
                        }

                        break;
                    case TypeCompleteName:
                        if (!nameComplete)
                        {
                            NameOffset = data;
                            NameLength = dataLength;
                            nameComplete = true;
                        }

                        break;
                    case TypeShortName:
                        if (NameOffset < 0)
                        {
                            NameOffset = data;
                            NameLength = dataLength;
                        }

                        break;
                }

                i += structLength + 1;
            }

            WellFormed = true;
            return true;
        }

        private void Reset()
        {
            SectionCount = 0;
            Flags = -1;
            TxPowerDbm = 0;
            HasTxPower = false;
            CompanyId = -1;
            ManufacturerOffset = -1;
            ManufacturerLength = 0;
            ServiceUuid16 = -1;
            ServiceDataOffset = -1;
            ServiceDataLength = 0;
            NameOffset = -1;
            NameLength = 0;
        }
    }
}
