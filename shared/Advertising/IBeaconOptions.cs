using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// <c>beacon.ibeacon</c>: the iBeacon frame. Absent section = no iBeacon frame.
    /// </summary>
    public sealed class IBeaconOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon.ibeacon";

        /// <summary><c>uuid</c>: proximity UUID, required. 36 characters <c>8-4-4-4-12</c> with dashes, or 32 hex
        /// digits; either case. The same UUID goes into every node of a store (apps range for one UUID).</summary>
        public string Uuid { get; set; }

        /// <summary><c>major</c>: 0..65535, default 0 (by convention: the store).</summary>
        public int Major { get; set; }

        /// <summary><c>minor</c>: 0..65535, default 0 (by convention: the node / shelf).</summary>
        public int Minor { get; set; }

        /// <summary><c>measuredPower</c>: calibrated RSSI at 1 m, dBm, -127..0, default -59 (see docs/beacons.md).</summary>
        public int MeasuredPowerDbm { get; set; } = -59;

        /// <summary>Throws <see cref="ConfigException"/> naming the first bad key.</summary>
        public void Validate()
        {
            if (Uuid == null || Uuid.Length == 0)
            {
                throw new ConfigException(Path + ".uuid", "is required");
            }

            if (ParseUuid(Uuid) == null)
            {
                throw new ConfigException(Path + ".uuid", "must be a UUID: 8-4-4-4-12 hex digits with dashes, or 32 hex digits");
            }

            OptionChecks.Range(Major, 0, 65535, Path + ".major");
            OptionChecks.Range(Minor, 0, 65535, Path + ".minor");
            OptionChecks.Range(MeasuredPowerDbm, -127, 0, Path + ".measuredPower");
        }

        /// <summary>The 16 UUID bytes in display order, or null when <paramref name="text"/> is not a UUID
        /// (32 hex digits, or 36 characters with dashes at positions 8, 13, 18 and 23).</summary>
        public static byte[] ParseUuid(string text)
        {
            if (text == null)
            {
                return null;
            }

            if (text.Length == 32)
            {
                return Hex.TryDecode(text);
            }

            if (text.Length != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
            {
                return null;
            }

            char[] digits = new char[32];
            int n = 0;
            for (int i = 0; i < 36; i++)
            {
                if (i != 8 && i != 13 && i != 18 && i != 23)
                {
                    digits[n++] = text[i];
                }
            }

            return Hex.TryDecode(new string(digits));
        }
    }
}
