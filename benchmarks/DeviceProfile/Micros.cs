using System;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// A microsecond stopwatch over DateTime.UtcNow.Ticks (100 ns; nanoFramework has no Stopwatch). Only the work under
    /// measurement runs between <see cref="Start"/> and <see cref="Stop"/>; trace generation stays outside.
    /// </summary>
    public sealed class Micros
    {
        private long _startTicks;

        /// <summary>Accumulated 100 ns ticks.</summary>
        public long Ticks { get; private set; }

        public void Start()
        {
            _startTicks = DateTime.UtcNow.Ticks;
        }

        public void Stop()
        {
            Ticks += DateTime.UtcNow.Ticks - _startTicks;
        }

        /// <summary>Mean µs per operation, formatted with two decimals ("n/a" for no operations).</summary>
        public string PerOp(long count)
        {
            return count <= 0 ? "n/a" : Fixed2(Ticks * 10 / count);
        }

        /// <summary>Hundredths as "X.YY" (same text on every runtime: no culture, no float formatting).</summary>
        public static string Fixed2(long hundredths)
        {
            string sign = hundredths < 0 ? "-" : "";
            if (hundredths < 0)
            {
                hundredths = -hundredths;
            }

            long frac = hundredths % 100;
            return sign + (hundredths / 100) + "." + (frac < 10 ? "0" : "") + frac;
        }
    }
}
