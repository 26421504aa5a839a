using Beacons.Shared.Common;
using Beacons.Shared.Privacy;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// The proximity pipeline: phones' advertisements in, proximity payloads out (docs/privacy.md).
    /// <list type="number">
    /// <item>Each advertisement is parsed (<see cref="AdParser"/>); fixed beacons (iBeacon, Eddystone, i.e. the
    /// store's own nodes) are not shoppers and are skipped.</item>
    /// <item>The address is replaced at once by a per-boot keyed hash (<see cref="BootKeyedHash"/>); the session table
    /// and every later step see only that key. The raw address is never stored.</item>
    /// <item>One RSSI sample per phone per scan window (<see cref="BeginWindow"/>) feeds a fading-robust filter; the
    /// log-distance model and hysteresis turn it into a zone.</item>
    /// <item>Visits (enter → exit of a zone) always feed the k-anonymous aggregates. Individual enter/dwell/exit events
    /// exist only for a shopper whose app sent a valid consent signal with the analytics bit, under a store policy of
    /// <c>consented</c>; they carry <c>id</c> (and <c>pid</c> with the personalization bit). Everyone else is only
    /// counted.</item>
    /// </list>
    /// Time is injected: <c>nowMs</c> is a monotonic clock, <c>unixMs</c> wall time for ts, epochs and buckets.
    /// Steady-state processing of an advertisement allocates nothing; payloads (rare) do. Thread-safe.
    /// </summary>
    public sealed class ProximityTracker
    {
        /// <summary>Window samples a new phone needs before it is placed in a zone (one sample is too noisy).</summary>
        public const int MinSamples = 2;

        /// <summary>
        /// Window samples in the median of <see cref="RssiFilter"/>. Chosen with <c>harness proximity-zones --sweep</c>:
        /// 3 windows (9 s) outvote a single fade; longer medians and the EWMA stage only added lag on walking shoppers.
        /// </summary>
        public const int FilterHistory = 3;

        /// <summary>EWMA weight of a new median in <see cref="RssiFilter"/> (1 = the median alone, see above).</summary>
        public const double FilterAlpha = 1.0;

        private const int Unknown = -1;
        private const int AppleCompanyId = 0x004C;
        private const int EddystoneUuid = 0xFEAA;

        private readonly object _gate = new object();
        private readonly ProximityOptions _options;
        private readonly IProximityListener _listener;
        private readonly AdParser _parser = new AdParser();
        private readonly BootKeyedHash _hash;
        private readonly ZoneClassifier _classifier;
        private readonly RssiFilter _filter;
        private readonly SessionTable _table;
        private readonly ZoneAggregator _aggregator;
        private readonly ProximityEventWriter _writer = new ProximityEventWriter();
        private readonly ConsentSignal _consentParser;
        private readonly byte[] _scratchToken = new byte[ConsentSignal.TokenLength];
        private readonly ChannelCalibrator _calibrator;
        private long _nextFitMs = long.MinValue;

        private readonly int[] _zone;
        private readonly long[] _enterMs;
        private readonly long[] _lastWindow;
        private readonly int[] _consent;
        private readonly byte[] _tokens;
        private readonly bool[] _announced;
        private readonly long[] _nextDwellMs;

        private PrivacyOptions _privacy;
        private PseudonymGenerator _pseudonyms;
        private long _window;
        private long _seq;

        /// <param name="options">Validated proximity options.</param>
        /// <param name="privacy">Validated privacy policy.</param>
        /// <param name="bootKey">16 random bytes generated at boot, for the keyed hash of addresses.</param>
        /// <param name="listener">Receives every payload to publish.</param>
        public ProximityTracker(ProximityOptions options, PrivacyOptions privacy, byte[] bootKey, IProximityListener listener)
        {
            _options = options;
            _listener = listener;
            _hash = new BootKeyedHash(bootKey);
            _classifier = new ZoneClassifier(options);
            if (options.Calibration != null)
            {
                _calibrator = new ChannelCalibrator(options.Calibration, options.MeasuredPowerDbm, options.PathLossExponent);
            }

            int slots = options.MaxSessions;
            _filter = new RssiFilter(slots, FilterHistory, FilterAlpha);
            _table = new SessionTable(slots);
            _aggregator = new ZoneAggregator(options.ZoneCount, options.BucketS, privacy.KAnonymity);
            _consentParser = new ConsentSignal(privacy.ConsentCompanyId);
            _zone = new int[slots];
            _enterMs = new long[slots];
            _lastWindow = new long[slots];
            _consent = new int[slots];
            _tokens = new byte[slots * ConsentSignal.TokenLength];
            _announced = new bool[slots];
            _nextDwellMs = new long[slots];
            for (int i = 0; i < slots; i++)
            {
                _zone[i] = Unknown;
                _lastWindow[i] = -1;
            }

            ApplyPolicy(privacy);
        }

        /// <summary>Adds <c>tMs</c> to every payload (replay only: the trace time at which the event was decided).</summary>
        public bool IncludeTraceTime
        {
            get { return _writer.IncludeTraceTime; }
            set { _writer.IncludeTraceTime = value; }
        }

        /// <summary>Advertisements handed in.</summary>
        public long Advertisements { get; private set; }

        /// <summary>
        /// When true (the firmware), nothing is tracked, emitted or aggregated while the wall clock is unset: events,
        /// pseudonym epochs and buckets would carry 1970 and break the epoch rotation's unlinkability. Replays and
        /// tools that feed their own time leave it false.
        /// </summary>
        public bool WaitForWallClock { get; set; }

        /// <summary>Advertisements and ticks skipped while waiting for the wall clock.</summary>
        public long ClockUnsetSkips { get; private set; }

        /// <summary>Advertisements dropped as a second report of a phone in the same scan window.</summary>
        public long Duplicates { get; private set; }

        /// <summary>Advertisements of fixed beacons (iBeacon, Eddystone), which are not shoppers.</summary>
        public long Beacons { get; private set; }

        /// <summary>Zone buckets with visitors that were withheld because they had fewer than k distinct visitors.</summary>
        public long SuppressedBuckets { get; private set; }

        /// <summary>Payloads handed to the listener.</summary>
        public long Published
        {
            get { return _seq; }
        }

        /// <summary>Phones currently tracked (bounded by <c>proximity.maxSessions</c>).</summary>
        public int ActiveSessions
        {
            get { return _table.Count; }
        }

        /// <summary>The neighbour-beacon channel fit, or null when <c>proximity.calibration</c> is not configured.</summary>
        public ChannelCalibrator Calibration
        {
            get { return _calibrator; }
        }

        /// <summary>1 m power the zones are classified with now (fitted, or configured), dBm.</summary>
        public double ChannelMeasuredPowerDbm
        {
            get { return _classifier.MeasuredPowerDbm; }
        }

        /// <summary>Path-loss exponent the zones are classified with now.</summary>
        public double ChannelPathLossExponent
        {
            get { return _classifier.PathLossExponent; }
        }

        /// <summary>
        /// The channel in use, read consistently with the radio thread (for status): returns true when it was fitted
        /// from neighbours, false when the configured constants are in use (then neighbours, residual and samples are 0).
        /// </summary>
        public bool ReadChannel(out double measuredPowerDbm, out double pathLossExponent, out int neighbours, out double residualDb, out long samples)
        {
            lock (_gate)
            {
                measuredPowerDbm = _classifier.MeasuredPowerDbm;
                pathLossExponent = _classifier.PathLossExponent;
                bool fitted = _calibrator != null && _calibrator.Fitted;
                neighbours = fitted ? _calibrator.NeighboursUsed : 0;
                residualDb = fitted ? _calibrator.ResidualDb : 0;
                samples = _calibrator == null ? 0 : _calibrator.Samples;
                return fitted;
            }
        }

        /// <summary>The active policy (for the privacy manifest).</summary>
        public PrivacyOptions Privacy
        {
            get { return _privacy; }
        }

        /// <summary>
        /// Changes the policy at run time (<c>set-privacy</c>). Every consent and token held is forgotten; visits in
        /// progress continue anonymously, and k applies from the next bucket.
        /// </summary>
        public void SetPolicy(PrivacyOptions privacy)
        {
            lock (_gate)
            {
                ApplyPolicy(privacy);
            }
        }

        /// <summary>A scan window starts: from now on each phone contributes at most one more RSSI sample.</summary>
        public void BeginWindow(long nowMs)
        {
            lock (_gate)
            {
                _window++;
            }
        }

        /// <summary>
        /// One received advertisement. <paramref name="address48"/> is the 48-bit address, <paramref name="addressType"/>
        /// 0 public / 1 random, <paramref name="rssiDbm"/> -127..20, the AD bytes are <c>ad[adOffset..+adLength)</c>
        /// (any content; malformed bytes are tolerated). The address is hashed at once and not kept.
        /// </summary>
        public void OnAdvertisement(long address48, int addressType, int rssiDbm, byte[] ad, int adOffset, int adLength, long nowMs, long unixMs)
        {
            lock (_gate)
            {
                Advertisements++;
                if (WaitForWallClock && !WallClock.IsSet(unixMs))
                {
                    ClockUnsetSkips++;
                    return;
                }

                if (rssiDbm < -127 || rssiDbm > 20)
                {
                    return;
                }

                _parser.Parse(ad, adOffset, adLength);
                if (IsFixedBeacon(ad))
                {
                    Beacons++;
                    if (_calibrator != null && _parser.CompanyId == AppleCompanyId)
                    {
                        _calibrator.Observe(ad, _parser.ManufacturerOffset, _parser.ManufacturerLength, rssiDbm);
                    }

                    return;
                }

                RollBuckets(nowMs, unixMs);
                long key = _hash.HashAddress(address48, addressType);
                int slot = _table.Find(key);
                if (slot < 0)
                {
                    slot = _table.FindFree();
                    if (slot < 0)
                    {
                        slot = _table.Oldest();
                        EndSession(slot, nowMs, unixMs);
                    }

                    _table.Claim(slot, key, nowMs);
                    _zone[slot] = Unknown;
                    _lastWindow[slot] = -1;
                    _filter.Reset(slot);
                }

                _table.Touch(slot, nowMs);
                UpdateConsent(slot, ad, adOffset, adLength);

                if (_lastWindow[slot] == _window)
                {
                    Duplicates++;
                    MaybeAnnounce(slot, nowMs, unixMs);
                    return;
                }

                _lastWindow[slot] = _window;
                double estimate = _filter.Add(slot, _window, rssiDbm);
                int current = _zone[slot];
                if (current == Unknown && _filter.Count(slot, _window) < MinSamples)
                {
                    return;
                }

                int next = _classifier.Next(current, estimate);
                if (next != current)
                {
                    if (IsBand(current))
                    {
                        EndVisit(slot, current, nowMs - _enterMs[slot], nowMs, unixMs);
                    }

                    _zone[slot] = next;
                    if (IsBand(next))
                    {
                        _enterMs[slot] = nowMs;
                        _nextDwellMs[slot] = nowMs + _options.DwellIntervalS * 1000L;
                        _announced[slot] = false;
                    }
                }

                MaybeAnnounce(slot, nowMs, unixMs);
            }
        }

        /// <summary>
        /// Housekeeping, called at least once per scan period: phones silent for <c>sessionTimeoutS</c> leave (exit),
        /// dwell events fall due, and finished buckets are published (when k-anonymous).
        /// </summary>
        public void Tick(long nowMs, long unixMs)
        {
            lock (_gate)
            {
                if (WaitForWallClock && !WallClock.IsSet(unixMs))
                {
                    ClockUnsetSkips++;
                    return;
                }

                RollBuckets(nowMs, unixMs);
                Refit(nowMs);
                long timeoutMs = _options.SessionTimeoutS * 1000L;
                long dwellMs = _options.DwellIntervalS * 1000L;
                for (int slot = 0; slot < _table.Capacity; slot++)
                {
                    if (!_table.InUse(slot))
                    {
                        continue;
                    }

                    if (nowMs - _table.LastSeenMs(slot) > timeoutMs)
                    {
                        EndSession(slot, nowMs, unixMs);
                        continue;
                    }

                    if (IsBand(_zone[slot]) && _announced[slot] && nowMs >= _nextDwellMs[slot])
                    {
                        // A phone gone quiet (not heard for two scan periods) is probably leaving: no dwell claim for it.
                        if (nowMs - _table.LastSeenMs(slot) <= 2L * _options.ScanPeriodMs)
                        {
                            Emit(slot, "dwell", (nowMs - _enterMs[slot]) / 1000, nowMs, unixMs);
                        }

                        while (_nextDwellMs[slot] <= nowMs)
                        {
                            _nextDwellMs[slot] += dwellMs;
                        }
                    }
                }
            }
        }

        /// <summary>Start (Unix ms) of the aggregate bucket being filled, or long.MinValue when none has started.</summary>
        public long OpenBucketStartUnixMs
        {
            get { return _aggregator.BucketStartUnixMs; }
        }

        private void ApplyPolicy(PrivacyOptions privacy)
        {
            _privacy = privacy;
            _aggregator.K = privacy.KAnonymity;
            _pseudonyms = privacy.Identifiers == IdentifierMode.Consented
                ? new PseudonymGenerator(privacy.StoreSecretBytes(), privacy.EpochHours)
                : null;
            for (int i = 0; i < _consent.Length; i++)
            {
                _consent[i] = ConsentSignal.None;
                _announced[i] = false;
            }

            Wipe(_tokens, 0, _tokens.Length);
        }

        private void Refit(long nowMs)
        {
            if (_calibrator == null)
            {
                return;
            }

            if (_nextFitMs == long.MinValue)
            {
                // The first fit waits one refit period, so it sees samples from several scan windows.
                _nextFitMs = nowMs + _options.Calibration.RefitS * 1000L;
                return;
            }

            if (nowMs < _nextFitMs)
            {
                return;
            }

            _nextFitMs = nowMs + _options.Calibration.RefitS * 1000L;
            if (_calibrator.Fit())
            {
                _classifier.SetChannel(_calibrator.MeasuredPowerDbm, _calibrator.PathLossExponent);
            }
        }

        private bool IsFixedBeacon(byte[] ad)
        {
            if (_parser.ServiceUuid16 == EddystoneUuid)
            {
                return true;
            }

            return _parser.CompanyId == AppleCompanyId && _parser.ManufacturerLength >= 2
                && ad[_parser.ManufacturerOffset] == 0x02 && ad[_parser.ManufacturerOffset + 1] == 0x15;
        }

        private void UpdateConsent(int slot, byte[] ad, int adOffset, int adLength)
        {
            if (_pseudonyms == null)
            {
                // Policy none: the consent structure is not even read, so no token ever reaches memory we own.
                return;
            }

            int flags = _consentParser.Parse(ad, adOffset, adLength, _scratchToken, 0);
            if (flags == ConsentSignal.Absent)
            {
                // Phones alternate advertisement kinds; one without the structure neither gives nor withdraws consent.
                return;
            }

            int offset = slot * ConsentSignal.TokenLength;
            if ((flags & ConsentSignal.Analytics) == 0)
            {
                _consent[slot] = ConsentSignal.None;
                _announced[slot] = false;
                Wipe(_tokens, offset, ConsentSignal.TokenLength);
            }
            else
            {
                _consent[slot] = flags;
                for (int i = 0; i < ConsentSignal.TokenLength; i++)
                {
                    _tokens[offset + i] = _scratchToken[i];
                }
            }

            Wipe(_scratchToken, 0, ConsentSignal.TokenLength);
        }

        private bool Eligible(int slot)
        {
            return _pseudonyms != null && (_consent[slot] & ConsentSignal.Analytics) != 0;
        }

        private void MaybeAnnounce(int slot, long nowMs, long unixMs)
        {
            if (IsBand(_zone[slot]) && !_announced[slot] && Eligible(slot))
            {
                _announced[slot] = true;
                Emit(slot, "enter", -1, nowMs, unixMs);
            }
        }

        private void EndVisit(int slot, int zone, long dwellMs, long nowMs, long unixMs)
        {
            if (dwellMs < 0)
            {
                dwellMs = 0;
            }

            _aggregator.AddVisit(zone, _table.Key(slot), dwellMs, unixMs);
            if (_announced[slot] && Eligible(slot))
            {
                int saved = _zone[slot];
                _zone[slot] = zone;
                Emit(slot, "exit", dwellMs / 1000, nowMs, unixMs);
                _zone[slot] = saved;
            }

            _announced[slot] = false;
        }

        /// <summary>The phone is gone (timeout or evicted): its visit ends at the last time it was heard.</summary>
        private void EndSession(int slot, long nowMs, long unixMs)
        {
            int zone = _zone[slot];
            if (IsBand(zone))
            {
                EndVisit(slot, zone, _table.LastSeenMs(slot) - _enterMs[slot], nowMs, unixMs);
            }

            _table.Release(slot);
            _filter.Reset(slot);
            _zone[slot] = Unknown;
            _consent[slot] = ConsentSignal.None;
            _announced[slot] = false;
            Wipe(_tokens, slot * ConsentSignal.TokenLength, ConsentSignal.TokenLength);
        }

        private void RollBuckets(long nowMs, long unixMs)
        {
            if (!_aggregator.IsDue(unixMs))
            {
                return;
            }

            long start = _aggregator.BucketStartUnixMs;
            for (int z = 0; z < _classifier.Outside; z++)
            {
                if (_aggregator.Publishable(z))
                {
                    _seq++;
                    _listener.OnProximityPayload(_writer.Aggregate(_classifier.Names[z], _seq, unixMs, start,
                        _options.BucketS, _aggregator.Distinct(z), _aggregator.Histogram(z), nowMs));
                }
                else if (_aggregator.Distinct(z) > 0)
                {
                    SuppressedBuckets++;
                }
            }

            _aggregator.CloseBucket(unixMs);
        }

        private void Emit(int slot, string type, long dwellS, long nowMs, long unixMs)
        {
            int offset = slot * ConsentSignal.TokenLength;
            long unixS = unixMs >= 0 ? unixMs / 1000 : -((-unixMs + 999) / 1000);
            string id = _pseudonyms.IdHex(unixS, _tokens, offset);
            string pid = (_consent[slot] & ConsentSignal.Personalization) != 0 ? _pseudonyms.PidHex(_tokens, offset) : null;
            _seq++;
            _listener.OnProximityPayload(_writer.Visit(type, _classifier.Names[_zone[slot]], _seq, unixMs, id, pid, dwellS, nowMs));
        }

        private bool IsBand(int zone)
        {
            return zone >= 0 && zone < _classifier.Outside;
        }

        private static void Wipe(byte[] b, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                b[offset + i] = 0;
            }
        }
    }
}
