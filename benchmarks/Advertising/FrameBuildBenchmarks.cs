using BenchmarkDotNet.Attributes;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;

namespace Beacons.Benchmarks.Advertising
{
    /// <summary>
    /// Cost of building beacon frames on the host (ns, bytes allocated). The steady-state paths the node runs at every
    /// slot — TLM rebuild, EID refresh within a rotation period, static frame write, classification — must allocate
    /// 0 bytes; an EID rotation (twice per 2^K s at most) allocates the AES outputs.
    /// Run: dotnet run -c Release --project benchmarks -- --filter '*FrameBuildBenchmarks*'
    /// </summary>
    [MemoryDiagnoser]
    public class FrameBuildBenchmarks
    {
        private readonly byte[] _buffer = new byte[31];
        private readonly byte[] _uuid = IBeaconOptions.ParseUuid("E2C56DB5-DFFB-48D2-B060-D0F5A71096E0");
        private BeaconFrameSet _eddystone;
        private BeaconFrameSet _eid;
        private EidGenerator _generator;
        private byte[] _classified;
        private uint _pdus;
        private long _unixS;
        private uint _rotatingTime;

        [GlobalSetup]
        public void Setup()
        {
            var o = new BeaconOptions
            {
                Eddystone = new EddystoneOptions
                {
                    NamespaceHex = "8b0ca750095477cb3e77",
                    InstanceHex = "0000000000ab",
                    Url = "https://goo.gl/S6zT6P",
                    Tlm = true,
                },
            };
            _eddystone = new BeaconFrameSet(o);
            _eid = new BeaconFrameSet(new BeaconOptions { Eid = new EidOptions { IdentityKeyHex = "0102030405060708090A111213141516" } });
            _eid.UpdateEid(1700000000);
            _unixS = 1700000000;
            _generator = new EidGenerator(Hex.TryDecode("0102030405060708090A111213141516"), 10);
            _classified = _eddystone.Buffer(FrameKind.EddystoneTlm);
        }

        [Benchmark(Description = "iBeacon write")]
        public int IBeaconWrite()
        {
            return IBeaconFrame.Write(_buffer, 0, _uuid, 7, 42, -59);
        }

        [Benchmark(Description = "TLM rebuild (steady state)")]
        public int TlmRebuild()
        {
            _pdus += 8;
            return _eddystone.UpdateTelemetry(3000, 21.75, _pdus, _pdus * 125L);
        }

        [Benchmark(Description = "EID refresh, same period (steady state)")]
        public bool EidSamePeriod()
        {
            // Stays inside one 1024 s period: 1700000000 is 256 s into its period.
            _unixS = _unixS == 1700000100 ? 1700000000 : _unixS + 1;
            return _eid.UpdateEid(_unixS);
        }

        [Benchmark(Description = "EID new period (rotation: 1-2 AES blocks)")]
        public bool EidRotation()
        {
            _rotatingTime += 1024;
            return _generator.Compute(_rotatingTime, _buffer, 0);
        }

        [Benchmark(Description = "classify TLM frame")]
        public FrameKind Classify()
        {
            return FrameClassifier.Classify(_classified, 25);
        }
    }
}
