using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Per-lane depletion rate (items picked per hour) as an exponentially weighted count over the last
    /// <see cref="TimeConstantMs"/>, normalised by the time actually observed so the first hour is not under-read,
    /// and the predicted time to empty at that rate. Two numbers of state: nothing grows with the number of picks.
    /// </summary>
    public sealed class DepletionEstimator
    {
        private const long NoTime = long.MinValue;

        private double _weightedPicks;
        private long _lastPickMs = NoTime;
        private long _startMs = NoTime;

        /// <param name="timeConstantMs">Memory of the estimate, ms (≥ 60 000; default one hour).</param>
        public DepletionEstimator(double timeConstantMs)
        {
            if (!(timeConstantMs >= 60000))
            {
                throw new ArgumentOutOfRangeException("timeConstantMs");
            }

            TimeConstantMs = timeConstantMs;
        }

        public DepletionEstimator()
            : this(3600000)
        {
        }

        /// <summary>Memory of the estimate, ms.</summary>
        public double TimeConstantMs { get; private set; }

        /// <summary>Starts observing at <paramref name="nowMs"/> (the first settled reading); later calls are ignored.</summary>
        public void Start(long nowMs)
        {
            if (_startMs == NoTime)
            {
                _startMs = nowMs;
            }
        }

        /// <summary>Counts a pick of <paramref name="quantity"/> items at <paramref name="nowMs"/> (restocks are not depletion).</summary>
        public void OnPick(long nowMs, int quantity)
        {
            Start(nowMs);
            _weightedPicks = Decayed(nowMs) + quantity;
            _lastPickMs = nowMs;
        }

        /// <summary>Items per hour at <paramref name="nowMs"/> (0 before any pick).</summary>
        public double RatePerHour(long nowMs)
        {
            if (_lastPickMs == NoTime)
            {
                return 0;
            }

            double observed = nowMs - _startMs;
            if (observed < 60000)
            {
                // One minute of history is too little to call a rate; a burst of picks in it would read as thousands per hour.
                observed = 60000;
            }

            double norm = TimeConstantMs * (1.0 - Math.Exp(-observed / TimeConstantMs));
            return Decayed(nowMs) / norm * 3600000.0;
        }

        /// <summary>
        /// Seconds until <paramref name="items"/> are gone at the current rate, or -1 when the rate is too low to tell
        /// (under 0.01 items/h) or more than a year away. 0 when the lane is already empty.
        /// </summary>
        public long EmptyInS(long nowMs, int items)
        {
            if (items <= 0)
            {
                return 0;
            }

            double rate = RatePerHour(nowMs);
            if (rate < 0.01)
            {
                return -1;
            }

            double seconds = items / rate * 3600.0;
            if (seconds > 31536000.0)
            {
                return -1;
            }

            return ExactMath.Round(seconds);
        }

        private double Decayed(long nowMs)
        {
            if (_lastPickMs == NoTime)
            {
                return 0;
            }

            double age = nowMs - _lastPickMs;
            if (age <= 0)
            {
                return _weightedPicks;
            }

            return _weightedPicks * Math.Exp(-age / TimeConstantMs);
        }
    }
}
