using System;
using System.Collections.Generic;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>Linearly interpolated quantiles of sorted values (the harness's scores and the baseline's median + IQR).</summary>
    internal static class SortedQuantile
    {
        /// <summary>The <paramref name="q"/> quantile of <paramref name="sorted"/>[<paramref name="lo"/>..<paramref name="hi"/>] (inclusive).</summary>
        public static double Of(List<double> sorted, int lo, int hi, double q)
        {
            double pos = lo + (hi - lo) * q;
            int a = (int)Math.Floor(pos), b = (int)Math.Ceiling(pos);
            return sorted[a] + (sorted[b] - sorted[a]) * (pos - a);
        }

        public static double Of(List<double> sorted, double q) => Of(sorted, 0, sorted.Count - 1, q);
    }
}
