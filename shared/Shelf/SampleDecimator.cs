namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Turns an 80 SPS lane into ten readings a second: each reading is the mean of a block of raw samples with the
    /// block's lowest and highest dropped (the trimmed mean Tasmota's scale uses), so the rest of the chain works at
    /// one rate and a lone spike cannot move a reading. On a lane too noisy for 100 ms readings the lane widens the
    /// block (<see cref="SetBlock"/>, from <see cref="RawNoiseCounts"/>). Integer arithmetic only; nothing allocated
    /// per sample.
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

        /// <summary>Raw-noise updates before <see cref="RawNoiseCounts"/> is used.</summary>
        public const int NoiseMinDiffs = 64;

        private const int NoiseWindow = 256;

        private int _block = 1;
        private int _baseBlock = 1;
        private int _count;
        private bool _hasLast;
        private int _last;
        private int _diffs;
        private double _meanAbsDiff;
        private long _sum;
        private int _min;
        private int _max;

        /// <summary>Raw samples per reading (1 = pass-through).</summary>
        public int BlockSamples
        {
            get { return _block; }
        }

        /// <summary>The block at the configured rate (10 readings a second), before any widening.</summary>
        public int BaseBlockSamples
        {
            get { return _baseBlock; }
        }

        /// <summary>Whether enough sample differences have been seen for <see cref="RawNoiseCounts"/> to mean something.</summary>
        public bool HasRawNoise
        {
            get { return _diffs >= NoiseMinDiffs; }
        }

        /// <summary>
        /// Noise RMS of the raw samples, counts, from their mean |Δ| (E|x₁ − x₂| = 1.128 σ for white noise), each |Δ|
        /// clipped at 4× the running mean so a step adds little. Unlike the settle detector's estimate this needs no
        /// flat window: a lane too noisy to ever look settled measures its noise here.
        /// </summary>
        public double RawNoiseCounts
        {
            get { return _meanAbsDiff / 1.128; }
        }

        /// <summary>Sets the input rate (10 or 80 SPS), the block back to 10 readings a second; forgets a partial block.</summary>
        public void Configure(int sps)
        {
            _baseBlock = sps > OutputSps ? sps / OutputSps : 1;
            _block = _baseBlock;
            Reset();
        }

        /// <summary>Sets the block length (raw samples per reading, 1–128); forgets a partial block.</summary>
        public void SetBlock(int samples)
        {
            _block = samples < 1 ? 1 : (samples > 128 ? 128 : samples);
            Reset();
        }

        /// <summary>Forgets a partial block (a gap or a fault: samples either side of it do not share a reading).</summary>
        public void Reset()
        {
            _count = 0;
            _sum = 0;
            _hasLast = false;
        }

        /// <summary>
        /// Adds one clean raw sample; returns true with the reading when a block is complete (every sample when the
        /// block is 1).
        /// </summary>
        public bool Push(int rawCounts, out int reading)
        {
            if (_hasLast)
            {
                double d = (double)rawCounts - _last;
                if (d < 0)
                {
                    d = -d;
                }

                if (_diffs >= 8 && d > 4 * _meanAbsDiff)
                {
                    d = 4 * _meanAbsDiff;
                }

                if (_diffs < NoiseWindow)
                {
                    _diffs++;
                }

                _meanAbsDiff += (d - _meanAbsDiff) / _diffs;
            }

            _last = rawCounts;
            _hasLast = true;
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
            _count = 0;
            _sum = 0;
            return true;
        }
    }
}
