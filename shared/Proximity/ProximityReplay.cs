using System;
using Beacons.Shared.Configuration;
using Beacons.Shared.Privacy;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Runs a recorded proximity trace through the same <see cref="ProximityTracker"/> the node runs, for
    /// <c>proximity-replay --trace file.csv [--config device.json] [--start ISO]</c>. Rows are pushed one at a time
    /// (<see cref="PushLine"/>); every payload the node would publish goes to the listener, each with <c>tMs</c>.
    /// Trace time 0 is <paramref name="startUnixMs"/> (1970-01-01T00:00Z unless --start), and epochs follow that clock.
    /// Scan windows are synthesised every <c>proximity.scanPeriodMs</c> from time 0; housekeeping runs at every window
    /// boundary, so exits, dwell events and buckets fall at the times the node would decide them. Bad rows are counted
    /// and skipped with a message, never fatal.
    /// </summary>
    public sealed class ProximityReplay
    {
        private readonly ProximityTracker _tracker;
        private readonly ProximityOptions _options;
        private readonly long _startUnixMs;
        private readonly ProximityTraceRow _row = new ProximityTraceRow();
        private long _lastMs = -1;
        private long _windowIndex = -1;
        private bool _finished;

        /// <param name="bootKey">16 bytes for the keyed hash; the output does not depend on it (null = random).</param>
        public ProximityReplay(ProximityOptions options, PrivacyOptions privacy, long startUnixMs, byte[] bootKey, IProximityListener listener)
        {
            _options = options;
            _startUnixMs = startUnixMs;
            if (bootKey == null)
            {
                bootKey = new byte[BootKeyedHash.KeyLength];
                new Random().NextBytes(bootKey);
            }

            _tracker = new ProximityTracker(options, privacy, bootKey, listener);
            _tracker.IncludeTraceTime = true;
        }

        /// <summary>Rows accepted.</summary>
        public long Rows { get; private set; }

        /// <summary>Rows rejected (malformed or going back in time).</summary>
        public long BadRows { get; private set; }

        /// <summary>Why the last rejected row was rejected.</summary>
        public string LastError { get; private set; }

        public ProximityTracker Tracker
        {
            get { return _tracker; }
        }

        /// <summary>
        /// Reads the <c>proximity</c> and <c>privacy</c> sections of a device JSON document (other sections are not
        /// looked at, so a trace can be replayed against any node's config). Throws <see cref="ConfigException"/>.
        /// </summary>
        public static void ReadConfig(string deviceJson, out ProximityOptions proximity, out PrivacyOptions privacy)
        {
            ConfigSection root = ConfigSection.ParseDocument(deviceJson);
            proximity = ProximityOptions.Read(root.Section("proximity"));
            privacy = PrivacyOptions.Read(root.Section("privacy"));
        }

        /// <summary>
        /// Processes one line of the trace. Returns null when it was used or skipped (header, blank, comment), else
        /// the reason it was rejected (the caller reports it with the line number; the row is counted in
        /// <see cref="BadRows"/>).
        /// </summary>
        public string PushLine(string line)
        {
            if (ProximityTraceRow.IsSkippable(line))
            {
                return null;
            }

            string error = _row.TryParse(line);
            if (error == null && _row.TimeMs < _lastMs)
            {
                error = "time_ms goes backwards (rows must be in time order)";
            }

            if (error == null && _finished)
            {
                error = "trace already finished";
            }

            if (error != null)
            {
                BadRows++;
                LastError = error;
                return error;
            }

            Rows++;
            AdvanceTo(_row.TimeMs);
            _tracker.OnAdvertisement(_row.Address, _row.AddressType, _row.RssiDbm, _row.Ad, 0, _row.AdLength,
                _row.TimeMs, _startUnixMs + _row.TimeMs);
            return null;
        }

        /// <summary>
        /// Ends the trace: time runs on until every phone has timed out and the last bucket has closed, exactly as
        /// it would on a node left alone, so the final exits and aggregates are emitted.
        /// </summary>
        public void Finish()
        {
            if (_finished)
            {
                return;
            }

            long last = _lastMs < 0 ? 0 : _lastMs;
            long afterExits = last + _options.SessionTimeoutS * 1000L + 2L * _options.ScanPeriodMs;
            AdvanceTo(afterExits);
            long bucketStart = _tracker.OpenBucketStartUnixMs;
            if (bucketStart != long.MinValue)
            {
                long bucketEndTraceMs = bucketStart + _options.BucketS * 1000L - _startUnixMs;
                if (bucketEndTraceMs > afterExits)
                {
                    AdvanceTo(bucketEndTraceMs);
                }

                TickAt(bucketEndTraceMs > afterExits ? bucketEndTraceMs : afterExits);
            }

            _finished = true;
        }

        /// <summary>Runs the node's window boundaries and housekeeping up to <paramref name="timeMs"/>.</summary>
        private void AdvanceTo(long timeMs)
        {
            long period = _options.ScanPeriodMs;
            long target = timeMs / period;
            if (_windowIndex < 0)
            {
                _windowIndex = target;
                _tracker.BeginWindow(target * period);
                TickAt(target * period);
            }

            // A long silence in the trace: nothing can happen between the last timeout and the next row except bucket
            // closes, which the tick at the jump target handles, so skip ahead instead of ticking every window.
            long quiet = (_options.SessionTimeoutS * 1000L) / period + 2;
            if (target - _windowIndex > quiet + 1)
            {
                long w = _windowIndex + quiet;
                TickAt(w * period);
                long bucketStart = _tracker.OpenBucketStartUnixMs;
                if (bucketStart != long.MinValue)
                {
                    long bucketEnd = bucketStart + _options.BucketS * 1000L - _startUnixMs;
                    long closingWindow = (bucketEnd + period - 1) / period;
                    if (closingWindow > w && closingWindow < target)
                    {
                        TickAt(closingWindow * period);
                    }
                }

                _windowIndex = target - 1;
            }

            while (_windowIndex < target)
            {
                _windowIndex++;
                long boundary = _windowIndex * period;
                TickAt(boundary);
                _tracker.BeginWindow(boundary);
            }

            if (timeMs > _lastMs)
            {
                _lastMs = timeMs;
            }
        }

        private void TickAt(long timeMs)
        {
            _tracker.Tick(timeMs, _startUnixMs + timeMs);
        }
    }
}
