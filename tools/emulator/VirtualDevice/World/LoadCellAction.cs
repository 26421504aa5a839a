namespace Beacons.VirtualDevice.World
{
    /// <summary>One scripted action at a time on the lane.</summary>
    public sealed class LoadCellAction
    {
        public LoadCellAction(long tMs, LoadCellActionKind kind, int count, double grams, long durationMs)
        {
            TMs = tMs;
            Kind = kind;
            Count = count;
            Grams = grams;
            DurationMs = durationMs;
        }

        /// <summary>When the action starts, ms of scenario time (for pick/restock: when the hand starts the move).</summary>
        public long TMs { get; }

        public LoadCellActionKind Kind { get; }

        /// <summary>Items moved (pick, restock).</summary>
        public int Count { get; }

        /// <summary>Bump strength or press force, g.</summary>
        public double Grams { get; }

        /// <summary>Press or unplug duration; for pick/restock the duration of the hand's lift or set-down, ms.</summary>
        public long DurationMs { get; }
    }
}
