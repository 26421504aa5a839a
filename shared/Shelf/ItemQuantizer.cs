using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Turns a weight change into a whole number of items: the nearest integer of Δgrams / unitGrams, and how far the
    /// change was from it. Relative changes are used (not absolute grams / unit) so a span error of the calibration
    /// scales only the items that moved, not every item on the lane.
    /// </summary>
    public static class ItemQuantizer
    {
        /// <summary>
        /// Quantizes <paramref name="deltaGrams"/>.
        /// </summary>
        /// <param name="deltaGrams">New level minus previous level, g (negative for a pick).</param>
        /// <param name="unitGrams">Weight of one item, g (&gt; 0).</param>
        /// <param name="toleranceGrams">Largest residual that still counts as a clean match, g.</param>
        /// <param name="quantity">Signed item change (negative = picked).</param>
        /// <param name="residualGrams">|Δ − quantity·unit|, g (0 to half a unit).</param>
        /// <param name="confidence">1 − residual / (unit/2): 1 for an exact multiple, 0 halfway between two counts.</param>
        /// <returns>Whether the residual is within <paramref name="toleranceGrams"/>.</returns>
        public static bool Quantize(double deltaGrams, double unitGrams, double toleranceGrams, out int quantity, out double residualGrams, out double confidence)
        {
            double q = deltaGrams / unitGrams;
            quantity = (int)ExactMath.Round(q);
            residualGrams = deltaGrams - (quantity * unitGrams);
            if (residualGrams < 0)
            {
                residualGrams = -residualGrams;
            }

            confidence = 1.0 - (residualGrams / (0.5 * unitGrams));
            if (confidence < 0)
            {
                confidence = 0;
            }

            return residualGrams <= toleranceGrams;
        }
    }
}
