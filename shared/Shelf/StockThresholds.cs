namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The low and empty alarms of one lane: each fires once when the count falls to its threshold and re-arms only
    /// when the count rises more than <c>hysteresisItems</c> above it.
    /// </summary>
    public sealed class StockThresholds
    {
        private bool _lowArmed = true;
        private bool _emptyArmed = true;

        /// <summary>Sets both alarms to match <paramref name="items"/> without firing (boot and service changes are not news).</summary>
        public void Arm(int items, LaneOptions options)
        {
            _lowArmed = items > options.LowItems;
            _emptyArmed = items > options.EmptyItems;
        }

        /// <summary>Checks <paramref name="items"/>: says which alarms fire now (each at most once until re-armed).</summary>
        public void Check(int items, LaneOptions options, out bool low, out bool empty)
        {
            int hysteresis = options.HysteresisItems;
            low = false;
            empty = false;
            if (items <= options.LowItems)
            {
                if (_lowArmed)
                {
                    _lowArmed = false;
                    low = true;
                }
            }
            else if (items > options.LowItems + hysteresis)
            {
                _lowArmed = true;
            }

            if (items <= options.EmptyItems)
            {
                if (_emptyArmed)
                {
                    _emptyArmed = false;
                    empty = true;
                }
            }
            else if (items > options.EmptyItems + hysteresis)
            {
                _emptyArmed = true;
            }
        }
    }
}
