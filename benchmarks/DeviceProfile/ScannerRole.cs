using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Proximity;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// scanner: n03's proximity pipeline (zones entrance/checkout, identifiers none, k = 5, 64 sessions) on a scan-only
    /// radio coordinator (1.5 s windows every 3 s), its payloads queued best-effort as StoreNode does. Trace: 7 minutes,
    /// 64 phones (all 64 present at once from 95 s to 180 s), about one report per phone per window.
    /// </summary>
    public sealed class ScannerRole : IProfileRole, IProximityListener
    {
        private const int StepMs = 100;

        private readonly ScanTrace _trace;
        private NodeCore _core;
        private ProximityTracker _tracker;
        private ScanWindowStub _scanner;
        private RadioCoordinator _radio;
        private long _payloads;

        public ScannerRole(ScanTrace trace)
        {
            _trace = trace;
        }

        public void Boot(RoleResult r)
        {
            _core = new NodeCore(SampleConfigs.Scanner, r);
            DeviceConfig c = _core.Config;
            var bootKey = new byte[16];
            var rng = new Lcg(16);
            for (int i = 0; i < bootKey.Length; i++)
            {
                bootKey[i] = (byte)rng.Next(256);
            }

            _tracker = new ProximityTracker(c.Proximity, c.Privacy, bootKey, this);
            _scanner = new ScanWindowStub(_tracker);
            _radio = new RadioCoordinator(null, null, null, _scanner, c.Proximity.ScanWindowMs, c.Proximity.ScanPeriodMs);
            r.Mark("tracker");
        }

        public void Run(RoleResult r)
        {
            var adverts = new Micros();
            var ticks = new Micros();
            long advertCount = 0;
            long tickCount = 0;
            long allocated = 0;
            int maxSessions = 0;
            int windowMs = _core.Config.Proximity.ScanWindowMs;
            int parts = windowMs / StepMs;
            long windowStartMs = 0;
            long duration = _trace.DurationMs;
            for (long now = 0; now < duration; now += StepMs)
            {
                long unixMs = NodeCore.StartUnixMs + now;
                _scanner.NowMs = now;
                bool wasScanning = _scanner.Scanning;
                _radio.Tick(now, unixMs / 1000, now, 0, double.NaN);
                if (_scanner.Scanning && !wasScanning)
                {
                    windowStartMs = now;
                }

                if (_scanner.Scanning)
                {
                    int part = (int)((now - windowStartMs) / StepMs);
                    if (part < parts)
                    {
                        _trace.Window(now, part, parts);
                        int n = _trace.Count;
                        long a0 = Heap.AllocatedBytes();
                        adverts.Start();
                        for (int i = 0; i < n; i++)
                        {
                            byte[] ad = _trace.Ad[i];
                            _tracker.OnAdvertisement(_trace.Address[i], _trace.AddressType[i], _trace.Rssi[i], ad, 0, ad.Length, now, unixMs);
                        }

                        adverts.Stop();
                        allocated += Heap.AllocatedBytes() - a0;
                        advertCount += n;
                    }
                }

                ticks.Start();
                _tracker.Tick(now, unixMs);
                ticks.Stop();
                tickCount++;
                if (_tracker.ActiveSessions > maxSessions)
                {
                    maxSessions = _tracker.ActiveSessions;
                }

                if (now % 1000 == 0)
                {
                    _core.Pump();
                }

                if (now % 30000 == 15000)
                {
                    r.Checkpoint();
                }
            }

            r.RateName = "usPerAdvert";
            r.Rate = adverts.PerOp(advertCount);
            if (!Heap.OnDevice)
            {
                r.AllocPerOp = Micros.Fixed2(allocated * 100 / advertCount);
            }

            r.Add("adverts", advertCount);
            r.Add("phones", ScanTrace.Phones);
            r.Add("maxSessions", maxSessions);
            r.Add("windows", _scanner.Windows);
            r.Add("payloads", _payloads);
            r.Add("usPerTick", ticks.PerOp(tickCount));
            r.Add("published", _core.Transport.Published);
        }

        /// <summary>StoreNode.OnProximityPayload: best effort into the outbox.</summary>
        public void OnProximityPayload(string payload)
        {
            _payloads++;
            _core.Outbox.Enqueue(OutboxClass.Proximity, _core.Topics.ProximityEvents, null, payload, 0, 0);
        }
    }
}
