using BenchmarkDotNet.Attributes;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// ns and bytes allocated per advertisement, steady state: phones already tracked, in their zone, so nothing is
    /// published. Target 0 B (the device's GC is slow and its heap ~100 KB).
    /// </summary>
    [MemoryDiagnoser]
    public class ProximityBenchmarks
    {
        private static readonly byte[] ConsentAdvert = { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x0A, 0x0C };
        private static readonly byte[] PlainAdvert = { 0x02, 0x01, 0x1A, 0x02, 0x0A, 0x0C, 0x0B, 0xFF, 0x4C, 0x00, 0x10, 0x06, 0x13, 0x1D, 0x5C, 0x6E, 0x2F, 0x18 };
        private readonly AdParser _parser = new AdParser();
        private readonly ConsentSignal _consent = new ConsentSignal(0xFFFF);
        private readonly byte[] _token = new byte[8];
        private ProximityTracker _none;
        private ProximityTracker _consented;
        private long _now;

        [GlobalSetup]
        public void Setup()
        {
            _none = Warm(new PrivacyOptions());
            _consented = Warm(new PrivacyOptions { Identifiers = IdentifierMode.Consented, StoreSecretHex = new string('b', 64) });
        }

        private ProximityTracker Warm(PrivacyOptions privacy)
        {
            var t = new ProximityTracker(new ProximityOptions(), privacy, new byte[16], new Null());
            for (int w = 0; w < 20; w++)
            {
                t.BeginWindow(w * 3000);
                for (int p = 0; p < 32; p++)
                {
                    t.OnAdvertisement(p, 1, -62, p % 2 == 0 ? ConsentAdvert : PlainAdvert, 0, p % 2 == 0 ? ConsentAdvert.Length : PlainAdvert.Length, w * 3000 + p, w * 3000 + p);
                }
            }

            _now = 60000;
            return t;
        }

        [Benchmark]
        public bool AdParser_Parse() => _parser.Parse(ConsentAdvert, 0, ConsentAdvert.Length);

        [Benchmark]
        public int ConsentSignal_Parse() => _consent.Parse(ConsentAdvert, 0, ConsentAdvert.Length, _token, 0);

        /// <summary>Parser + consent + keyed hash + session lookup + duplicate suppression, policy none, 32 phones tracked.</summary>
        [Benchmark]
        public void Tracker_OnAdvertisement_PolicyNone() => _none.OnAdvertisement(5, 1, -62, PlainAdvert, 0, PlainAdvert.Length, _now, _now);

        /// <summary>As above with policy consented and a consenting phone (consent parsed, token refreshed).</summary>
        [Benchmark]
        public void Tracker_OnAdvertisement_Consented() => _consented.OnAdvertisement(4, 1, -62, ConsentAdvert, 0, ConsentAdvert.Length, _now, _now);

        /// <summary>A new scan window each call: the sample reaches the filter and classifier (steady zone, no event).</summary>
        [Benchmark]
        public void Tracker_NewWindow_Sample()
        {
            _now += 3000;
            _consented.BeginWindow(_now);
            _consented.OnAdvertisement(4, 1, -62, ConsentAdvert, 0, ConsentAdvert.Length, _now, 1000);
        }

        private sealed class Null : IProximityListener
        {
            public void OnProximityPayload(string payload) { }
        }
    }
}
