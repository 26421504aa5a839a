namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Turns an 80 SPS lane into ten readings a second: each reading is the mean of a block of raw samples with the
    /// block's lowest and highest dropped (the trimmed mean Tasmota's scale uses), so the rest of the chain works at
    /// one rate and a lone spike cannot move a reading. Integer arithmetic only; nothing allocated per sample.
    /// </summary>
    /// <remarks>
    /// Why: a 300 ms settle window at 80 SPS holds 24 raw samples, whose range reaches 5.8 σ₈₀ at the 99th percentile,
    /// and the HX711's 80 SPS noise σ₈₀ is about 1.8 × its 10 SPS noise σ₁₀: 10.4 σ₁₀, more than an item on a lane whose
    /// item weighs 10 σ₁₀, so such a lane never settled. A trimmed mean of 8 has about 0.38 σ₈₀ = 0.68 σ₁₀ of noise,
    /// and three of them (the same 300 ms) range 2.8 σ₁₀: the 80 SPS lane becomes the quieter of the two rates
    /// instead of the one that cannot count. The price is up to one block (87.5 ms) of extra latency.
    /// </remarks>
    public sealed class SampleDecimator
    {
        /// <summary>Readings a second after decimation.</summary>
        public const int OutputSps = 10;

        private int _block = 1;
        private int _count;
        private long _sum;
        private int _min;
        private int _max;

        /// <summary>Raw samples per reading (1 = pass-through).</summary>
        public int BlockSamples
        {
            get { return _block; }
        }

        /// <summary>Sets the input rate (10 or 80 SPS) and forgets a partial block.</summary>
        public void Configure(int sps)
        {
            _block = sps > OutputSps ? sps / OutputSps : 1;
            Reset();
        }

        /// <summary>Forgets a partial block (a gap or a fault: samples either side of it do not share a reading).</summary>
        public void Reset()
        {
            _count = 0;
            _sum = 0;
        }

        /// <summary>
        /// Adds one clean raw sample; returns true with the reading when a block is complete (every sample when the
        /// block is 1).
        /// </summary>
        public bool Push(int rawCounts, out int reading)
        {
            if (_block == 1)
            {
                reading = rawCounts;
                return true;
            }

            if (_count == 0)
            {
                _min = rawCounts;
                _max = rawCounts;
            }
            else if (rawCounts < _min)
            {
                _min = rawCounts;
            }
            else if (rawCounts > _max)
            {
                _max = rawCounts;
            }

            _sum += rawCounts;
            _count++;
            if (_count < _block)
            {
                reading = 0;
                return false;
            }

            long sum = _sum;
            int n = _block;
            if (n >= 4)
            {
                sum -= (long)_min + _max;
                n -= 2;
            }

            // Rounded to the nearest count, half away from zero, without Math (single precision on the device).
            long half = n / 2;
            reading = (int)(sum >= 0 ? (sum + half) / n : -((-sum + half) / n));
            Reset();
            return true;
        }
    }
}
