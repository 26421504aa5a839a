using System;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The settle detector of one lane: a short settle window of raw samples (spread against a noise-scaled band says
    /// "settled"), the median-of-3 spike filter (noise scale, plausibility), the lane's measured noise, and an averaging
    /// window that grows when the item weight is small against that noise. Preallocated; nothing allocated per sample.
    /// </summary>
    /// <remarks>
    /// <para><b>Noise.</b> While the settle window is flat, each raw sample-to-sample difference d updates a running
    /// variance σ² ← σ² + (d²/2 − σ²)·α (white noise has E[d²] = 2σ²), α = 1/n for the first 128 updates, then 1/128 (a
    /// bounded-memory EMA over about 256 samples). Only flat windows vote, so steps and spikes never do (either breaks
    /// the window's spread), and each d is clipped to the band.</para>
    /// <para><b>Averaging.</b> The difference of two levels, each a mean of N samples, has σ·√(2/N) of noise; for it to
    /// stay inside the residual the confidence floor allows (0.2 unit) at 3σ, an item must weigh at least
    /// <see cref="MinItemSigmas"/>·σ/√N (3·√2 / 0.2 = 21.2). So the decision mean uses
    /// N = ceil((21.2·σ/unit)²) samples when the signal-to-noise ratio unit/σ is below <see cref="AdaptSnr"/> (never
    /// fewer than the settle window, at most <see cref="MaxAveragingMs"/> and 128 samples); the smallest item the lane
    /// can count reliably is 21.2·σ/√N.</para>
    /// </remarks>
    public sealed class SettleDetector
    {
        /// <summary>Smallest reliable item = this many noise RMS / √(averaged samples): 3·√2 / (0.5·(1 − 0.6)).</summary>
        public const double MinItemSigmas = 21.2;

        /// <summary>Below this unit/σ the averaging window lengthens and the settle band widens.</summary>
        public const double AdaptSnr = 20;

        /// <summary>Longest averaging window, ms (40 samples at 10 SPS; 128, the ring, at 80).</summary>
        public const int MaxAveragingMs = 4000;

        /// <summary>Widened settle band = this many noise RMS (the spread of 3 samples exceeds 4σ about 2 % of the time).</summary>
        public const double BandNoiseSigmas = 4.0;

        /// <summary>Settle band = this many mean absolute sample-to-sample differences of the median (the noise scale).</summary>
        public const double NoiseBandFactor = 6.0;

        /// <summary>Settle band limits as fractions of one item.</summary>
        public const double BandFloorUnits = 0.1;

        /// <summary>Settle band cap, fraction of one item (see <see cref="BandCapLowSnrUnits"/>).</summary>
        public const double BandCapUnits = 0.3;

        /// <summary>On a lane whose unit/noise is below <see cref="AdaptSnr"/> the band may widen to this fraction of an item.</summary>
        public const double BandCapLowSnrUnits = 0.6;

        /// <summary>Noise updates before the estimate is used (and reported).</summary>
        public const int NoiseMinSamples = 32;

        private const int NoiseWindow = 128;

        private readonly MedianSpikeFilter _median = new MedianSpikeFilter();
        private SettleWindow _window;
        private SettleWindow _average;
        private int _windowLength = 3;
        private double _rangeSigmas = 4.12;
        private int _maxAveraging = 40;
        private bool _hasLastMedian;
        private int _lastMedian;
        private double _meanAbsDiffCounts;
        private double _rawMeanAbsDiffCounts;
        private bool _hasLastRaw;
        private int _lastRaw;
        private bool _hasDiff;
        private double _lastDiff;
        private int _noiseUpdates;
        private double _noiseVariance;
        private double _noiseRms;
        private int _settledRun;
        private double _unitCounts;
        private bool _lowSnr;
        private bool _adaptDue;

        /// <summary>Windows are sized by <see cref="Configure"/> (rings only as long as the lane's rate needs).</summary>
        public SettleDetector()
        {
        }

        /// <summary>
        /// 99th-percentile range of <see cref="WindowLength"/> Gaussian samples in noise RMS: 4.12 for 3, about 5.1 for 10
        /// and 5.8 for 24 (4.12 + 0.79·ln(N/3) fits the tabulated values within 0.05).
        /// </summary>
        public double RangeSigmas
        {
            get { return _rangeSigmas; }
        }

        /// <summary>Settle window length, samples.</summary>
        public int WindowLength
        {
            get { return _windowLength; }
        }

        /// <summary>Samples the decision mean averages (≥ <see cref="WindowLength"/>).</summary>
        public int AveragingSamples
        {
            get { return _average.Length; }
        }

        /// <summary>
        /// Noise RMS of the raw samples from their mean |Δ| (E|x₁ − x₂| = 1.128σ for white noise), counts: the measured
        /// <see cref="NoiseRmsCounts"/> once known, before that this rougher scale (a lane too noisy to ever look flat
        /// against the median-based band would otherwise never measure its noise).
        /// </summary>
        public double RangeNoiseCounts
        {
            get { return HasNoise ? _noiseRms : _rawMeanAbsDiffCounts / 1.128; }
        }

        /// <summary>Whether the settle window holds its full length.</summary>
        public bool IsFull
        {
            get { return _window.IsFull; }
        }

        /// <summary>Mean of the settle window, counts.</summary>
        public double WindowMeanCounts
        {
            get { return _window.Mean; }
        }

        /// <summary>Mean absolute difference of the median-of-3 output (EMA 0.02), counts: the settle band's noise scale.</summary>
        public double MeanAbsDiffCounts
        {
            get { return _meanAbsDiffCounts; }
        }

        /// <summary>Whether the median has an output since the last reset.</summary>
        public bool HasLastMedian
        {
            get { return _hasLastMedian; }
        }

        /// <summary>The last median-of-3 output, counts (meaningful when <see cref="HasLastMedian"/>).</summary>
        public int LastMedian
        {
            get { return _lastMedian; }
        }

        /// <summary>Whether enough quiet samples have been seen for <see cref="NoiseRmsCounts"/> to mean something.</summary>
        public bool HasNoise
        {
            get { return _noiseUpdates >= NoiseMinSamples; }
        }

        /// <summary>Measured noise RMS of the raw samples, counts (0 until <see cref="HasNoise"/>).</summary>
        public double NoiseRmsCounts
        {
            get { return HasNoise ? _noiseRms : 0; }
        }

        /// <summary>
        /// Whether the averaging window holds only settled samples (always true, given a flat window, when it is no
        /// longer than the settle window).
        /// </summary>
        public bool Averaged
        {
            get
            {
                int n = _average.Length;
                return n <= _windowLength || (_average.IsFull && _settledRun + _windowLength - 1 >= n);
            }
        }

        /// <summary>The level estimate, counts: the averaging window's mean when <see cref="Averaged"/>, else the settle window's.</summary>
        public double MeanCounts
        {
            get { return _average.Length > _windowLength && Averaged ? _average.Mean : _window.Mean; }
        }

        /// <summary>
        /// Sets the settle window length and the averaging limit (samples); empties both windows. Allocates only when a
        /// ring must grow (the first call, or a higher sample rate).
        /// </summary>
        public void Configure(int windowSamples, int maxAveragingSamples)
        {
            _windowLength = windowSamples;
            _rangeSigmas = 4.12 + (0.79 * Math.Log(windowSamples / 3.0));
            _maxAveraging = maxAveragingSamples < windowSamples ? windowSamples : (maxAveragingSamples > SettleWindow.MaxLength ? SettleWindow.MaxLength : maxAveragingSamples);
            if (_window == null || _window.Capacity < windowSamples)
            {
                _window = new SettleWindow(windowSamples, windowSamples);
            }

            _window.SetLength(windowSamples);
            if (_average == null || _average.Capacity < _maxAveraging)
            {
                _average = new SettleWindow(windowSamples, _maxAveraging);
            }

            if (_average.Length < _windowLength || _average.Length > _maxAveraging)
            {
                _average.SetLength(_windowLength);
            }

            _median.Reset();
            _average.Clear();
            _settledRun = 0;
        }

        /// <summary>Forgets the sample history (the noise estimate stays).</summary>
        public void Reset()
        {
            _median.Reset();
            _window.Clear();
            _average.Clear();
            _hasLastMedian = false;
            _hasLastRaw = false;
            _hasDiff = false;
            _settledRun = 0;
        }

        /// <summary>Forgets the median-based noise scale (a new calibration changes counts per gram).</summary>
        public void ClearNoiseScale()
        {
            _meanAbsDiffCounts = 0;
            _rawMeanAbsDiffCounts = 0;
        }

        /// <summary>Forgets the median history only (new counting rules).</summary>
        public void ResetMedian()
        {
            _median.Reset();
        }

        /// <summary>Ends the run of settled samples (an implausible reading).</summary>
        public void BreakRun()
        {
            _settledRun = 0;
        }

        /// <summary>
        /// Adds a clean raw sample to the windows and the median. Returns true with the median once the median has three
        /// samples; <paramref name="clipCounts"/> (0 = none) bounds what one median difference adds to the noise scale.
        /// </summary>
        public bool Push(int rawCounts, double clipCounts, out int median)
        {
            _window.Push(rawCounts);
            _average.Push(rawCounts);
            if (_hasLastRaw)
            {
                _lastDiff = (double)rawCounts - _lastRaw;
                _hasDiff = true;

                // Raw |Δ| (clipped at half an item, so a step adds little): the noise scale before flat windows exist.
                double rawDiff = _lastDiff < 0 ? -_lastDiff : _lastDiff;
                if (clipCounts > 0 && rawDiff > 5 * clipCounts)
                {
                    rawDiff = 5 * clipCounts;
                }

                _rawMeanAbsDiffCounts += (rawDiff - _rawMeanAbsDiffCounts) * 0.02;
            }

            _lastRaw = rawCounts;
            _hasLastRaw = true;
            if (!_median.Push(rawCounts, out median))
            {
                return false;
            }

            if (_hasLastMedian)
            {
                double diff = Math.Abs((double)median - _lastMedian);

                // Steps are not noise: clip what one difference may contribute to a tenth of an item.
                if (clipCounts > 0 && diff > clipCounts)
                {
                    diff = clipCounts;
                }

                _meanAbsDiffCounts += (diff - _meanAbsDiffCounts) * 0.02;
            }

            _lastMedian = median;
            _hasLastMedian = true;
            return true;
        }

        /// <summary>
        /// Settle band, counts: the largest window spread still called settled. 6 × the mean |Δ| of the median output
        /// and at least the window's 99th-percentile noise range, within 0.1–0.3 of an item; on a low-SNR lane at least
        /// 4 × the measured noise RMS, up to 0.6 of an item. Needs the unit (<see cref="SetUnitCounts"/>).
        /// </summary>
        public double BandCounts()
        {
            double noise = NoiseBandFactor * _meanAbsDiffCounts;
            double floor = BandFloorUnits * _unitCounts;
            double cap = BandCapUnits * _unitCounts;

            // The median's |Δ| understates the raw noise, and a longer window spreads further than 3 readings do.
            double range = _rangeSigmas * RangeNoiseCounts;
            if (range > noise)
            {
                noise = range;
            }

            if (_lowSnr)
            {
                double sigmas = BandNoiseSigmas * NoiseRmsCounts;
                if (sigmas > noise)
                {
                    noise = sigmas;
                }

                double wide = BandCapLowSnrUnits * _unitCounts;
                cap = noise > wide ? wide : (noise > cap ? noise : cap);
            }

            return noise < floor ? floor : (noise > cap ? cap : noise);
        }

        /// <summary>Max − min of the settle window, counts.</summary>
        public long Spread()
        {
            return _window.Spread();
        }

        /// <summary>
        /// Judges the full settle window against <paramref name="bandCounts"/>: returns whether it is flat, counts the run
        /// of flat samples, and, when flat, lets the last sample difference update the noise estimate.
        /// </summary>
        public bool Evaluate(double bandCounts)
        {
            bool flat = _window.Spread() <= bandCounts;
            if (!flat)
            {
                _settledRun = 0;
                return false;
            }

            _settledRun++;
            if (_hasDiff)
            {
                double d = _lastDiff < 0 ? -_lastDiff : _lastDiff;
                if (d > bandCounts)
                {
                    d = bandCounts;
                }

                if (_noiseUpdates < NoiseWindow)
                {
                    _noiseUpdates++;
                }

                _noiseVariance += ((0.5 * d * d) - _noiseVariance) / _noiseUpdates;
                _hasDiff = false;

                // The square root only every 16th update: the band reads the cached RMS on every sample.
                if ((_noiseUpdates & 15) == 0 || _noiseUpdates < NoiseWindow)
                {
                    _noiseRms = Math.Sqrt(_noiseVariance);
                    UpdateSnr();
                }
            }

            return true;
        }

        /// <summary>
        /// Rescales the noise estimates by <paramref name="varianceFactor"/> (the readings became means of a different
        /// number of samples: the variance goes as 1/block).
        /// </summary>
        public void ScaleNoise(double varianceFactor)
        {
            double f = Math.Sqrt(varianceFactor);
            _noiseVariance *= varianceFactor;
            _noiseRms = Math.Sqrt(_noiseVariance);
            _meanAbsDiffCounts *= f;
            _rawMeanAbsDiffCounts *= f;
            UpdateSnr();
        }

        /// <summary>
        /// Takes a noise RMS measured elsewhere (the raw samples' |Δ|, scaled to a reading) as the estimate, so a lane
        /// that never looked flat starts from its real noise; flat windows refine it as usual.
        /// </summary>
        public void SeedNoise(double readingRmsCounts)
        {
            _noiseVariance = readingRmsCounts * readingRmsCounts;
            _noiseRms = readingRmsCounts;
            _noiseUpdates = NoiseMinSamples;
            _meanAbsDiffCounts = 0.8 * readingRmsCounts;
            _rawMeanAbsDiffCounts = 1.128 * readingRmsCounts;
            UpdateSnr();
        }

        /// <summary>Whether unit/σ is below <see cref="AdaptSnr"/> (a lane the noise makes hard to count).</summary>
        public bool LowSnr
        {
            get { return _lowSnr; }
        }

        /// <summary>Sets one item's weight in counts (unit grams × |counts per gram|; 0 = uncalibrated).</summary>
        public void SetUnitCounts(double unitCounts)
        {
            _unitCounts = unitCounts;
            UpdateSnr();
        }

        private void UpdateSnr()
        {
            _lowSnr = _unitCounts > 0 && _noiseUpdates >= NoiseMinSamples && _unitCounts < AdaptSnr * _noiseRms;
            _adaptDue = true;
        }

        /// <summary>
        /// Sets the averaging window from the measured noise against one item: N = ceil((21.2·σ/unit)²) when
        /// unit/σ &lt; 20, bounded. Works only after the noise estimate or the unit changed (every 16th noise update);
        /// a change under a quarter is ignored (each change empties the averaging window). Call while the level is stable.
        /// </summary>
        public void Adapt()
        {
            if (!_adaptDue)
            {
                return;
            }

            _adaptDue = false;
            int target = _windowLength;
            if (_lowSnr)
            {
                double r = MinItemSigmas * _noiseRms / _unitCounts;
                double n = r * r;
                target = n >= _maxAveraging ? _maxAveraging : (int)n + 1;
                if (target < _windowLength)
                {
                    target = _windowLength;
                }
            }

            int current = _average.Length;
            int change = target - current;
            if (change < 0)
            {
                change = -change;
            }

            if (change != 0 && (change * 4 > current || target == _windowLength))
            {
                _average.SetLength(target);
            }
        }

        /// <summary>Smallest item the lane counts reliably, counts: 21.2·σ/√N; 0 until the noise is known.</summary>
        public double MinItemCounts()
        {
            return HasNoise ? MinItemSigmas * _noiseRms / Math.Sqrt(_average.Length) : 0;
        }
    }
}
