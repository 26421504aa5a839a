using Beacons.Shared.Proximity;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Shares the node's one BLE radio between beacon frames and phone scanning, following the
    /// <see cref="AdvertisingSchedule"/> (a nanoFramework node is either advertiser or scanner, never both). The
    /// publisher is restarted only when what goes on air changes — another frame, a new TLM reading, a rotated EID, or
    /// the end of a scan window — and never more often than once per <see cref="MinRestartMs"/>, because fast
    /// Stop/Start loops have crashed nanoFramework's BLE stack. Consecutive beacon slots stay in advertising (server)
    /// mode: only the publisher is restarted with the new payload. The stack changes mode only around scan windows,
    /// because each change is a NimBLE deinit + init + host sync on the device (see docs/beacons.md, "Radio time").
    /// </summary>
    public sealed class RadioCoordinator
    {
        /// <summary>Floor between two publisher starts (the schedule's minimum slot is also 1 s).</summary>
        public const int MinRestartMs = 1000;

        private readonly AdvertisingSchedule _schedule;
        private readonly BeaconFrameSet _frames;
        private readonly IAdvertiser _advertiser;
        private readonly IScanWindow _scanner;
        private readonly int _scanOnlyWindowMs;
        private readonly int _scanOnlyPeriodMs;
        private FrameKind _onAir = FrameKind.None;
        private bool _scanning;
        private long _nextEvaluateMs;
        private long _lastStartMs = -MinRestartMs;
        private long _scanOnlyStartMs = -1;
        private bool _serverMode;
        private bool _clientMode;
        private bool _rebaseLastStart;
        private long _firstTickMs = -1;
        private long _lastTickMs;
        private long _onAirSinceMs = -1;
        private long _scanSinceMs = -1;
        private long _airtimeMs;
        private long _scanMs;

        /// <param name="schedule">The beacon schedule, or null on a scan-only node.</param>
        /// <param name="frames">The frames the schedule names (null on a scan-only node).</param>
        /// <param name="scanner">The scanner, or null when proximity scanning is off.</param>
        /// <param name="scanOnlyWindowMs">Scan window on a scan-only node.</param>
        /// <param name="scanOnlyPeriodMs">Scan period on a scan-only node (a fresh session per period).</param>
        public RadioCoordinator(AdvertisingSchedule schedule, BeaconFrameSet frames, IAdvertiser advertiser, IScanWindow scanner, int scanOnlyWindowMs, int scanOnlyPeriodMs)
        {
            _schedule = schedule;
            _frames = frames;
            _advertiser = advertiser;
            _scanner = scanner;
            _scanOnlyWindowMs = scanOnlyWindowMs;
            _scanOnlyPeriodMs = scanOnlyPeriodMs;
        }

        /// <summary>Publisher starts so far (each one a Stop/Start cycle on the device).</summary>
        public long AdvertisingStarts { get; private set; }

        /// <summary>Starts the radio refused; the frame is retried at the next step.</summary>
        public long StartFailures { get; private set; }

        public long ScanWindows { get; private set; }

        /// <summary>Stack mode changes (into or out of advertising or scanning): each a NimBLE restart on the device.</summary>
        public long ModeSwitches { get; private set; }

        /// <summary>Share of the time since the first tick with a beacon frame on air, percent (0 before two ticks).</summary>
        public double AirtimePercent
        {
            get { return Percent(_airtimeMs + Open(_onAirSinceMs)); }
        }

        /// <summary>Share of the time since the first tick spent in scan windows, percent.</summary>
        public double ScanCoveragePercent
        {
            get { return Percent(_scanMs + Open(_scanSinceMs)); }
        }

        /// <summary>Mode switches per hour since the first tick (0 before a second has passed).</summary>
        public double ModeSwitchesPerHour
        {
            get
            {
                long elapsed = _lastTickMs - _firstTickMs;
                return elapsed < 1000 ? 0 : ModeSwitches * 3600000.0 / elapsed;
            }
        }

        /// <summary>Frame on air now (None while scanning or idle).</summary>
        public FrameKind OnAir => _onAir;

        public bool Scanning => _scanning;

        /// <summary>Advances the radio to what the schedule wants at <paramref name="nowMs"/>.</summary>
        /// <param name="unixS">Wall-clock seconds (EID rotation); 0 while the clock is not set.</param>
        /// <param name="uptimeMs">Time since boot for the TLM frame.</param>
        public void Tick(long nowMs, long unixS, long uptimeMs, int batteryMv, double temperatureC)
        {
            if (_firstTickMs < 0)
            {
                _firstTickMs = nowMs;
            }

            _lastTickMs = nowMs;
            if (_rebaseLastStart)
            {
                // That start brought the stack up (a synchronous NimBLE init + host sync on the device): it ended when
                // the caller got control back, which is now, so the restart floor counts from here.
                _rebaseLastStart = false;
                _lastStartMs = nowMs;
            }

            if (_schedule == null)
            {
                TickScanOnly(nowMs);
                return;
            }

            if (nowMs < _nextEvaluateMs)
            {
                return;
            }

            _schedule.Evaluate(nowMs);
            _nextEvaluateMs = _schedule.NextSwitchMs;
            if (_schedule.IsScanWindow && _scanner != null)
            {
                if (!_scanning)
                {
                    ReleaseAdvertising(nowMs);
                    StartScanning(nowMs);
                }

                return;
            }

            ReleaseScanning(nowMs);
            FrameKind kind = _schedule.CurrentFrame;
            bool changed = kind != _onAir;
            if (kind == FrameKind.EddystoneTlm)
            {
                _frames.UpdateTelemetry(batteryMv, temperatureC, _schedule.EstimatedAdvertisingEvents(nowMs), uptimeMs);
                changed = true;
            }
            else if (kind == FrameKind.EddystoneEid && unixS > 0)
            {
                changed |= _frames.UpdateEid(unixS);
            }

            if (kind == FrameKind.None || _frames.Length(kind) == 0)
            {
                StopAdvertising(nowMs);
                return;
            }

            if (!changed)
            {
                return;
            }

            if (nowMs - _lastStartMs < MinRestartMs)
            {
                // Too soon after the last start: keep what is on air and come back when the floor has passed.
                _nextEvaluateMs = _lastStartMs + MinRestartMs;
                return;
            }

            StopAdvertising(nowMs);
            if (!_serverMode)
            {
                _serverMode = true;
                _rebaseLastStart = true;
                ModeSwitches++;
            }

            if (_advertiser.Start(_frames.Buffer(kind), _frames.Length(kind)))
            {
                _onAir = kind;
                _onAirSinceMs = nowMs;
                AdvertisingStarts++;
                _lastStartMs = nowMs;
            }
            else
            {
                _onAir = FrameKind.None;
                StartFailures++;
                _lastStartMs = nowMs;
            }
        }

        /// <summary>Stops whatever runs (before a reboot).</summary>
        public void Stop()
        {
            ReleaseAdvertising(_lastTickMs);
            ReleaseScanning(_lastTickMs);
        }

        private void TickScanOnly(long nowMs)
        {
            if (_scanner == null)
            {
                return;
            }

            if (_scanOnlyStartMs < 0)
            {
                _scanOnlyStartMs = nowMs;
            }

            long within = (nowMs - _scanOnlyStartMs) % _scanOnlyPeriodMs;
            bool shouldScan = within < _scanOnlyWindowMs;
            if (shouldScan && !_scanning)
            {
                StartScanning(nowMs);
            }
            else if (!shouldScan && _scanning)
            {
                StopScanning(nowMs);
            }
        }

        private void StartScanning(long nowMs)
        {
            if (!_clientMode)
            {
                _clientMode = true;
                ModeSwitches++;
            }

            _scanner.StartWindow();
            _scanning = true;
            _scanSinceMs = nowMs;
            ScanWindows++;
        }

        private void StopAdvertising(long nowMs)
        {
            if (_onAir != FrameKind.None)
            {
                _advertiser.Stop();
                _onAir = FrameKind.None;
                _airtimeMs += nowMs - _onAirSinceMs;
                _onAirSinceMs = -1;
            }
        }

        // Out of server mode: only before a scan window (or a reboot), never between beacon slots.
        private void ReleaseAdvertising(long nowMs)
        {
            StopAdvertising(nowMs);
            if (_serverMode)
            {
                _advertiser.LeaveServerMode();
                _serverMode = false;
                ModeSwitches++;
            }
        }

        private void StopScanning(long nowMs)
        {
            if (_scanning)
            {
                _scanner.StopWindow();
                _scanning = false;
                _scanMs += nowMs - _scanSinceMs;
                _scanSinceMs = -1;
            }
        }

        // Out of client mode: only before beacon frames go on air again (or a reboot).
        private void ReleaseScanning(long nowMs)
        {
            StopScanning(nowMs);
            if (_clientMode)
            {
                _scanner.LeaveClientMode();
                _clientMode = false;
                ModeSwitches++;
            }
        }

        private long Open(long sinceMs)
        {
            return sinceMs < 0 ? 0 : _lastTickMs - sinceMs;
        }

        private double Percent(long ms)
        {
            long elapsed = _lastTickMs - _firstTickMs;
            return elapsed <= 0 ? 0 : ms * 100.0 / elapsed;
        }
    }
}
