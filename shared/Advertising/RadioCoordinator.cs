using Beacons.Shared.Proximity;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Shares the node's one BLE radio between beacon frames and phone scanning, following the
    /// <see cref="AdvertisingSchedule"/> (a nanoFramework node is either advertiser or scanner, never both). The
    /// publisher is restarted only when what goes on air changes — another frame, a new TLM reading, a rotated EID, or
    /// the end of a scan window — and never more often than once per <see cref="MinRestartMs"/>, because fast
    /// Stop/Start loops have crashed nanoFramework's BLE stack.
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

        /// <summary>Frame on air now (None while scanning or idle).</summary>
        public FrameKind OnAir => _onAir;

        public bool Scanning => _scanning;

        /// <summary>Advances the radio to what the schedule wants at <paramref name="nowMs"/>.</summary>
        /// <param name="unixS">Wall-clock seconds (EID rotation); 0 while the clock is not set.</param>
        /// <param name="uptimeMs">Time since boot for the TLM frame.</param>
        public void Tick(long nowMs, long unixS, long uptimeMs, int batteryMv, double temperatureC)
        {
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
                StopAdvertising();
                if (!_scanning)
                {
                    _scanner.StartWindow();
                    _scanning = true;
                    ScanWindows++;
                }

                return;
            }

            StopScanning();
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
                StopAdvertising();
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

            _advertiser.Stop();
            if (_advertiser.Start(_frames.Buffer(kind), _frames.Length(kind)))
            {
                _onAir = kind;
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
            StopAdvertising();
            StopScanning();
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
                _scanner.StartWindow();
                _scanning = true;
                ScanWindows++;
            }
            else if (!shouldScan && _scanning)
            {
                StopScanning();
            }
        }

        private void StopAdvertising()
        {
            if (_onAir != FrameKind.None)
            {
                _advertiser.Stop();
                _onAir = FrameKind.None;
            }
        }

        private void StopScanning()
        {
            if (_scanning)
            {
                _scanner.StopWindow();
                _scanning = false;
            }
        }
    }
}
