using BenchmarkDotNet.Attributes;
using Beacons.Shared.Shelf;
using Beacons.VirtualDevice.World;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// ns and bytes allocated per HX711 sample through the whole lane chain (screening, median, settle window,
    /// auto-zero, quantizer, events, depletion), over one minute of a busy lane (picks, a restock, a bump) replayed
    /// again and again with time moving on. Target: 0 B per sample in steady state.
    /// <c>dotnet run -c Release --project benchmarks -- --filter *ShelfChain*</c>
    /// </summary>
    [MemoryDiagnoser]
    public class ShelfChainBenchmark
    {
        private LaneOptions _lane;
        private long[] _times;
        private int[] _raw;
        private LaneProcessor _processor;
        private long _offsetMs;
        private long _spanMs;

        [Params(10, 80)]
        public int Sps { get; set; }

        /// <summary>One minute of a lane with picks of 1 and 2 items, a restock and a bump, sampled at <paramref name="sps"/>.</summary>
        public static void MakeInput(int sps, out LaneOptions lane, out long[] times, out int[] raw)
        {
            var scenario = new LoadCellScenario(250, 12)
                .Pick(5000, 1).Pick(15000, 2).Restock(30000, 3).Bump(40000, 150).Pick(50000, 1);
            var p = new LoadCellParameters { Sps = sps, NoiseCountsRms = 60, SpikeProbability = 0.002 };
            var model = new LoadCellModel(p, scenario, 42);
            int n = 60 * sps;
            times = new long[n];
            raw = new int[n];
            for (int i = 0; i < n; i++)
            {
                times[i] = (long)i * 1000 / sps;
                raw[i] = model.CountsAt(times[i], 128);
            }

            lane = new LaneOptions
            {
                Id = "A1",
                UnitGrams = 250,
                Sps = sps,
                CountsPerGram = model.CountsPerGram(128),
                ZeroCounts = model.ZeroCounts(128),
                CapacityGrams = p.CapacityGrams,
            };
        }

        [GlobalSetup]
        public void Setup()
        {
            MakeInput(Sps, out _lane, out _times, out _raw);
            _processor = new LaneProcessor(_lane, new NullListener());
            _spanMs = _times[_times.Length - 1] + (1000 / Sps);
            PushAll();
        }

        /// <summary>One pass over the minute; per-sample figures = the result divided by 60 × SPS.</summary>
        [Benchmark]
        public int PushMinute()
        {
            PushAll();
            return _processor.Items;
        }

        private void PushAll()
        {
            long offset = _offsetMs;
            for (int i = 0; i < _times.Length; i++)
            {
                _processor.Push(offset + _times[i], _raw[i], SampleStatus.Ok);
            }

            _offsetMs += _spanMs;
        }

        private sealed class NullListener : IStockListener
        {
            public void OnStockEvent(StockEvent e)
            {
            }
        }
    }
}
