namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Per-phone RSSI smoothing that is robust to fading, fed one sample per scan window: the median of the phone's
    /// last few window samples (a deep multipath fade or a lucky spike is outvoted), followed by an exponential
    /// moving average (slow shadowing is tracked, residual jitter damped). Samples older than
    /// <see cref="MaxAgeWindows"/> windows are ignored, so a phone that was silent re-acquires quickly.
    /// State lives in arrays indexed by session slot; no allocation after construction.
    /// </summary>
    public sealed class RssiFilter
    {
        /// <summary>Window samples older than this (in windows) no longer count.</summary>
        public const int MaxAgeWindows = 8;

        private readonly int _history;
        private readonly double _alpha;
        private readonly int[] _samples;
        private readonly long[] _windows;
        private readonly int[] _next;
        private readonly double[] _estimate;
        private readonly bool[] _hasEstimate;
        private readonly int[] _scratch;

        /// <param name="slots">Number of phones tracked (session table size).</param>
        /// <param name="history">Window samples in the median, 1–9.</param>
        /// <param name="alpha">EWMA weight of a new median, (0, 1]; 1 = median only.</param>
        public RssiFilter(int slots, int history, double alpha)
        {
            _history = history;
            _alpha = alpha;
            _samples = new int[slots * history];
            _windows = new long[slots * history];
            _next = new int[slots];
            _estimate = new double[slots];
            _hasEstimate = new bool[slots];
            _scratch = new int[history];
            for (int s = 0; s < slots; s++)
            {
                Reset(s);
            }
        }

        /// <summary>Forgets a slot's history (new phone in the slot).</summary>
        public void Reset(int slot)
        {
            int b = slot * _history;
            for (int i = 0; i < _history; i++)
            {
                _windows[b + i] = long.MinValue;
            }

            _next[slot] = 0;
            _hasEstimate[slot] = false;
            _estimate[slot] = 0;
        }

        /// <summary>Window samples currently counted for <paramref name="slot"/> at window <paramref name="window"/>.</summary>
        public int Count(int slot, long window)
        {
            int b = slot * _history;
            int n = 0;
            for (int i = 0; i < _history; i++)
            {
                if (_windows[b + i] != long.MinValue && window - _windows[b + i] < MaxAgeWindows)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Adds the window's sample and returns the filtered RSSI in dBm.</summary>
        public double Add(int slot, long window, int rssiDbm)
        {
            int b = slot * _history;
            _samples[b + _next[slot]] = rssiDbm;
            _windows[b + _next[slot]] = window;
            _next[slot] = (_next[slot] + 1) % _history;

            int n = 0;
            for (int i = 0; i < _history; i++)
            {
                if (_windows[b + i] != long.MinValue && window - _windows[b + i] < MaxAgeWindows)
                {
                    int v = _samples[b + i];
                    int j = n++;
                    while (j > 0 && _scratch[j - 1] > v)
                    {
                        _scratch[j] = _scratch[j - 1];
                        j--;
                    }

                    _scratch[j] = v;
                }
            }

            double median = (n & 1) == 1 ? _scratch[n / 2] : (_scratch[n / 2 - 1] + _scratch[n / 2]) / 2.0;
            if (!_hasEstimate[slot] || n == 1)
            {
                _estimate[slot] = median;
                _hasEstimate[slot] = true;
            }
            else
            {
                _estimate[slot] += _alpha * (median - _estimate[slot]);
            }

            return _estimate[slot];
        }
    }
}
