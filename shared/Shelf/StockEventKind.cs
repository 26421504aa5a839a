namespace Beacons.Shared.Shelf
{
    /// <summary>The kinds of stock event a lane publishes; wire names come from <see cref="StockEventKindNames"/>.</summary>
    public enum StockEventKind
    {
        /// <summary>Items were taken: quantity is how many, grams is the (negative) weight change.</summary>
        Pick = 0,

        /// <summary>Items were put back or refilled: quantity is how many, grams is the (positive) weight change.</summary>
        Restock = 1,

        /// <summary>The lane's current state (items, grams, low/empty/fault, depletion rate), for the retained topic.</summary>
        Level = 2,

        /// <summary>The item count fell to the lane's low threshold (fires once until the count rises past it again).</summary>
        Low = 3,

        /// <summary>The item count fell to the lane's empty threshold (fires once until restocked).</summary>
        Empty = 4,

        /// <summary>The sensor stopped giving usable readings; stock decisions are suspended until it settles again.</summary>
        Fault = 5,

        /// <summary>
        /// A settled change that is no whole number of items (a hand or elbow resting on the lane, a foreign object) has
        /// lasted <see cref="ChangeDecision.UnexplainedHoldMs"/>: grams is the change, confidence how near it came to a
        /// whole number, items is unchanged; staff should check the lane (reason <c>check-lane</c>). Once per episode.
        /// </summary>
        Unexplained = 6
    }
}
