namespace Beacons.Shared.Advertising
{
    /// <summary>Identifies a beacon frame from its advertising data bytes (used to label what a radio broadcast).</summary>
    public static class FrameClassifier
    {
        /// <summary>
        /// Walks the AD structures in the first <paramref name="length"/> bytes and returns the frame kind found:
        /// iBeacon (manufacturer data 4C 00 02 15 of full length), AltBeacon (manufacturer data with BE AC after the
        /// company id), or Eddystone by the frame type byte of the 0xFEAA service data. Returns
        /// <see cref="FrameKind.None"/> for anything else, including malformed or truncated structures.
        /// Allocation-free.
        /// </summary>
        public static FrameKind Classify(byte[] ad, int length)
        {
            if (ad == null)
            {
                return FrameKind.None;
            }

            if (length > ad.Length)
            {
                length = ad.Length;
            }

            int o = 0;
            while (o < length)
            {
                int len = ad[o];
                if (len == 0)
                {
                    break; // the rest is padding
                }

                if (o + 1 + len > length)
                {
                    return FrameKind.None;
                }

                int type = ad[o + 1];
                int data = o + 2;
                int dataLength = len - 1;
                if (type == AdStructure.TypeManufacturerData && dataLength >= 4)
                {
                    if (ad[data] == 0x4C && ad[data + 1] == 0x00 && ad[data + 2] == 0x02 && ad[data + 3] == 0x15 && dataLength == 25)
                    {
                        return FrameKind.IBeacon;
                    }

                    if (ad[data + 2] == 0xBE && ad[data + 3] == 0xAC && dataLength == 26)
                    {
                        return FrameKind.AltBeacon;
                    }
                }
                else if (type == AdStructure.TypeServiceData16BitUuid && dataLength >= 3 && ad[data] == 0xAA && ad[data + 1] == 0xFE)
                {
                    switch (ad[data + 2])
                    {
                        case EddystoneFrame.TypeUid:
                            return dataLength >= 20 ? FrameKind.EddystoneUid : FrameKind.None;
                        case EddystoneFrame.TypeUrl:
                            return dataLength >= 5 ? FrameKind.EddystoneUrl : FrameKind.None;
                        case EddystoneFrame.TypeTlm:
                            return dataLength >= 16 ? FrameKind.EddystoneTlm : FrameKind.None;
                        case EddystoneFrame.TypeEid:
                            return dataLength >= 12 ? FrameKind.EddystoneEid : FrameKind.None;
                        default:
                            return FrameKind.None;
                    }
                }

                o += 1 + len;
            }

            return FrameKind.None;
        }
    }
}
