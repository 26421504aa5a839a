namespace Beacons.Shared.Privacy
{
    /// <summary>
    /// Reads the shopper's consent signal from an advertisement (the contract with the retailer's app,
    /// docs/consent-signal.md), in either carrier: version 1, one Manufacturer Specific Data structure (AD type 0xFF)
    /// under the configured company id, whose data after the little-endian company id is exactly: version <c>0x01</c>,
    /// a flags byte (bit 0 analytics, bit 1 personalization, all other bits 0), and an 8-byte app token (Android);
    /// version 2, one 128-bit service UUID (AD types 0x06/0x07, the only carrier an iOS app can advertise) whose
    /// canonical bytes are company id (big-endian), <c>C5 1D</c>, version <c>0x02</c>, flags, <c>00 00</c>, token.
    /// <para>Total: any byte sequence, any offset/length (even out of range) is answered without throwing and without
    /// reading outside <c>[offset, offset + length)</c>. Anything malformed counts as no consent. Allocation-free.</para>
    /// </summary>
    public sealed class ConsentSignal
    {
        /// <summary>No consent (also the answer for anything malformed).</summary>
        public const int None = 0;

        /// <summary>Flag bit 0: the shopper allows analytics under an epoch pseudonym.</summary>
        public const int Analytics = 0x01;

        /// <summary>Flag bit 1: the shopper also allows a stable pseudonym for personalization.</summary>
        public const int Personalization = 0x02;

        /// <summary>Returned by <see cref="Parse"/> when the advertisement carries no consent structure at all.</summary>
        public const int Absent = -1;

        /// <summary>Format version of the manufacturer-data carrier (Android).</summary>
        public const int Version = 0x01;

        /// <summary>Format version of the 128-bit service UUID carrier (iOS, and any platform that prefers it).</summary>
        public const int VersionUuid = 0x02;

        /// <summary>Canonical bytes 2–3 of a consent UUID: "C51D" marks it among the phone's other service UUIDs.</summary>
        public const int UuidMagic = 0xC51D;

        /// <summary>Length of the app token in bytes.</summary>
        public const int TokenLength = 8;

        /// <summary>Bytes of manufacturer data after the AD type: company id (2) + version + flags + token.</summary>
        public const int DataLength = 2 + 1 + 1 + TokenLength;

        private const int AdTypeManufacturer = 0xFF;
        private const int AdTypeUuid128Incomplete = 0x06;
        private const int AdTypeUuid128Complete = 0x07;
        private const int UuidLength = 16;
        private const int KnownFlags = Analytics | Personalization;

        /// <param name="companyId">Company id the retailer's app advertises under (0–65535, default 0xFFFF).</param>
        public ConsentSignal(int companyId)
        {
            CompanyId = companyId & 0xFFFF;
        }

        /// <summary>The company id matched, 0–65535.</summary>
        public int CompanyId { get; }

        /// <summary>
        /// Finds and validates the consent structure in the AD bytes <c>ad[offset .. offset+length)</c>.
        /// Returns <see cref="Absent"/> when there is none, <see cref="None"/> when it is malformed (wrong length,
        /// version or reserved bits, more than one consent structure or UUID in either carrier, broken AD framing, a
        /// UUID list whose length is no multiple of 16 that holds a consent UUID, an all-zero or all-ones token)
        /// or explicitly withdraws consent (flags 0), otherwise the flags (1–3). The token is copied into
        /// <paramref name="token"/>[<paramref name="tokenOffset"/>..+8) only when flags are returned; otherwise those
        /// bytes are zeroed, so a caller never keeps a token that does not come with consent.
        /// </summary>
        public int Parse(byte[] ad, int offset, int length, byte[] token, int tokenOffset)
        {
            bool tokenOk = token != null && tokenOffset >= 0 && tokenOffset <= token.Length - TokenLength;
            if (tokenOk)
            {
                Clear(token, tokenOffset);
            }

            if (ad == null || offset < 0 || length < 0 || offset > ad.Length || length > ad.Length - offset)
            {
                return Absent;
            }

            int end = offset + length;

            // found: -1 none yet, -2 malformed; else the data start (v1) or the UUID's first byte on air (v2).
            int found = -1;
            bool uuid = false;
            int i = offset;
            while (i < end)
            {
                int structLength = ad[i];
                if (structLength == 0)
                {
                    // Zero length ends the significant part (the rest is padding), per Core Spec Vol 3 Part C §11.
                    break;
                }

                if (structLength > end - i - 1)
                {
                    // Framing broken: whatever follows cannot be trusted, so a consent seen so far is dropped too.
                    return found >= 0 ? None : Absent;
                }

                int type = ad[i + 1];
                int dataStart = i + 2;
                int dataLength = structLength - 1;
                if (type == AdTypeManufacturer && dataLength >= 2
                    && (ad[dataStart] | (ad[dataStart + 1] << 8)) == CompanyId)
                {
                    if (found != -1)
                    {
                        return None;
                    }

                    found = dataLength == DataLength ? dataStart : -2;
                    uuid = false;
                }
                else if (type == AdTypeUuid128Complete || type == AdTypeUuid128Incomplete)
                {
                    // UUIDs go over the air least significant byte first: canonical byte k is at entry + 15 − k.
                    bool ragged = dataLength % UuidLength != 0;
                    for (int e = dataStart; e + UuidLength <= dataStart + dataLength; e += UuidLength)
                    {
                        if (Canonical(ad, e, 0) != (CompanyId >> 8) || Canonical(ad, e, 1) != (CompanyId & 0xFF)
                            || Canonical(ad, e, 2) != (UuidMagic >> 8) || Canonical(ad, e, 3) != (UuidMagic & 0xFF))
                        {
                            continue;
                        }

                        if (found != -1)
                        {
                            return None;
                        }

                        found = ragged ? -2 : e;
                        uuid = true;
                    }
                }

                i += structLength + 1;
            }

            if (found == -1)
            {
                return Absent;
            }

            if (found < 0)
            {
                return None;
            }

            int flags;
            if (uuid)
            {
                if (Canonical(ad, found, 4) != VersionUuid || Canonical(ad, found, 6) != 0 || Canonical(ad, found, 7) != 0)
                {
                    return None;
                }

                flags = Canonical(ad, found, 5);
            }
            else
            {
                if (ad[found + 2] != Version)
                {
                    return None;
                }

                flags = ad[found + 3];
            }

            if ((flags & ~KnownFlags) != 0 || flags == 0)
            {
                return None;
            }

            bool allZero = true;
            bool allOnes = true;
            for (int t = 0; t < TokenLength; t++)
            {
                byte b = TokenByte(ad, found, uuid, t);
                allZero &= b == 0x00;
                allOnes &= b == 0xFF;
            }

            if (allZero || allOnes || !tokenOk)
            {
                return None;
            }

            for (int t = 0; t < TokenLength; t++)
            {
                token[tokenOffset + t] = TokenByte(ad, found, uuid, t);
            }

            return flags;
        }

        /// <summary>Canonical (big-endian, as written in the UUID string) byte <paramref name="k"/> of the UUID on air at <paramref name="entry"/>.</summary>
        private static int Canonical(byte[] ad, int entry, int k)
        {
            return ad[entry + UuidLength - 1 - k];
        }

        /// <summary>Token byte <paramref name="t"/>: v1 data bytes 4–11; v2 canonical UUID bytes 8–15 (the same 8 bytes in the same order).</summary>
        private static byte TokenByte(byte[] ad, int found, bool uuid, int t)
        {
            return uuid ? ad[found + UuidLength - 1 - (8 + t)] : ad[found + 4 + t];
        }

        private static void Clear(byte[] buffer, int offset)
        {
            for (int t = 0; t < TokenLength; t++)
            {
                buffer[offset + t] = 0;
            }
        }
    }
}
