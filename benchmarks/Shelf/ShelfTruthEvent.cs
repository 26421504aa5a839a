using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>A labelled pick or restock: what truly happened on the lane, and when the hand started moving.</summary>
    public sealed class ShelfTruthEvent
    {
        public ShelfTruthEvent(long tMs, StockEventKind kind, int quantity, long lastHandMs = -1)
        {
            LastHandMs = lastHandMs < 0 ? tMs : lastHandMs;
            TMs = tMs;
            Kind = kind;
            Quantity = quantity;
        }

        /// <summary>Start of the step (the hand starts the pick or the set-down), ms.</summary>
        public long TMs { get; }

        public StockEventKind Kind { get; }

        public int Quantity { get; }

        /// <summary>
        /// Start of the last hand's step when two hands overlapped (else <see cref="TMs"/>): the truth is their sum, and
        /// reporting it as one event or as several events of the same kind adding up to it are both right.
        /// </summary>
        public long LastHandMs { get; }

        public bool Overlapped => LastHandMs != TMs;
    }
}
