using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// <c>harness shelf-accuracy [--quick] [--traces N] [--minutes M] [--noise N] [--hours H] [--csv DIR] [--verbose]</c>:
    /// runs the production lane chain and a Tasmota-style baseline over the generated corpus and prints, side by side,
    /// the share of labelled picks/restocks reported with the right quantity, false stock events per 24 h on the
    /// noise-only traces, and the median and p95 latency from the start of the step to the event. Targets:
    /// ≥ 99.5 % right, 0 false events per 24 h, median ≤ 1.0 s at 10 SPS.
    /// </summary>
    public static class ShelfAccuracyHarness
    {
        private const long MatchWindowMs = 8000;

        public static int Run(string[] args)
        {
            int traces = 160;
            int minutes = 20;
            int noise = 8;
            double hours = 24;
            string csv = null;
            bool verbose = false;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--quick": traces = 40; noise = 2; hours = 6; break;
                    case "--traces": traces = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--minutes": minutes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--noise": noise = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--hours": hours = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--csv": csv = args[++i]; break;
                    case "--verbose": verbose = true; break;
                }
            }

            var ours = new Tally("ours");
            var baseline = new Tally("tasmota-style");
            var clock = Stopwatch.StartNew();
            foreach (ShelfTrace trace in ShelfTraceGenerator.EventTraces(traces, minutes, 20260521))
            {
                Evaluate(trace, ours, baseline, verbose);
                if (csv != null) WriteCsv(csv, trace);
            }

            foreach (ShelfTrace trace in ShelfTraceGenerator.NoiseTraces(noise, hours, 7321))
            {
                Evaluate(trace, ours, baseline, verbose);
            }

            Console.WriteLine($"shelf-accuracy: {traces} event traces of {minutes} min ({ours.Labelled} labelled picks/restocks, 1 in 5 at 80 SPS), " +
                              $"{noise} noise-only traces ({ours.NoiseHours:F0} h); generated and scored in {clock.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine();
            Console.WriteLine($"{"",-44}{"ours",14}{"tasmota-style",16}   target");
            Row("right quantity (% of labelled)", ours.RightPercent, baseline.RightPercent, "F2", " %", ">= 99.5 %");
            Row("  missed (no event within 8 s)", ours.Missed, baseline.Missed, "F0", "", "");
            Row("  wrong quantity or kind", ours.Wrong, baseline.Wrong, "F0", "", "");
            Row("false events / 24 h, noise-only traces", ours.NoiseFalsePer24h, baseline.NoiseFalsePer24h, "F2", "", "0");
            Row("  false events, noise-only (count)", ours.NoiseFalse, baseline.NoiseFalse, "F0", "", "");
            Row("false events on event traces (count)", ours.EventFalse, baseline.EventFalse, "F0", "", "");
            Row("  of which around unplugging", ours.UnplugFalse, baseline.UnplugFalse, "F0", "", "0");
            Row("median latency, 10 SPS (s)", ours.Latency(10, 0.5), baseline.Latency(10, 0.5), "F2", "", "<= 1.0 s");
            Row("p95 latency, 10 SPS (s)", ours.Latency(10, 0.95), baseline.Latency(10, 0.95), "F2", "", "");
            Row("  picks: median, 10 SPS (s)", ours.KindLatency(StockEventKind.Pick, 0.5), baseline.KindLatency(StockEventKind.Pick, 0.5), "F2", "", "");
            Row("  picks: p95, 10 SPS (s)", ours.KindLatency(StockEventKind.Pick, 0.95), baseline.KindLatency(StockEventKind.Pick, 0.95), "F2", "", "");
            Row("  restocks: median, 10 SPS (s)", ours.KindLatency(StockEventKind.Restock, 0.5), baseline.KindLatency(StockEventKind.Restock, 0.5), "F2", "", "");
            Row("  restocks: p95, 10 SPS (s)", ours.KindLatency(StockEventKind.Restock, 0.95), baseline.KindLatency(StockEventKind.Restock, 0.95), "F2", "", "");
            Row("median latency, 80 SPS (s)", ours.Latency(80, 0.5), baseline.Latency(80, 0.5), "F2", "", "");
            Row("p95 latency, 80 SPS (s)", ours.Latency(80, 0.95), baseline.Latency(80, 0.95), "F2", "", "");
            Console.WriteLine($"unplug episodes: {ours.Unplugs}, fault events raised by ours: {ours.Faults} (baseline has no fault handling)");
            Console.WriteLine();
            Throughput();
            Console.WriteLine();
            Console.WriteLine("noise model: " + ShelfTraceGenerator.NoiseModel);
            return 0;
        }

        private static void Row(string name, double a, double b, string format, string unit, string target)
        {
            Console.WriteLine($"{name,-44}{a.ToString(format, CultureInfo.InvariantCulture) + unit,14}{b.ToString(format, CultureInfo.InvariantCulture) + unit,16}   {target}");
        }

        private static void Evaluate(ShelfTrace trace, Tally ours, Tally baseline, bool verbose)
        {
            var oursEvents = new List<Detected>();
            var collector = new Collector(oursEvents);
            var lane = new LaneProcessor(trace.Lane, collector);
            var baseEvents = new List<Detected>();
            var tasmota = new TasmotaStyleBaseline(trace.Lane, (t, k, q) => baseEvents.Add(new Detected(t, k, q)));
            for (int i = 0; i < trace.Count; i++)
            {
                lane.Push(trace.TimesMs[i], trace.Raw[i], trace.Status[i]);
                tasmota.Push(trace.TimesMs[i], trace.Raw[i], trace.Status[i]);
            }

            ours.Faults += collector.Faults;
            ours.Unplugs += trace.Unplugged.Count;
            Score(trace, oursEvents, ours, verbose);
            Score(trace, baseEvents, baseline, false);
        }

        private static void Score(ShelfTrace trace, List<Detected> detected, Tally tally, bool verbose)
        {
            var used = new bool[detected.Count];
            if (trace.NoiseOnly)
            {
                tally.NoiseHours += trace.DurationHours;
                tally.NoiseFalse += detected.Count;
                if (verbose)
                {
                    foreach (Detected d in detected) Console.WriteLine($"  {trace.Name} {tally.Name}: false {d.Kind} x{d.Quantity} at {d.TMs} ms  [{trace.Physics}]");
                }

                return;
            }

            int sps = trace.Lane.Sps;
            foreach (ShelfTruthEvent truth in trace.Truth)
            {
                tally.Labelled++;
                int best = -1;
                for (int j = 0; j < detected.Count; j++)
                {
                    if (used[j] || detected[j].TMs < truth.TMs || detected[j].TMs > truth.TMs + MatchWindowMs) continue;
                    if (detected[j].Kind == truth.Kind) { best = j; break; }
                    if (best < 0) best = j;
                }

                if (best < 0)
                {
                    tally.Missed++;
                    if (verbose) Console.WriteLine($"  {trace.Name} {tally.Name}: missed {truth.Kind} x{truth.Quantity} at {truth.TMs} ms  [{trace.Physics}]");
                    continue;
                }

                used[best] = true;
                Detected d = detected[best];
                if (d.Kind == truth.Kind && d.Quantity == truth.Quantity)
                {
                    tally.Right++;
                    tally.AddLatency(sps, truth.Kind, (d.TMs - truth.TMs) / 1000.0);
                }
                else
                {
                    tally.Wrong++;
                    if (verbose) Console.WriteLine($"  {trace.Name} {tally.Name}: {truth.Kind} x{truth.Quantity} at {truth.TMs} ms reported as {d.Kind} x{d.Quantity} at {d.TMs}  [{trace.Physics}]");
                }
            }

            for (int j = 0; j < detected.Count; j++)
            {
                if (used[j]) continue;
                tally.EventFalse++;
                bool nearUnplug = false;
                foreach (long[] u in trace.Unplugged)
                {
                    if (detected[j].TMs >= u[0] && detected[j].TMs <= u[1] + 10000) nearUnplug = true;
                }

                if (nearUnplug) tally.UnplugFalse++;
                if (verbose) Console.WriteLine($"  {trace.Name} {tally.Name}: false {detected[j].Kind} x{detected[j].Quantity} at {detected[j].TMs} ms  [{trace.Physics}]");
            }
        }

        /// <summary>ns and bytes allocated per sample through the whole chain, steady state (rough; the BenchmarkDotNet class is the reference).</summary>
        private static void Throughput()
        {
            foreach (int sps in new[] { 10, 80 })
            {
                ShelfChainBenchmark.MakeInput(sps, out LaneOptions lane, out long[] times, out int[] raw);
                var listener = new Collector(null);
                var processor = new LaneProcessor(lane, listener);
                long offset = 0;
                long span = times[times.Length - 1] + (1000 / sps);
                // Warm up past tiered JIT before measuring.
                for (int r = 0; r < 50; r++)
                {
                    for (int i = 0; i < times.Length; i++) processor.Push(offset + times[i], raw[i], SampleStatus.Ok);
                    offset += span;
                }

                int rounds = sps == 10 ? 200 : 25;
                long before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < times.Length; i++) processor.Push(offset + times[i], raw[i], SampleStatus.Ok);
                    offset += span;
                }

                sw.Stop();
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                double samples = (double)rounds * times.Length;
                Console.WriteLine($"chain at {sps} SPS (host, Release): {sw.Elapsed.TotalMilliseconds * 1e6 / samples:F0} ns/sample, " +
                                  $"{bytes / samples:F3} B allocated/sample over {samples:F0} samples ({listener.Count} events, consumed without formatting)");
            }
        }

        private static void WriteCsv(string dir, ShelfTrace trace)
        {
            Directory.CreateDirectory(dir);
            var sb = new StringBuilder();
            sb.AppendLine("time_ms,raw");
            for (int i = 0; i < trace.Count; i++)
            {
                if (trace.Status[i] != SampleStatus.Ok) continue;
                sb.Append(trace.TimesMs[i]).Append(',').Append(trace.Raw[i]).Append('\n');
            }

            File.WriteAllText(Path.Combine(dir, trace.Name + ".csv"), sb.ToString());
            var truth = new StringBuilder();
            truth.AppendLine(string.Format(CultureInfo.InvariantCulture, "# {0}; --unit-grams {1} --counts-per-gram {2:R} --zero {3} --sps {4}",
                trace.Physics, trace.Lane.UnitGrams, trace.Lane.CountsPerGram, trace.Lane.ZeroCounts, trace.Lane.Sps));
            truth.AppendLine("t_ms,type,quantity");
            foreach (ShelfTruthEvent t in trace.Truth)
            {
                truth.Append(t.TMs).Append(',').Append(StockEventKindNames.Name(t.Kind)).Append(',').Append(t.Quantity).Append('\n');
            }

            File.WriteAllText(Path.Combine(dir, trace.Name + ".truth.csv"), truth.ToString());
        }

        private readonly struct Detected
        {
            public Detected(long tMs, StockEventKind kind, int quantity)
            {
                TMs = tMs;
                Kind = kind;
                Quantity = quantity;
            }

            public long TMs { get; }
            public StockEventKind Kind { get; }
            public int Quantity { get; }
        }

        private sealed class Collector : IStockListener
        {
            private readonly List<Detected> _events;

            public Collector(List<Detected> events)
            {
                _events = events;
            }

            public int Faults { get; private set; }

            public long Count { get; private set; }

            public void OnStockEvent(StockEvent e)
            {
                Count++;
                if (e.Kind == StockEventKind.Fault) Faults++;
                if (_events != null && (e.Kind == StockEventKind.Pick || e.Kind == StockEventKind.Restock))
                {
                    _events.Add(new Detected(e.TMs, e.Kind, e.Quantity));
                }
            }
        }

        private sealed class Tally
        {
            private readonly List<double> _latency10 = new List<double>();
            private readonly List<double> _latency80 = new List<double>();
            private readonly List<double> _pick10 = new List<double>();
            private readonly List<double> _restock10 = new List<double>();

            public Tally(string name)
            {
                Name = name;
            }

            public string Name { get; }
            public int Labelled;
            public int Right;
            public int Wrong;
            public int Missed;
            public int EventFalse;
            public int UnplugFalse;
            public int NoiseFalse;
            public double NoiseHours;
            public int Faults;
            public int Unplugs;

            public double RightPercent => Labelled == 0 ? 0 : 100.0 * Right / Labelled;

            public double NoiseFalsePer24h => NoiseHours == 0 ? 0 : NoiseFalse * 24.0 / NoiseHours;

            public void AddLatency(int sps, StockEventKind kind, double seconds)
            {
                (sps == 80 ? _latency80 : _latency10).Add(seconds);
                if (sps == 10) (kind == StockEventKind.Pick ? _pick10 : _restock10).Add(seconds);
            }

            public double Latency(int sps, double quantile) => Quantile(sps == 80 ? _latency80 : _latency10, quantile);

            public double KindLatency(StockEventKind kind, double quantile) => Quantile(kind == StockEventKind.Pick ? _pick10 : _restock10, quantile);

            private static double Quantile(List<double> list, double quantile)
            {
                if (list.Count == 0) return double.NaN;
                list.Sort();
                int index = (int)Math.Ceiling(quantile * list.Count) - 1;
                return list[Math.Max(0, Math.Min(list.Count - 1, index))];
            }
        }
    }
}
