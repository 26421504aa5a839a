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

        /// <summary>
        /// A lane whose raw samples leave one reading's signal-to-noise (unit ÷ reading noise) below this gets a longer
        /// block, until a reading reaches it (noise ∝ 1/√block), up to <see cref="MaxBlockMs"/>.
        /// </summary>
        public const double ReadingSnrTarget = 8.0;

        /// <summary>Longest block, ms: a reading every second at least, so a decision still lands within ~5 s.</summary>
        public const int MaxBlockMs = 1000;

        /// <summary>The block is re-planned from the raw noise at most this often, ms.</summary>
        public const int ReplanMs = 60000;

        /// <summary>Raw-noise updates before <see cref="RawNoiseCounts"/> is used.</summary>
        public const int NoiseMinDiffs = 64;

        private const int NoiseWindow = 256;

        private const long NoTime = long.MinValue;

        private int _sps = OutputSps;
        private int _block = 1;
        private int _previousBlock = 1;
        private int _baseBlock = 1;
        private long _lastPlanMs = NoTime;
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

        /// <summary>The block before the last change <see cref="Plan"/> made.</summary>
        public int PreviousBlockSamples
        {
            get { return _previousBlock; }
        }

        /// <summary>Time between readings, ms.</summary>
        public int PeriodMs
        {
            get { return (1000 * _block) / _sps; }
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
            _sps = sps;
            _baseBlock = sps > OutputSps ? sps / OutputSps : 1;
            _block = _baseBlock;
            _previousBlock = _baseBlock;
            _lastPlanMs = NoTime;
            Reset();
        }

        /// <summary>
        /// Re-plans the block from the raw noise against one item (<paramref name="unitCounts"/>): longer when a
        /// reading's SNR would fall below <see cref="ReadingSnrTarget"/> (at SNR 2:1 three single samples range over two
        /// items, so such a lane never looked settled), back to the base block when the noise falls. At most every
        /// <see cref="ReplanMs"/>; a lengthening only where it at least doubles the block; a change under a third
        /// ignored. Returns true when the block changed (a partial block is forgotten).
        /// </summary>
        public bool Plan(long nowMs, double unitCounts)
        {
            if (!HasRawNoise || !(unitCounts > 0) || (_lastPlanMs != NoTime && nowMs - _lastPlanMs < ReplanMs))
            {
                return false;
            }

            _lastPlanMs = nowMs;
            int maxBlock = (_sps * MaxBlockMs) / 1000;
            double r = ReadingSnrTarget * RawNoiseCounts / unitCounts;
            double need = r * r;
            int block = need < 2 * _baseBlock ? _baseBlock : (need >= maxBlock ? maxBlock : (int)need + 1);
            int change = block > _block ? block - _block : _block - block;
            if (change == 0 || (block != _baseBlock && change * 3 < _block))
            {
                return false;
            }

            _previousBlock = _block;
            SetBlock(block);
            return true;
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
