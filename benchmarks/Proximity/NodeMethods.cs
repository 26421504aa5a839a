using System;
using System.Collections.Generic;
using System.Text.Json;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// One node's zone method as the evaluation drives it: scan windows, one sample per phone per window, housekeeping.
    /// What it reports is read back per session (a MAC period of a phone): the band it is in, or -1, and the published
    /// aggregate counts per (zone, bucket).
    /// </summary>
    public interface INodeMethod
    {
        void BeginWindow(long nowMs);

        void Advertisement(int session, long address48, int rssiDbm, long nowMs, long unixMs);

        void Tick(long nowMs, long unixMs);

        /// <summary>The band session <paramref name="session"/> is reported in, -1 when none.</summary>
        int Zone(int session);

        /// <summary>Published aggregate count per (zone, bucket start Unix ms).</summary>
        Dictionary<(int Zone, long BucketMs), int> Aggregates { get; }
    }

    /// <summary>
    /// Ours: shared/Proximity's <see cref="ProximityTracker"/>, driven as firmware/Proximity/BleWatcherScanner and
    /// StoreNode drive it. Policy consented and every phone consenting (analytics + personalization) so that enter/exit
    /// payloads exist to score; each session has its own consent token, mapped back through its pid. Tracking itself does
    /// not depend on consent or token values. Only the published payloads are read.
    /// </summary>
    public sealed class TrackerNode : INodeMethod, IProximityListener
    {
        private readonly ProximityTracker _tracker;
        private readonly byte[][] _adverts;
        private readonly Dictionary<string, int> _sessionOfPid;
        private readonly Dictionary<string, int> _zoneOfName = new();
        private readonly int[] _zone;

        public TrackerNode(ProximityOptions options, int sessions, int seed)
        {
            var privacy = new PrivacyOptions { Identifiers = IdentifierMode.Consented, StoreSecretHex = new string('5', 64) };
            var bootKey = new byte[16];
            new Random(seed).NextBytes(bootKey);
            _tracker = new ProximityTracker(options, privacy, bootKey, this) { IncludeTraceTime = true };
            var pseudonyms = new PseudonymGenerator(privacy.StoreSecretBytes(), privacy.EpochHours);
            _adverts = new byte[sessions][];
            _sessionOfPid = new Dictionary<string, int>(sessions);
            _zone = new int[sessions];
            for (int s = 0; s < sessions; s++)
            {
                // Flags, consent signal (company 0xFFFF, version 1, analytics|personalization, 8-byte token), TX power.
                var ad = new byte[] { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x0A, 0x0C };
                BitConverter.TryWriteBytes(new Span<byte>(ad, 9, 4), s);
                BitConverter.TryWriteBytes(new Span<byte>(ad, 13, 4), seed);
                _adverts[s] = ad;
                _sessionOfPid[pseudonyms.PidHex(ad, 9)] = s;
                _zone[s] = -1;
            }

            for (int z = 0; z < options.ZoneCount; z++) _zoneOfName[options.ZoneNames[z]] = z;
        }

        public Dictionary<(int Zone, long BucketMs), int> Aggregates { get; } = new();

        public ProximityTracker Tracker => _tracker;

        public void BeginWindow(long nowMs) => _tracker.BeginWindow(nowMs);

        /// <summary>Store node <paramref name="node"/>'s iBeacon frame (major 1, minor node + 1, the default 1 m power), as its radio sends it.</summary>
        public void NodeBeacon(int node, int rssiDbm, long nowMs, long unixMs)
        {
            if (_beacon == null)
            {
                _beacon = new byte[Beacons.Shared.Advertising.IBeaconFrame.Length];
            }

            Beacons.Shared.Advertising.IBeaconFrame.Write(_beacon, 0, StoreSimulation.StoreUuid, 1, node + 1, -59);
            _tracker.OnAdvertisement(0xC0FFEE000000L + node, 0, rssiDbm, _beacon, 0, _beacon.Length, nowMs, unixMs);
        }

        private byte[] _beacon;

        public void Advertisement(int session, long address48, int rssiDbm, long nowMs, long unixMs)
        {
            byte[] ad = _adverts[session];
            _tracker.OnAdvertisement(address48, 1, rssiDbm, ad, 0, ad.Length, nowMs, unixMs);
        }

        public void Tick(long nowMs, long unixMs) => _tracker.Tick(nowMs, unixMs);

        public int Zone(int session) => _zone[session];

        public void OnProximityPayload(string payload)
        {
            using var doc = JsonDocument.Parse(payload);
            JsonElement root = doc.RootElement;
            string type = root.GetProperty("type").GetString();
            int zone = _zoneOfName[root.GetProperty("zone").GetString()];
            if (type == "aggregate")
            {
                long bucket = root.GetProperty("bucket").GetDateTimeOffset().ToUnixTimeMilliseconds();
                Aggregates[(zone, bucket)] = root.GetProperty("count").GetInt32();
                return;
            }

            int session = _sessionOfPid[root.GetProperty("pid").GetString()];
            if (type == "enter") _zone[session] = zone;
            else if (type == "exit" && _zone[session] == zone) _zone[session] = -1;
        }
    }

    /// <summary>
    /// Baseline, ESPresense-style: per address, the median of the samples of the last 15 s after IQR outlier rejection
    /// (Tukey fences, 1.5 × IQR), mapped straight to a zone with the same log-distance model and edges and no hysteresis;
    /// a new address needs 2 samples; an address silent for sessionTimeoutS leaves. Visits feed the same k-anonymous
    /// <see cref="ZoneAggregator"/> as ours, keyed by address.
    /// </summary>
    public sealed class BaselineNode : INodeMethod
    {
        public const int WindowMs = 15000;
        private readonly ProximityOptions _options;
        private readonly ZoneClassifier _classifier;
        private readonly ZoneAggregator _aggregator;
        private readonly Queue<(long T, int Rssi)>[] _samples;
        private readonly long[] _lastSeen;
        private readonly long[] _enterMs;
        private readonly int[] _zone;
        private readonly List<int> _active = new();
        private readonly List<double> _scratch = new();

        public BaselineNode(ProximityOptions options, int sessions)
        {
            _options = options;
            _classifier = new ZoneClassifier(options);
            _aggregator = new ZoneAggregator(options.ZoneCount, options.BucketS, new PrivacyOptions().KAnonymity);
            _samples = new Queue<(long, int)>[sessions];
            _lastSeen = new long[sessions];
            _enterMs = new long[sessions];
            _zone = new int[sessions];
            for (int s = 0; s < sessions; s++) _zone[s] = -1;
        }

        public Dictionary<(int Zone, long BucketMs), int> Aggregates { get; } = new();

        public void BeginWindow(long nowMs)
        {
        }

        public void Advertisement(int session, long address48, int rssiDbm, long nowMs, long unixMs)
        {
            Roll(unixMs);
            Queue<(long T, int Rssi)> q = _samples[session];
            if (q == null)
            {
                q = _samples[session] = new Queue<(long, int)>();
                _active.Add(session);
            }

            q.Enqueue((nowMs, rssiDbm));
            while (q.Peek().T <= nowMs - WindowMs) q.Dequeue();
            _lastSeen[session] = nowMs;
            if (q.Count < ProximityTracker.MinSamples) return;
            _scratch.Clear();
            foreach (var v in q) _scratch.Add(v.Rssi);
            int next = _classifier.Classify(MedianIqr(_scratch));
            if (next == _classifier.Outside) next = -1;
            if (next == _zone[session]) return;
            if (_zone[session] >= 0) _aggregator.AddVisit(_zone[session], session, nowMs - _enterMs[session], unixMs);
            _zone[session] = next;
            _enterMs[session] = nowMs;
        }

        public void Tick(long nowMs, long unixMs)
        {
            Roll(unixMs);
            for (int i = _active.Count - 1; i >= 0; i--)
            {
                int s = _active[i];
                if (nowMs - _lastSeen[s] <= _options.SessionTimeoutS * 1000L) continue;
                if (_zone[s] >= 0) _aggregator.AddVisit(_zone[s], s, Math.Max(0, _lastSeen[s] - _enterMs[s]), unixMs);
                _zone[s] = -1;
                _samples[s] = null;
                _active.RemoveAt(i);
            }
        }

        public int Zone(int session) => _zone[session];

        private void Roll(long unixMs)
        {
            if (!_aggregator.IsDue(unixMs)) return;
            for (int z = 0; z < _options.ZoneCount; z++)
            {
                if (_aggregator.Publishable(z)) Aggregates[(z, _aggregator.BucketStartUnixMs)] = _aggregator.Distinct(z);
            }

            _aggregator.CloseBucket(unixMs);
        }

        internal static double MedianIqr(List<double> values)
        {
            values.Sort();
            double q1 = SortedQuantile.Of(values, 0.25), q3 = SortedQuantile.Of(values, 0.75), iqr = q3 - q1;
            int lo = 0, hi = values.Count - 1;
            while (lo < hi && values[lo] < q1 - 1.5 * iqr) lo++;
            while (hi > lo && values[hi] > q3 + 1.5 * iqr) hi--;
            return SortedQuantile.Of(values, lo, hi, 0.5);
        }
    }
}
