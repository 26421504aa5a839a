namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Bounded table of the phones being tracked, keyed by the per-boot keyed hash of their address (never the
    /// address itself). Full table: the least recently heard phone is evicted. Linear search: at most a few hundred
    /// slots, and no allocation.
    /// </summary>
    public sealed class SessionTable
    {
        private readonly long[] _keys;
        private readonly bool[] _used;
        private readonly long[] _lastSeenMs;

        /// <param name="capacity">Slots, 4–256.</param>
        public SessionTable(int capacity)
        {
            _keys = new long[capacity];
            _used = new bool[capacity];
            _lastSeenMs = new long[capacity];
        }

        public int Capacity
        {
            get { return _keys.Length; }
        }

        public int Count { get; private set; }

        public bool InUse(int slot)
        {
            return _used[slot];
        }

        public long Key(int slot)
        {
            return _keys[slot];
        }

        public long LastSeenMs(int slot)
        {
            return _lastSeenMs[slot];
        }

        public void Touch(int slot, long nowMs)
        {
            _lastSeenMs[slot] = nowMs;
        }

        /// <summary>The slot holding <paramref name="key"/>, or -1.</summary>
        public int Find(long key)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_used[i] && _keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A free slot, or -1 when the table is full (then see <see cref="Oldest"/>).</summary>
        public int FindFree()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The least recently heard slot in use, or -1 when empty.</summary>
        public int Oldest()
        {
            int oldest = -1;
            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && (oldest < 0 || _lastSeenMs[i] < _lastSeenMs[oldest]))
                {
                    oldest = i;
                }
            }

            return oldest;
        }

        public void Claim(int slot, long key, long nowMs)
        {
            if (!_used[slot])
            {
                Count++;
            }

            _used[slot] = true;
            _keys[slot] = key;
            _lastSeenMs[slot] = nowMs;
        }

        public void Release(int slot)
        {
            if (_used[slot])
            {
                Count--;
            }

            _used[slot] = false;
            _keys[slot] = 0;
            _lastSeenMs[slot] = 0;
        }
    }
}
