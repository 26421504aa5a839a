using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>A labelled pick or restock: what truly happened on the lane, and when the hand started moving.</summary>
    public sealed class ShelfTruthEvent
    {
        public ShelfTruthEvent(long tMs, StockEventKind kind, int quantity)
        {
            TMs = tMs;
            Kind = kind;
            Quantity = quantity;
        }

        /// <summary>Start of the step (the hand starts the pick or the set-down), ms.</summary>
        public long TMs { get; }

        public StockEventKind Kind { get; }

        public int Quantity { get; }
    }
}
