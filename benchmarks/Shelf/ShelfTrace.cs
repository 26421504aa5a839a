using System.Collections.Generic;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// One generated trace: the samples the driver would deliver (time, raw count, status), the lane options the node
    /// would run with (calibration as a technician would have measured it), and the ground truth.
    /// </summary>
    public sealed class ShelfTrace
    {
        public string Name { get; set; }

        public LaneOptions Lane { get; set; }

        public long[] TimesMs { get; set; }

        public int[] Raw { get; set; }

        public SampleStatus[] Status { get; set; }

        public int Count { get; set; }

        public List<ShelfTruthEvent> Truth { get; } = new List<ShelfTruthEvent>();

        /// <summary>Unplugged intervals [start, end), ms.</summary>
        public List<long[]> Unplugged { get; } = new List<long[]>();

        /// <summary>No picks or restocks at all: every stock event on it is false.</summary>
        public bool NoiseOnly { get; set; }

        public double DurationHours => Count == 0 ? 0 : (TimesMs[Count - 1] - TimesMs[0]) / 3600000.0;

        /// <summary>The band the trace belongs to (null for noise-only traces).</summary>
        public ShelfBand Band { get; set; }

        /// <summary>Unit weight ÷ white-noise RMS of this trace (both in grams, at 10 SPS).</summary>
        public double Snr { get; set; }

        /// <summary>Seed the trace was generated from (the same seed gives the same samples).</summary>
        public int Seed { get; set; }

        public const int ForeignBag = 0, ForeignLean = 1, ForeignHand = 2;

        /// <summary>Foreign loads [on, off) ms and what it was (ForeignBag/Lean/Hand): not stock, a correct method reports nothing.</summary>
        public List<long[]> Foreign { get; } = new List<long[]>();

        /// <summary>One line describing the trace's physics, for the corpus listing.</summary>
        public string Physics { get; set; }
    }
}
