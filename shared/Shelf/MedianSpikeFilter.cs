namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Median of the last three accepted raw counts: removes any single-sample spike (an EMI hit, a mis-clocked bit)
    /// for one sample of delay, and passes steps through intact (a step is a real load change; a mean would smear a
    /// spike over the settle window instead).
    /// </summary>
    public sealed class MedianSpikeFilter
    {
        private int _a;
        private int _b;
        private int _c;
        private int _count;

        /// <summary>Samples pushed since the last reset (saturates at 3).</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Forgets the history (after a fault or a gap, old samples must not vote).</summary>
        public void Reset()
        {
            _count = 0;
        }

        /// <summary>
        /// Adds a raw count. Returns true and the median of the last three once three samples have been pushed since the
        /// last reset; false (and <paramref name="median"/> = <paramref name="rawCounts"/>) before that.
        /// </summary>
        public bool Push(int rawCounts, out int median)
        {
            _a = _b;
            _b = _c;
            _c = rawCounts;
            if (_count < 3)
            {
                _count++;
            }

            if (_count < 3)
            {
                median = rawCounts;
                return false;
            }

            median = Median(_a, _b, _c);
            return true;
        }

        /// <summary>The middle value of three.</summary>
        public static int Median(int a, int b, int c)
        {
            if (a > b)
            {
                int t = a;
                a = b;
                b = t;
            }

            if (b > c)
            {
                b = c;
            }

            return a > b ? a : b;
        }
    }
}
