namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Auto-zero: while a lane sits stable, pulls its zero after slow creep and temperature drift so the level stays
    /// where the last decision put it. It moves at most <see cref="MaxGramsPerMin"/> and only for deviations within
    /// <see cref="GateGrams"/> (a fraction of one item), so a pick, which is a step of at least half an item, is never
    /// absorbed: by the time a slow drift could have eaten half an item, the deviation has left the gate and the
    /// lane treats it as a level change instead.
    /// </summary>
    public sealed class ZeroTracker
    {
        /// <summary>Time constant of the pull toward the drifted level, ms (short against creep, long against noise).</summary>
        public const double TimeConstantMs = 10000;

        /// <param name="maxGramsPerMin">Fastest drift followed, g/min (&gt; 0).</param>
        /// <param name="gateGrams">Largest deviation followed, g (&gt; 0).</param>
        public ZeroTracker(double maxGramsPerMin, double gateGrams)
        {
            MaxGramsPerMin = maxGramsPerMin;
            GateGrams = gateGrams;
        }

        /// <summary>Fastest drift followed, g/min.</summary>
        public double MaxGramsPerMin { get; set; }

        /// <summary>Largest deviation from the decided level that is treated as drift, g.</summary>
        public double GateGrams { get; set; }

        /// <summary>Sum of all corrections so far, g (positive = the reading drifted up).</summary>
        public double TrackedGrams { get; private set; }

        /// <summary>
        /// One step of tracking. Returns the grams by which the zero should rise (the same sign as
        /// <paramref name="deviationGrams"/>), or 0 when the deviation is outside the gate.
        /// </summary>
        /// <param name="deviationGrams">Settled level minus the decided level, g.</param>
        /// <param name="elapsedMs">Time since the previous step, ms (clamped to 0–1000).</param>
        public double Step(double deviationGrams, long elapsedMs)
        {
            if (deviationGrams > GateGrams || deviationGrams < -GateGrams)
            {
                return 0;
            }

            if (elapsedMs <= 0)
            {
                return 0;
            }

            if (elapsedMs > 1000)
            {
                elapsedMs = 1000;
            }

            double step = deviationGrams * elapsedMs / TimeConstantMs;
            double limit = MaxGramsPerMin * elapsedMs / 60000.0;
            if (step > limit)
            {
                step = limit;
            }
            else if (step < -limit)
            {
                step = -limit;
            }

            TrackedGrams += step;
            return step;
        }
    }
}
