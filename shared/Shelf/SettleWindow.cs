using System;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The last N filtered counts in a fixed ring: their mean is the level estimate and their spread (max - min) says
    /// whether the reading has settled. Capacity is fixed at construction (bounded memory, nothing allocated per sample).
    /// </summary>
    public sealed class SettleWindow
    {
        /// <summary>Largest window supported (one second at 80 SPS is 80 samples; the chain uses far fewer).</summary>
        public const int MaxLength = 128;

        private readonly int[] _ring;
        private int _length;
        private int _next;
        private int _count;
        private long _sum;

        /// <param name="length">Samples in the window, 2–<see cref="MaxLength"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">The length is out of range.</exception>
        public SettleWindow(int length)
            : this(length, MaxLength)
        {
        }

        /// <param name="length">Samples in the window, 2–<paramref name="capacity"/>.</param>
        /// <param name="capacity">Longest length this window will ever take, 2–<see cref="MaxLength"/> (the ring's size).</param>
        /// <exception cref="ArgumentOutOfRangeException">The length or the capacity is out of range.</exception>
        public SettleWindow(int length, int capacity)
        {
            if (capacity < 2 || capacity > MaxLength)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _ring = new int[capacity];
            SetLength(length);
        }

        /// <summary>Longest length this window takes (its ring's size).</summary>
        public int Capacity
        {
            get { return _ring.Length; }
        }

        /// <summary>Window length in samples.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Samples held (up to <see cref="Length"/>).</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Whether the window holds <see cref="Length"/> samples (spread and mean are meaningful).</summary>
        public bool IsFull
        {
            get { return _count == _length; }
        }

        /// <summary>Mean of the held samples in counts (0 when empty).</summary>
        public double Mean
        {
            get { return _count == 0 ? 0 : (double)_sum / _count; }
        }

        /// <summary>Changes the length and empties the window.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The length is not 2–<see cref="Capacity"/>.</exception>
        public void SetLength(int length)
        {
            if (length < 2 || length > _ring.Length)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            _length = length;
            Clear();
        }

        /// <summary>Empties the window.</summary>
        public void Clear()
        {
            _count = 0;
            _next = 0;
            _sum = 0;
        }

        /// <summary>Adds a sample, dropping the oldest when full.</summary>
        public void Push(int counts)
        {
            if (_count == _length)
            {
                _sum -= _ring[_next];
            }
            else
            {
                _count++;
            }

            _ring[_next] = counts;
            _sum += counts;
            _next++;
            if (_next == _length)
            {
                _next = 0;
            }
        }

        /// <summary>Max minus min of the held samples, in counts (0 when fewer than two).</summary>
        public long Spread()
        {
            if (_count < 2)
            {
                return 0;
            }

            int min = _ring[0];
            int max = min;
            for (int i = 1; i < _count; i++)
            {
                int v = _ring[i];
                if (v < min)
                {
                    min = v;
                }
                else if (v > max)
                {
                    max = v;
                }
            }

            return (long)max - min;
        }
    }
}
