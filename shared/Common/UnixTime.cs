using System;
using System.Text;

namespace Beacons.Shared.Common
{
    /// <summary>
    /// Unix time and ISO 8601 UTC text, computed by hand: nanoFramework's DateTime lacks DateTimeOffset and some
    /// format patterns, and payload timestamps must be byte-identical on the device, the virtual device and in replays.
    /// </summary>
    public static class UnixTime
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0);

        /// <summary>Milliseconds since 1970-01-01T00:00Z of a UTC DateTime.</summary>
        public static long ToUnixMs(DateTime utc)
        {
            return (utc - Epoch).Ticks / TimeSpan.TicksPerMillisecond;
        }

        public static DateTime FromUnixMs(long unixMs)
        {
            return Epoch.AddTicks(unixMs * TimeSpan.TicksPerMillisecond);
        }

        /// <summary>Appends <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds only when non-zero).</summary>
        public static void AppendIso(StringBuilder sb, long unixMs)
        {
            DateTime t = FromUnixMs(unixMs);
            Pad(sb, t.Year, 4).Append('-');
            Pad(sb, t.Month, 2).Append('-');
            Pad(sb, t.Day, 2).Append('T');
            Pad(sb, t.Hour, 2).Append(':');
            Pad(sb, t.Minute, 2).Append(':');
            Pad(sb, t.Second, 2);
            int ms = (int)(((unixMs % 1000) + 1000) % 1000);
            if (ms != 0)
            {
                sb.Append('.');
                Pad(sb, ms, 3);
            }

            sb.Append('Z');
        }

        public static string ToIso(long unixMs)
        {
            var sb = new StringBuilder(24);
            AppendIso(sb, unixMs);
            return sb.ToString();
        }

        private static StringBuilder Pad(StringBuilder sb, int value, int width)
        {
            int digits = 1;
            for (int v = value; v >= 10; v /= 10)
            {
                digits++;
            }

            for (int i = digits; i < width; i++)
            {
                sb.Append('0');
            }

            return sb.Append(value);
        }
    }
}
