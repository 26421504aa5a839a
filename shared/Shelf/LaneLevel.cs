namespace Beacons.Shared.Shelf
{
    /// <summary>A lane's state as the retained level topic shows it; wire names come from <see cref="StockEventKindNames.LevelName"/>.</summary>
    public enum LaneLevel
    {
        /// <summary>No settled reading yet (after boot, before the first stable level).</summary>
        Unknown = 0,

        /// <summary>Above the low threshold.</summary>
        Ok = 1,

        /// <summary>At or below the low threshold, above the empty threshold.</summary>
        Low = 2,

        /// <summary>At or below the empty threshold.</summary>
        Empty = 3,

        /// <summary>A fault episode is running; the item count is the last one known.</summary>
        Fault = 4
    }
}
