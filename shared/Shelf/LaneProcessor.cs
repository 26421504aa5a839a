using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The shelf sensing chain of one lane, fed one HX711 sample at a time, composed of its parts:
    /// <see cref="LaneFaultScreen"/> (driver status, rail codes, all-ones, ready timeouts, plausible range → fault
    /// episodes) → <see cref="SampleDecimator"/> (80 SPS → 10 trimmed-mean readings a second) → <see cref="SettleDetector"/> (median-of-3, settle window against a noise-scaled band, measured noise,
    /// averaging window) → the state machine here (settling / stable / changing, auto-zero while stable) →
    /// <see cref="ChangeDecision"/> (Δ → items, confidence, explained or held) → events (pick, restock, unexplained,
    /// level, low/empty from <see cref="StockThresholds"/>, fault) → <see cref="DepletionEstimator"/>.
    /// </summary>
    /// <remarks>
    /// Decisions compare a newly settled level with the previous settled level, so a two-item pick that settles once is
    /// one event of quantity 2, and a bump that settles back where it was is nothing. A settled change that is no whole
    /// number of items (a resting hand) is held: back to the level → nothing; a whole number of items from the level
    /// (the hand lifted with an item) → that pick or restock; still there after
    /// <see cref="ChangeDecision.UnexplainedHoldMs"/> → one <see cref="StockEventKind.Unexplained"/> event, count
    /// unchanged. A fault suspends stock decisions until the readings are healthy and settled again; the count then
    /// resumes without pick or restock events for whatever happened while the lane was blind. Everything is
    /// preallocated in the constructor: <see cref="Push"/> allocates nothing, and events go out through one reused
    /// <see cref="StockEvent"/>. Time is the caller's (<c>nowMs</c>, non-decreasing); samples are expected every
    /// 1000/sps ms.
    /// </remarks>
    public sealed class LaneProcessor
    {
        private const long NoTime = long.MinValue;

        private const int StateSettling = 0;
        private const int StateStable = 1;
        private const int StateChanging = 2;

        /// <summary>Span of the settle window, ms (3 readings: 80 SPS lanes are decimated to 10 readings a second first).</summary>
        public const int WindowMs = 300;

        /// <summary>A fresh start (boot, after a fault) must stay settled this long before the level is trusted, ms.</summary>
        public const int HoldMs = 1000;

        /// <summary>Ready timeouts for this long make a fault, ms (one missed conversion is not a fault).</summary>
        public const int TimeoutFaultMs = LaneFaultScreen.TimeoutFaultMs;

        /// <summary>Rail codes or all-ones for at least 3 samples and this long make a fault, ms.</summary>
        public const int GarbageFaultMs = LaneFaultScreen.GarbageFaultMs;

        /// <summary>A reading outside the plausible range for this long makes a fault, ms (bumps are shorter).</summary>
        public const int ImplausibleFaultMs = LaneFaultScreen.ImplausibleFaultMs;

        /// <summary>No sample for longer than this (a stalled caller) restarts settling, ms.</summary>
        public const int GapMs = 2000;

        /// <summary>After a decision the level follows the settled mean freely this long (the tail of the settling), ms.</summary>
        public const int RefineMs = 3000;

        /// <summary>A settled level within a fraction of an item of the decided one is adopted as the level after this long, ms.</summary>
        public const int DecideWaitMs = 1500;

        /// <summary>
        /// A weight increase counts as a restock only this long after the change began, ms (a brief touch is over by
        /// then). The start is the first unsettled sample less one conversion period: the HX711 averages over its
        /// period, so the first sample to show a step lags the step by up to a period (100 ms at 10 SPS).
        /// </summary>
        public const int RestockHoldMs = 900;

        /// <summary>A settled offset between the drift gate and half an item is accepted as the new level after this long, ms.</summary>
        public const int RebaseMs = 30000;

        /// <summary>After tare or calibration, level changes update the count without pick/restock events this long, ms.</summary>
        public const int ServiceWindowMs = 60000;

        /// <summary>Auto-zero follows deviations up to this fraction of one item.</summary>
        public const double DriftGateUnits = 0.25;

        /// <summary>A settled deviation of this fraction of one item is a level change.</summary>
        public const double StepUnits = 0.5;

        private readonly IStockListener _listener;
        private readonly StockEvent _event = new StockEvent();
        private readonly LaneFaultScreen _screen = new LaneFaultScreen();
        private readonly SampleDecimator _decimator = new SampleDecimator();
        private readonly SettleDetector _settle = new SettleDetector();
        private readonly ChangeDecision _decision = new ChangeDecision();
        private readonly StockThresholds _thresholds = new StockThresholds();
        private readonly DepletionEstimator _depletion = new DepletionEstimator();
        private readonly ZeroTracker _tracker;

        private LaneOptions _options;
        private string _lane;
        private double _unitGrams;
        private double _toleranceGrams;
        private double _countsPerGram;
        private double _zeroCounts;
        private int _holdSamples;
        private int _periodMs;

        private int _state = StateSettling;
        private StockFault _fault = StockFault.None;
        private bool _hasBaseline;
        private double _baselineGrams;
        private bool _hasPreHold;
        private double _preHoldGrams;
        private int _items;
        private double _confidence = 1.0;
        private int _flatRun;
        private long _flatSinceMs = NoTime;
        private long _changeSinceMs = NoTime;
        private long _lastDecisionMs = NoTime;
        private long _offsetSinceMs = NoTime;
        private long _lastTrackMs = NoTime;
        private long _lastSampleMs = NoTime;
        private long _quietUntilMs = NoTime;
        private long _samples;

        /// <param name="options">The lane; validated here (keys reported without a prefix).</param>
        /// <param name="listener">Receives every event, synchronously.</param>
        /// <exception cref="Beacons.Shared.Configuration.ConfigException">The options are invalid.</exception>
        public LaneProcessor(LaneOptions options, IStockListener listener)
        {
            if (listener == null)
            {
                throw new ArgumentNullException("listener");
            }

            _listener = listener;
            _tracker = new ZeroTracker(1, 1);
            Configure(options);
            _zeroCounts = options.ZeroCounts;
            _countsPerGram = options.CountsPerGram;
            _settle.SetUnitCounts(_unitGrams * Math.Abs(_countsPerGram));
        }

        /// <summary>The options in force.</summary>
        public LaneOptions Options
        {
            get { return _options; }
        }

        /// <summary>Items on the lane (last decided; 0 before the first settled reading).</summary>
        public int Items
        {
            get { return _items; }
        }

        /// <summary>Net grams of the last settled level.</summary>
        public double Grams
        {
            get { return _baselineGrams; }
        }

        /// <summary>Whether a settled level has been established since boot.</summary>
        public bool HasLevel
        {
            get { return _hasBaseline; }
        }

        /// <summary>The running fault, or <see cref="StockFault.None"/>.</summary>
        public StockFault Fault
        {
            get { return _fault; }
        }

        /// <summary>Whether the reading is settled at the decided level (tare and calibration need it).</summary>
        public bool IsStable
        {
            get { return _state == StateStable && _fault == StockFault.None; }
        }

        /// <summary>Whether a settled change that is no whole number of items is being held (not yet reported).</summary>
        public bool IsHolding
        {
            get { return _decision.Holding; }
        }

        /// <summary>The lane's state as the level topic shows it.</summary>
        public LaneLevel Level
        {
            get
            {
                if (_fault != StockFault.None)
                {
                    return LaneLevel.Fault;
                }

                if (!_hasBaseline)
                {
                    return LaneLevel.Unknown;
                }

                if (_items <= _options.EmptyItems)
                {
                    return LaneLevel.Empty;
                }

                return _items <= _options.LowItems ? LaneLevel.Low : LaneLevel.Ok;
            }
        }

        /// <summary>Current zero (raw count at 0 g), moved by auto-zero and tare; persist it with the calibration.</summary>
        public double ZeroCounts
        {
            get { return _zeroCounts; }
        }

        /// <summary>Current counts per gram (0 = uncalibrated).</summary>
        public double CountsPerGram
        {
            get { return _countsPerGram; }
        }

        /// <summary>Total correction applied by auto-zero since start, g.</summary>
        public double TrackedDriftGrams
        {
            get { return _tracker.TrackedGrams; }
        }

        /// <summary>
        /// Settle band in force, g: the largest window spread still called settled. 6 × the mean |Δ| of the median
        /// output, within 0.1–0.3 of an item; on a low-SNR lane at least 4 × the measured noise RMS, up to 0.6 of an item.
        /// </summary>
        public double BandGrams
        {
            get { return _countsPerGram == 0 ? SettleDetector.BandFloorUnits * _unitGrams : _settle.BandCounts() / Math.Abs(_countsPerGram); }
        }

        /// <summary>
        /// Time between the readings the chain decides on, ms: 100 (10 SPS, or 80 SPS decimated), up to
        /// <see cref="SampleDecimator.MaxBlockMs"/> on a lane whose noise needs longer blocks.
        /// </summary>
        public int ReadingPeriodMs
        {
            get { return _periodMs; }
        }

        /// <summary>Measured noise RMS of the raw readings, g (0 until about 3 s of quiet samples have been seen).</summary>
        public double NoiseGrams
        {
            get
            {
                if (_countsPerGram == 0)
                {
                    return 0;
                }

                // The raw samples' noise (what a technician's scope shows), not a reading's: that depends on the block.
                double counts = _decimator.HasRawNoise ? _decimator.RawNoiseCounts : _settle.NoiseRmsCounts;
                return counts / Math.Abs(_countsPerGram);
            }
        }

        /// <summary>
        /// Smallest item weight this lane counts reliably, g: 21.2 × noise RMS / √(averaged samples) (see
        /// <see cref="SettleDetector"/>); 0 until the noise is known.
        /// </summary>
        public double MinItemGrams
        {
            get { return _countsPerGram == 0 ? 0 : _settle.MinItemCounts() / Math.Abs(_countsPerGram); }
        }

        /// <summary>Samples averaged for a decision (the settle window's length unless the lane is noisy for its unit).</summary>
        public int AveragingSamples
        {
            get { return _settle.AveragingSamples; }
        }

        /// <summary>Samples pushed since construction.</summary>
        public long Samples
        {
            get { return _samples; }
        }

        /// <summary>Depletion rate, items per hour, at <paramref name="nowMs"/>.</summary>
        public double RatePerHour(long nowMs)
        {
            return _depletion.RatePerHour(nowMs);
        }

        /// <summary>Predicted seconds to empty at <paramref name="nowMs"/>, or -1 when unknown.</summary>
        public long EmptyInS(long nowMs)
        {
            return _depletion.EmptyInS(nowMs, _items);
        }

        /// <summary>
        /// Applies new counting rules (unit weight, thresholds, tolerance, sps…) keeping the count and calibration
        /// (the <c>set-lane</c> command). The settle window restarts. Validates first.
        /// </summary>
        public void Configure(LaneOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate("");
            _options = options;
            _lane = options.Id;
            _unitGrams = options.UnitGrams;
            _toleranceGrams = options.EffectiveToleranceGrams;
            // Everything after the decimator runs at its rate (10 readings a second at either HX711 rate, fewer on
            // a lane too noisy for that; see PlanBlock).
            _decimator.Configure(options.Sps);
            ApplyTiming();
            _tracker.MaxGramsPerMin = options.EffectiveMaxDriftGramsPerMin;
            _tracker.GateGrams = DriftGateUnits * _unitGrams;
            _screen.Configure(_unitGrams, options.CapacityGrams);
            _settle.SetUnitCounts(_unitGrams * Math.Abs(_countsPerGram));
            _flatRun = 0;
            _decision.EndHold();
            if (_state == StateStable)
            {
                _state = StateChanging;
                _changeSinceMs = _lastSampleMs;
            }
        }

        /// <summary>
        /// Processes one sample slot.
        /// </summary>
        /// <param name="nowMs">Time of the sample, ms (non-decreasing).</param>
        /// <param name="rawCounts">Signed 24-bit count (-8388608..8388607); ignored unless <paramref name="status"/> is Ok.</param>
        /// <param name="status">What the driver says about the slot.</param>
        public void Push(long nowMs, int rawCounts, SampleStatus status)
        {
            _samples++;
            if (_lastSampleMs != NoTime && nowMs - _lastSampleMs > GapMs)
            {
                Restart();
            }

            _lastSampleMs = nowMs;
            bool calibrated = _countsPerGram != 0;
            if (!calibrated && _fault == StockFault.None)
            {
                RaiseFault(StockFault.Uncalibrated, nowMs);
            }

            StockFault fault = _screen.Classify(nowMs, rawCounts, status);
            if (fault != StockFault.None)
            {
                _decimator.Reset();
                if (calibrated)
                {
                    RaiseFault(fault, nowMs);
                }

                return;
            }

            if (status != SampleStatus.Ok)
            {
                return;
            }

            double cpg = calibrated ? Math.Abs(_countsPerGram) : 0;
            if (rawCounts == -1 && !NearMinusOne(cpg))
            {
                // A lone all-ones word is a legal count only next to readings near -1; anywhere else it is line garbage.
                return;
            }

            int reading;
            if (!_decimator.Push(rawCounts, out reading))
            {
                return;
            }

            // Re-planned only while not mid-change: a new block restarts the windows.
            if (calibrated && _state != StateChanging && _decimator.Plan(nowMs, _unitGrams * cpg))
            {
                OnBlockChanged(nowMs);
                return;
            }

            // The settle window takes the readings themselves: a spike can never make it look settled (every reading
            // must sit inside the band), so a level is only ever read from clean readings, without the median's delay.
            // The median, which a lone spike cannot move, feeds the noise scale and the plausibility check.
            int median;
            if (!_settle.Push(reading, 0.1 * _unitGrams * cpg, out median) || !calibrated)
            {
                // Uncalibrated: the window still fills, so a technician can tare and calibrate; nothing is decided.
                return;
            }

            double grams = (median - _zeroCounts) / _countsPerGram;
            StockFault implausible;
            if (!_screen.Plausible(nowMs, grams, out implausible))
            {
                if (implausible != StockFault.None)
                {
                    RaiseFault(implausible, nowMs);
                }

                _flatRun = 0;
                _settle.BreakRun();
                return;
            }

            if (!_settle.IsFull)
            {
                return;
            }

            bool flat = _settle.Evaluate(_settle.BandCounts());
            double meanGrams = (_settle.MeanCounts - _zeroCounts) / _countsPerGram;
            if (_state == StateSettling)
            {
                Settle(nowMs, flat, meanGrams);
            }
            else if (_state == StateStable)
            {
                Stable(nowMs, flat, meanGrams);
            }
            else
            {
                Changing(nowMs, flat, meanGrams);
            }
        }

        /// <summary>
        /// Tare: the lane is empty now, so its settled reading becomes the zero; the count becomes 0. Level changes in
        /// the next minute (the technician loading the lane) update the count without pick/restock events.
        /// Returns false (nothing changed) unless the reading is settled.
        /// </summary>
        public bool TryTare(long nowMs)
        {
            if (!_settle.IsFull || _state == StateChanging)
            {
                return false;
            }

            if (_countsPerGram == 0)
            {
                // No grams yet, so no band to judge settling by: the technician's word that the lane is empty and still.
                if (_fault != StockFault.Uncalibrated)
                {
                    return false;
                }

                _zeroCounts = _settle.WindowMeanCounts;
                return true;
            }

            if (_fault != StockFault.None || _settle.Spread() > BandGrams * Math.Abs(_countsPerGram))
            {
                return false;
            }

            _zeroCounts = _settle.WindowMeanCounts;
            Rebase(nowMs, 0, 0);
            _depletion.Start(nowMs);
            _quietUntilMs = nowMs + ServiceWindowMs;
            EmitLevel(nowMs);
            return true;
        }

        /// <summary>
        /// Guided calibration, second step: <paramref name="knownGrams"/> sits on the tared lane now; counts per gram
        /// follow from the settled reading. Returns false (nothing changed) unless the reading is settled (spread under
        /// a tenth of the known weight) and the result is usable (|counts per gram| ≥ 0.01). A service window as after
        /// <see cref="TryTare"/> follows.
        /// </summary>
        public bool TryCalibrate(double knownGrams, long nowMs)
        {
            if (!(knownGrams > 0) || !_settle.IsFull || _state == StateChanging)
            {
                return false;
            }

            if (_fault != StockFault.None && _fault != StockFault.Uncalibrated)
            {
                return false;
            }

            double cpg;
            try
            {
                cpg = LaneCalibration.Guided(_zeroCounts, _settle.WindowMeanCounts, knownGrams);
            }
            catch (ArgumentException)
            {
                return false;
            }

            if (_settle.Spread() > 0.1 * knownGrams * Math.Abs(cpg))
            {
                return false;
            }

            SetCalibration(cpg, _zeroCounts);
            _fault = StockFault.None;
            Rebase(nowMs, knownGrams, RoundItems(knownGrams));
            _depletion.Start(nowMs);
            _quietUntilMs = nowMs + ServiceWindowMs;
            EmitLevel(nowMs);
            return true;
        }

        /// <summary>
        /// Sets a calibration (a two-point result, or one restored from storage). The lane settles again and takes its
        /// count from the new grams, without stock events for the jump this causes.
        /// </summary>
        /// <exception cref="ArgumentException">|counts per gram| below 0.01.</exception>
        public void ApplyCalibration(double countsPerGram, double zeroCounts)
        {
            if (!(countsPerGram >= LaneCalibration.MinCountsPerGram || countsPerGram <= -LaneCalibration.MinCountsPerGram))
            {
                throw new ArgumentException("countsPerGram");
            }

            SetCalibration(countsPerGram, zeroCounts);
            _fault = StockFault.None;
            _hasBaseline = false;
            Restart();
            _state = StateSettling;
        }

        private void SetCalibration(double countsPerGram, double zeroCounts)
        {
            _countsPerGram = countsPerGram;
            _zeroCounts = zeroCounts;
            _settle.ClearNoiseScale();
            _settle.SetUnitCounts(_unitGrams * Math.Abs(countsPerGram));
        }

        private bool NearMinusOne(double cpg)
        {
            // Read before this sample enters the median: the last median output stands for the neighbourhood.
            long near = (long)(BandGrams * cpg);
            return _settle.HasLastMedian && ExactMath.Abs((long)_settle.LastMedian + 1) <= near;
        }

        private void Settle(long nowMs, bool flat, double meanGrams)
        {
            _flatRun = flat ? _flatRun + 1 : 0;
            if (_flatRun < _holdSamples || !_settle.Averaged)
            {
                return;
            }

            bool recovering = _fault != StockFault.None;
            _fault = StockFault.None;
            if (!_hasBaseline)
            {
                int items = RoundItems(meanGrams);
                Rebase(nowMs, meanGrams, items);
                _depletion.Start(nowMs);
                _thresholds.Arm(_items, _options);
            }
            else
            {
                // Back from a fault: what changed while blind is taken into the count, but as a level, not as events.
                _decision.Evaluate(meanGrams - _baselineGrams, _unitGrams, _toleranceGrams);
                int quantity = _decision.Quantity;
                int items = _items + quantity;
                Rebase(nowMs, meanGrams, items < 0 ? 0 : items);
                if (recovering && quantity != 0)
                {
                    CheckThresholds(nowMs);
                }
            }

            EmitLevel(nowMs);
        }

        private void Stable(long nowMs, bool flat, double meanGrams)
        {
            if (!flat)
            {
                _state = StateChanging;
                _changeSinceMs = nowMs;
                _flatRun = 0;
                _offsetSinceMs = NoTime;
                return;
            }

            _settle.Adapt();
            double d = meanGrams - _baselineGrams;
            double magnitude = d < 0 ? -d : d;
            if (magnitude >= StepUnits * _unitGrams)
            {
                // Settled, yet half an item away: a change too slow to break the band (a careful hand). Decide it.
                _state = StateChanging;
                _changeSinceMs = nowMs;
                _flatRun = 0;
                _offsetSinceMs = NoTime;
                Changing(nowMs, true, meanGrams);
                return;
            }

            long elapsed = _lastTrackMs == NoTime ? 0 : nowMs - _lastTrackMs;
            _lastTrackMs = nowMs;
            if (nowMs - _lastDecisionMs < RefineMs && magnitude <= _tracker.GateGrams)
            {
                _baselineGrams = meanGrams;
                _offsetSinceMs = NoTime;
                return;
            }

            double step = _tracker.Step(d, elapsed);
            if (step != 0 || magnitude <= _tracker.GateGrams)
            {
                _zeroCounts += step * _countsPerGram;
                _offsetSinceMs = NoTime;
                return;
            }

            // Between the drift gate and half an item: not an item, not drift (something foreign, or items shifted).
            if (_offsetSinceMs == NoTime)
            {
                _offsetSinceMs = nowMs;
            }
            else if (nowMs - _offsetSinceMs >= RebaseMs)
            {
                _baselineGrams = meanGrams;
                _offsetSinceMs = NoTime;
                _lastDecisionMs = nowMs;
                EmitLevel(nowMs);
            }
        }

        private void Changing(long nowMs, bool flat, double meanGrams)
        {
            if (!flat)
            {
                _flatRun = 0;
                return;
            }

            if (_flatRun == 0)
            {
                _flatSinceMs = nowMs;
            }

            _flatRun++;
            if (!_settle.Averaged)
            {
                // A noisy lane decides on the mean of a longer run of settled samples.
                return;
            }

            double delta = meanGrams - _baselineGrams;
            _decision.Evaluate(delta, _unitGrams, _toleranceGrams);
            int quantity = _decision.Quantity;
            bool waited = nowMs - _flatSinceMs >= DecideWaitMs;
            bool quiet = _quietUntilMs != NoTime && nowMs < _quietUntilMs;
            double magnitude = delta < 0 ? -delta : delta;
            if (quantity == 0 && magnitude <= _tracker.GateGrams)
            {
                // Back where it was: a bump, a touch, a hand that put the item back or let go of the lane.
                ToStable(nowMs);
                return;
            }

            if (_hasPreHold && Near(meanGrams, _preHoldGrams))
            {
                // The load reported as unexplained has gone: the lane is back at the level before it, count unchanged.
                _baselineGrams = _preHoldGrams;
                _lastDecisionMs = nowMs;
                ToStable(nowMs);
                EmitLevel(nowMs);
                return;
            }

            if (quiet)
            {
                // Service window: the technician's changes are counted as they settle, as levels (no hold).
                if (quantity == 0 ? !waited : (!_decision.Clean && !waited))
                {
                    return;
                }
            }
            else if (!_decision.Explained)
            {
                // No whole number of items: hold it (a resting hand leaves; a stuck load is reported once).
                if (_decision.Hold(nowMs))
                {
                    ReportUnexplained(nowMs, meanGrams, delta);
                }

                return;
            }

            if (quantity > 0 && _changeSinceMs != NoTime && nowMs - _changeSinceMs + _periodMs < RestockHoldMs)
            {
                // A hand resting on the lane adds weight exactly like an item; only an item stays. Picks need no such
                // wait: touching never takes weight away, and letting go only returns to the decided level.
                return;
            }

            Decide(nowMs, quantity, delta, !quiet);
        }

        /// <summary>Takes a settled change of <paramref name="quantity"/> items as the new level; events unless <paramref name="publish"/> is false.</summary>
        private void Decide(long nowMs, int quantity, double delta, bool publish)
        {
            int items = _items + quantity;
            if (items < 0)
            {
                items = 0;
            }

            _items = items;
            _baselineGrams += delta;
            _confidence = quantity == 0 ? _confidence : _decision.Confidence;
            _lastDecisionMs = nowMs;
            _hasPreHold = false;
            ToStable(nowMs);
            if (!publish || quantity == 0)
            {
                if (quantity != 0)
                {
                    _thresholds.Arm(_items, _options);
                }

                EmitLevel(nowMs);
                return;
            }

            int amount = quantity < 0 ? -quantity : quantity;
            if (quantity < 0)
            {
                _depletion.OnPick(nowMs, amount);
            }

            Begin(quantity < 0 ? StockEventKind.Pick : StockEventKind.Restock, nowMs);
            _event.Quantity = amount;
            _event.Grams = delta;
            _event.Confidence = _decision.Confidence;
            _listener.OnStockEvent(_event);
            CheckThresholds(nowMs);
            EmitLevel(nowMs);
        }

        /// <summary>One <c>unexplained</c> event; the lane keeps its count and follows the new load, remembering the level before it.</summary>
        private void ReportUnexplained(long nowMs, double meanGrams, double delta)
        {
            Begin(StockEventKind.Unexplained, nowMs);
            _event.Grams = delta;
            _event.Confidence = _decision.Confidence;
            _listener.OnStockEvent(_event);
            if (!_hasPreHold)
            {
                _preHoldGrams = _baselineGrams;
                _hasPreHold = true;
            }

            _baselineGrams = meanGrams;
            _lastDecisionMs = nowMs;
            ToStable(nowMs);
            EmitLevel(nowMs);
        }

        private void ToStable(long nowMs)
        {
            _decision.EndHold();
            _state = StateStable;
            _lastTrackMs = nowMs;
        }

        private bool Near(double grams, double level)
        {
            double d = grams - level;
            return (d < 0 ? -d : d) <= _tracker.GateGrams;
        }

        private void RaiseFault(StockFault fault, long nowMs)
        {
            if (_fault == StockFault.None)
            {
                _fault = fault;
                Begin(StockEventKind.Fault, nowMs);
                _event.Fault = fault;
                _event.Grams = _baselineGrams;
                _event.Level = LaneLevel.Fault;
                _listener.OnStockEvent(_event);

                // The level says "fault" too (the retained stock/<lane>: Home Assistant's state and problem sensors read
                // it) until the lane recovers and its next level replaces it; nothing is known about depletion meanwhile.
                Begin(StockEventKind.Level, nowMs);
                _event.Grams = _baselineGrams;
                _event.Level = LaneLevel.Fault;
                _listener.OnStockEvent(_event);
            }

            Restart();
            _state = StateSettling;
        }

        /// <summary>Reading period, settle window, averaging limit and hold for the decimator's block.</summary>
        private void ApplyTiming()
        {
            _periodMs = _decimator.PeriodMs;
            int windowSamples = WindowMs / _periodMs;
            _settle.Configure(windowSamples < 3 ? 3 : windowSamples, SettleDetector.MaxAveragingMs / _periodMs);
            _holdSamples = (HoldMs + _periodMs - 1) / _periodMs;
        }

        /// <summary>The decimator chose a new block: new timing, the windows restart, the settled noise follows the reading.</summary>
        private void OnBlockChanged(long nowMs)
        {
            ApplyTiming();
            _settle.Reset();
            if (_settle.HasNoise)
            {
                _settle.ScaleNoise((double)_decimator.PreviousBlockSamples / _decimator.BlockSamples);
            }
            else
            {
                _settle.SeedNoise(_decimator.RawNoiseCounts / Math.Sqrt(_decimator.BlockSamples));
            }

            _flatRun = 0;
            _decision.EndHold();
            if (_state == StateStable)
            {
                _state = StateChanging;
                _changeSinceMs = nowMs;
            }
        }

        /// <summary>Forgets the filter history: the next decision needs fresh settled samples.</summary>
        private void Restart()
        {
            _decimator.Reset();
            _settle.Reset();
            _decision.EndHold();
            _flatRun = 0;
            _screen.ResetPlausibility();
            _offsetSinceMs = NoTime;
            _lastTrackMs = NoTime;
            if (_state != StateSettling)
            {
                _state = _hasBaseline ? StateChanging : StateSettling;
                _changeSinceMs = _lastSampleMs;
            }
        }

        private void Rebase(long nowMs, double grams, int items)
        {
            _baselineGrams = grams;
            _items = items;
            _hasBaseline = true;
            _hasPreHold = false;
            _decision.EndHold();
            _confidence = 1.0;
            _state = StateStable;
            _flatRun = 0;
            _lastDecisionMs = nowMs;
            _lastTrackMs = nowMs;
            _offsetSinceMs = NoTime;
        }

        private int RoundItems(double grams)
        {
            int items = (int)ExactMath.Round(grams / _unitGrams);
            return items < 0 ? 0 : items;
        }

        private void CheckThresholds(long nowMs)
        {
            bool low;
            bool empty;
            _thresholds.Check(_items, _options, out low, out empty);
            if (low)
            {
                Begin(StockEventKind.Low, nowMs);
                _event.Grams = _baselineGrams;
                _listener.OnStockEvent(_event);
            }

            if (empty)
            {
                Begin(StockEventKind.Empty, nowMs);
                _event.Grams = _baselineGrams;
                _listener.OnStockEvent(_event);
            }
        }

        private void EmitLevel(long nowMs)
        {
            Begin(StockEventKind.Level, nowMs);
            _event.Grams = _baselineGrams;
            _event.RatePerHour = _depletion.RatePerHour(nowMs);
            _event.EmptyInS = _depletion.EmptyInS(nowMs, _items);
            _event.NoiseGrams = NoiseGrams;
            _event.MinItemGrams = MinItemGrams;
            _listener.OnStockEvent(_event);
        }

        private void Begin(StockEventKind kind, long nowMs)
        {
            _event.Clear();
            _event.Kind = kind;
            _event.Lane = _lane;
            _event.Items = _items;
            _event.Confidence = _confidence;
            _event.TMs = nowMs;
            _event.Level = Level;
        }
    }
}
