using System;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Calibration arithmetic: the HX711 count is linear in load, raw = zeroCounts + countsPerGram·grams, so two
    /// readings at known loads fix both numbers. Guided calibration is the special case where the first load is an
    /// empty lane (tare) and the second a known weight.
    /// </summary>
    public static class LaneCalibration
    {
        /// <summary>Smallest |counts per gram| accepted (below it the two readings are indistinguishable from noise).</summary>
        public const double MinCountsPerGram = 0.01;

        /// <summary>
        /// Two-point calibration from readings at two known loads.
        /// </summary>
        /// <param name="raw1">Settled raw count at load 1.</param>
        /// <param name="grams1">Load 1, g (0 for an empty lane).</param>
        /// <param name="raw2">Settled raw count at load 2.</param>
        /// <param name="grams2">Load 2, g (must differ from load 1).</param>
        /// <param name="countsPerGram">Slope; negative when the cell is wired reversed.</param>
        /// <param name="zeroCounts">Raw count at 0 g.</param>
        /// <exception cref="ArgumentException">The loads are equal, or the readings barely differ (|slope| &lt; <see cref="MinCountsPerGram"/>).</exception>
        public static void TwoPoint(double raw1, double grams1, double raw2, double grams2, out double countsPerGram, out double zeroCounts)
        {
            double dg = grams2 - grams1;
            if (dg == 0 || double.IsNaN(dg))
            {
                throw new ArgumentException("the two known loads must differ");
            }

            countsPerGram = (raw2 - raw1) / dg;
            if (!(countsPerGram >= MinCountsPerGram || countsPerGram <= -MinCountsPerGram))
            {
                throw new ArgumentException("the readings barely change with load: check wiring and the known weights");
            }

            zeroCounts = raw1 - (countsPerGram * grams1);
        }

        /// <summary>Guided calibration: counts per gram from the tared zero and the reading with a known weight on the lane.</summary>
        /// <param name="zeroCounts">Settled raw count of the empty lane (the tare).</param>
        /// <param name="loadedCounts">Settled raw count with the known weight on.</param>
        /// <param name="knownGrams">The known weight, g (&gt; 0).</param>
        /// <exception cref="ArgumentException">The weight is not positive, or the readings barely differ.</exception>
        public static double Guided(double zeroCounts, double loadedCounts, double knownGrams)
        {
            if (!(knownGrams > 0))
            {
                throw new ArgumentException("the known weight must be positive");
            }

            double countsPerGram;
            double zero;
            TwoPoint(zeroCounts, 0, loadedCounts, knownGrams, out countsPerGram, out zero);
            return countsPerGram;
        }

        /// <summary>Grams of a raw count under a calibration.</summary>
        public static double ToGrams(double rawCounts, double zeroCounts, double countsPerGram)
        {
            return (rawCounts - zeroCounts) / countsPerGram;
        }
    }
}
