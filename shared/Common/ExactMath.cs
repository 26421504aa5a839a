namespace Beacons.Shared.Common
{
    /// <summary>
    /// Whole-number checks and rounding in plain double arithmetic. Every ESP32 image builds nanoFramework's
    /// <c>System.Math</c> natives in single precision (<c>NF_ENABLE_DOUBLE_PRECISION_FP</c> off), so
    /// <c>Math.Floor(16777217.0)</c> is 16777216 and <c>Math.Round</c>, <c>Math.Abs</c>, <c>Math.Max/Min</c> (which take
    /// only doubles there, longs included) keep 24 bits. Casts, comparisons, + − × ÷ and parsing stay double on the
    /// device, so these are exact for every |d| &lt; 2^53 on the device and the host alike.
    /// </summary>
    public static class ExactMath
    {
        // The largest magnitude a long holds exactly as a double neighbour; beyond it (long)d is undefined on the device.
        private const double LongRange = 9.2e18;

        /// <summary>True when <paramref name="d"/> is a finite whole number within the long range.</summary>
        public static bool IsWhole(double d)
        {
            return d > -LongRange && d < LongRange && (double)(long)d == d;
        }

        /// <summary>
        /// Nearest whole number, halves to even (what <c>Math.Round(double)</c> does on .NET and on the device, without
        /// its 24-bit limit). <paramref name="d"/> must be finite and within the long range.
        /// </summary>
        public static long Round(double d)
        {
            long t = (long)d; // toward zero
            double fraction = d - t;
            if (fraction > 0.5 || (fraction == 0.5 && (t & 1) != 0))
            {
                return t + 1;
            }

            if (fraction < -0.5 || (fraction == -0.5 && (t & 1) != 0))
            {
                return t - 1;
            }

            return t;
        }

        /// <summary>|v| of a long (nanoFramework's <c>Math.Abs</c> has no long overload: it would go through a float).</summary>
        public static long Abs(long v)
        {
            return v < 0 ? -v : v;
        }
    }
}
