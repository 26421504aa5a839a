namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The fault screen of one lane: classifies each driver slot (no sensor, ready timeouts, rail codes, floating-line
    /// all-ones) and each calibrated reading (plausible range) and says when a run of them establishes a fault.
    /// Lone glitches are dropped, never faults. Counters only: nothing is allocated.
    /// </summary>
    public sealed class LaneFaultScreen
    {
        /// <summary>Ready timeouts for this long make a fault, ms (one missed conversion is not a fault).</summary>
        public const int TimeoutFaultMs = 1000;

        /// <summary>Rail codes or all-ones for at least 3 samples and this long make a fault, ms.</summary>
        public const int GarbageFaultMs = 200;

        /// <summary>A reading outside the plausible range for this long makes a fault, ms (bumps are shorter).</summary>
        public const int ImplausibleFaultMs = 2000;

        private const long NoTime = long.MinValue;
        private const int MinCounts = -8388608;
        private const int MaxCounts = 8388607;

        private long _implausibleSinceMs = NoTime;
        private long _timeoutSinceMs = NoTime;
        private int _railRun;
        private long _railSinceMs = NoTime;
        private int _onesRun;
        private long _onesSinceMs = NoTime;
        private double _minGrams;
        private double _maxGrams = double.MaxValue;

        /// <summary>
        /// Sets the plausible range from the lane: up to 1.2 × capacity (unbounded when unknown), down to
        /// −max(1.5 units, 10 % of capacity).
        /// </summary>
        public void Configure(double unitGrams, double capacityGrams)
        {
            _maxGrams = capacityGrams > 0 ? 1.2 * capacityGrams : double.MaxValue;
            double negative = 1.5 * unitGrams;
            if (capacityGrams > 0 && 0.1 * capacityGrams > negative)
            {
                negative = 0.1 * capacityGrams;
            }

            _minGrams = -negative;
        }

        /// <summary>Classifies a slot; returns the fault it establishes, if any. Counts glitch runs.</summary>
        public StockFault Classify(long nowMs, int rawCounts, SampleStatus status)
        {
            if (status == SampleStatus.NoSensor)
            {
                return StockFault.NoSensor;
            }

            if (status == SampleStatus.ReadyTimeout)
            {
                if (_timeoutSinceMs == NoTime)
                {
                    _timeoutSinceMs = nowMs;
                }

                return nowMs - _timeoutSinceMs >= TimeoutFaultMs ? StockFault.ReadyTimeout : StockFault.None;
            }

            _timeoutSinceMs = NoTime;
            if (rawCounts >= MaxCounts || rawCounts <= MinCounts)
            {
                if (_railRun == 0)
                {
                    _railSinceMs = nowMs;
                }

                _railRun++;
                if (_railRun >= 3 && nowMs - _railSinceMs >= GarbageFaultMs)
                {
                    return StockFault.Saturation;
                }

                // A lone rail code is a glitch: dropped here, never seen by the filter.
                return StockFault.None;
            }

            _railRun = 0;
            if (rawCounts == -1)
            {
                if (_onesRun == 0)
                {
                    _onesSinceMs = nowMs;
                }

                _onesRun++;
                if (_onesRun >= 3 && nowMs - _onesSinceMs >= GarbageFaultMs)
                {
                    return StockFault.NoSensor;
                }

                return StockFault.None;
            }

            _onesRun = 0;
            return StockFault.None;
        }

        /// <summary>
        /// Screens a calibrated reading. Returns true when <paramref name="grams"/> is inside the plausible range
        /// (the run of implausible readings ends); false when it is not, with <paramref name="fault"/> set to
        /// <see cref="StockFault.Implausible"/> once the run has lasted <see cref="ImplausibleFaultMs"/>.
        /// </summary>
        public bool Plausible(long nowMs, double grams, out StockFault fault)
        {
            fault = StockFault.None;
            if (grams <= _maxGrams && grams >= _minGrams)
            {
                _implausibleSinceMs = NoTime;
                return true;
            }

            if (_implausibleSinceMs == NoTime)
            {
                _implausibleSinceMs = nowMs;
            }
            else if (nowMs - _implausibleSinceMs >= ImplausibleFaultMs)
            {
                fault = StockFault.Implausible;
            }

            return false;
        }

        /// <summary>Forgets the implausible run (the filter history restarted).</summary>
        public void ResetPlausibility()
        {
            _implausibleSinceMs = NoTime;
        }
    }
}
