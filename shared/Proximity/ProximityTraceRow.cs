using Beacons.Shared.Common;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// One row of a proximity trace (<c>proximity-replay --trace</c>):
    /// <c>time_ms,address,address_type,rssi,adv_hex</c> — time in ms from the start of the trace (≥ 0, not
    /// decreasing), a 12-hex-digit address, <c>public</c> or <c>random</c>, RSSI in dBm (-127..20), and the AD bytes
    /// as hex (may be empty; at most 255 bytes). A row object is reused for every line.
    /// </summary>
    public sealed class ProximityTraceRow
    {
        /// <summary>Longest AD payload accepted (extended advertising carries up to 255 bytes).</summary>
        public const int MaxAdBytes = 255;

        public ProximityTraceRow()
        {
            Ad = new byte[MaxAdBytes];
        }

        public long TimeMs { get; private set; }

        /// <summary>48-bit address as read (big-endian digits, as printed by BLE tools).</summary>
        public long Address { get; private set; }

        /// <summary>0 public, 1 random.</summary>
        public int AddressType { get; private set; }

        public int RssiDbm { get; private set; }

        /// <summary>AD bytes; only the first <see cref="AdLength"/> are valid.</summary>
        public byte[] Ad { get; }

        public int AdLength { get; private set; }

        /// <summary>True for the optional header line (<c>time_ms,...</c>), blank lines and <c>#</c> comments.</summary>
        public static bool IsSkippable(string line)
        {
            if (line == null)
            {
                return true;
            }

            string t = line.Trim();
            return t.Length == 0 || t[0] == '#' || t.StartsWith("time_ms");
        }

        /// <summary>Parses <paramref name="line"/> into this row. Returns null when valid, else what is wrong with it.</summary>
        public string TryParse(string line)
        {
            if (line == null)
            {
                return "empty row";
            }

            string[] f = line.Trim().Split(',');
            if (f.Length != 5)
            {
                return "expected 5 fields (time_ms,address,address_type,rssi,adv_hex), got " + f.Length;
            }

            long time;
            if (!long.TryParse(f[0].Trim(), out time) || time < 0)
            {
                return "time_ms must be a whole number >= 0";
            }

            string address = f[1].Trim();
            if (address.Length != 12)
            {
                return "address must be 12 hex digits";
            }

            long addr = 0;
            for (int i = 0; i < 12; i++)
            {
                int nibble = Hex.Nibble(address[i]);
                if (nibble < 0)
                {
                    return "address must be 12 hex digits";
                }

                addr = (addr << 4) | (long)nibble;
            }

            string type = f[2].Trim().ToLower();
            int addressType;
            if (type == "public")
            {
                addressType = 0;
            }
            else if (type == "random")
            {
                addressType = 1;
            }
            else
            {
                return "address_type must be public or random";
            }

            int rssi;
            if (!int.TryParse(f[3].Trim(), out rssi) || rssi < -127 || rssi > 20)
            {
                return "rssi must be a whole number of dBm between -127 and 20";
            }

            string hex = f[4].Trim();
            if ((hex.Length & 1) != 0 || hex.Length / 2 > MaxAdBytes)
            {
                return "adv_hex must be an even number of hex digits, at most " + MaxAdBytes + " bytes";
            }

            for (int i = 0; i < hex.Length; i += 2)
            {
                int hi = Hex.Nibble(hex[i]);
                int lo = Hex.Nibble(hex[i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return "adv_hex must be hex digits";
                }

                Ad[i / 2] = (byte)((hi << 4) | lo);
            }

            TimeMs = time;
            Address = addr;
            AddressType = addressType;
            RssiDbm = rssi;
            AdLength = hex.Length / 2;
            return null;
        }
    }
}
