using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// <c>harness shelf-accuracy [--quick] [--seeds train|heldout] [--traces N] [--minutes M] [--noise N] [--hours H]
    /// [--band TEXT] [--csv DIR] [--verbose]</c>: runs the production lane chain and a Tasmota-style baseline over the
    /// banded corpus (<see cref="ShelfBand.All"/>) and prints one row per band: right quantity % of labelled picks/restocks
    /// and total errors (wrong + missed + false) for each method, then false events per 24 h on noise-only day traces at
    /// a few SNRs and latency for SNR ≥ 50:1 and below, with the targets marked PASS/FAIL. Only Pick and Restock events
    /// count as stock events; every other kind (level, low, empty, fault, anything added later) is ignored.
    /// </summary>
    public static class ShelfAccuracyHarness
    {
        private const long MatchWindowMs = 8000;

        private static readonly double[] NoiseSnrs = { 10, 100 };

        /// <summary>Runs the corpus; null counts take the full run's defaults, or the quick run's with <paramref name="quick"/>.</summary>
        public static int Run(bool quick, bool heldOut, int? tracesPerBand, int? minutesPerTrace, int? noiseTraces, double hours,
            string bandFilter, string csv, bool verbose)
        {
            int traces = tracesPerBand ?? (quick ? 8 : 32);
            int minutes = minutesPerTrace ?? (quick ? 10 : 20);
            int noise = noiseTraces ?? (quick ? 1 : 4);

            var clock = Stopwatch.StartNew();
            List<ShelfBand> bands = ShelfBand.All();
            var oursByBand = new List<Tally>();
            var baseByBand = new List<Tally>();
            var oursAll = new Tally("ours");
            var baseAll = new Tally("tasmota");
            var oursBySps = new[] { new Tally("ours"), new Tally("ours") };
            var baseBySps = new[] { new Tally("tasmota"), new Tally("tasmota") };
            for (int b = 0; b < bands.Count; b++)
            {
                ShelfBand band = bands[b];
                var ours = new Tally("ours");
                var baseline = new Tally("tasmota");
                oursByBand.Add(ours);
                baseByBand.Add(baseline);
                if (bandFilter != null && band.Name.IndexOf(bandFilter, StringComparison.OrdinalIgnoreCase) < 0) continue;
                for (int i = 0; i < traces; i++)
                {
                    int sps = i % 4 == 3 ? 80 : 10;
                    int seed = ShelfTraceGenerator.Seed(heldOut, b, i);
                    ShelfTrace trace = ShelfTraceGenerator.EventTrace(band, seed, sps, minutes, $"b{b:D2}-{i:D3}");
                    int r = sps == 80 ? 1 : 0;
                    Evaluate(trace, new[] { ours, oursAll, oursBySps[r] }, new[] { baseline, baseAll, baseBySps[r] }, verbose);
                    if (csv != null) WriteCsv(csv, trace);
                }
            }

            var noiseOurs = new List<Tally>();
            var noiseBase = new List<Tally>();
            for (int s = 0; s < NoiseSnrs.Length; s++)
            {
                var ours = new Tally("ours");
                var baseline = new Tally("tasmota");
                noiseOurs.Add(ours);
                noiseBase.Add(baseline);
                for (int i = 0; i < noise; i++)
                {
                    int sps = i % 2 == 1 ? 80 : 10;
                    int seed = ShelfTraceGenerator.NoiseSeed(heldOut, s, i);
                    ShelfTrace trace = ShelfTraceGenerator.NoiseTrace(NoiseSnrs[s], seed, sps, hours, $"noise-snr{NoiseSnrs[s]:0}-{i:D2}");
                    Evaluate(trace, new[] { ours }, new[] { baseline }, verbose);
                }
            }

            Print(bands, oursByBand, baseByBand, oursAll, baseAll, oursBySps, baseBySps, noiseOurs, noiseBase, heldOut, quick, traces, minutes, noise, hours, clock);
            Console.WriteLine();
            if (!Deterministic(bands, heldOut))
            {
                Console.WriteLine("generator determinism: FAILED (the same seed gave different samples)");
                return 1;
            }

            Console.WriteLine("generator determinism: OK (one trace per band regenerated from its seed, sample for sample)");
            if (!quick)
            {
                Console.WriteLine();
                Throughput();
            }

            return 0;
        }

        private static void Print(List<ShelfBand> bands, List<Tally> oursByBand, List<Tally> baseByBand, Tally oursAll, Tally baseAll, Tally[] oursBySps, Tally[] baseBySps,
            List<Tally> noiseOurs, List<Tally> noiseBase, bool heldOut, bool quick, int traces, int minutes, int noise, double hours, Stopwatch clock)
        {
            Console.WriteLine($"shelf-accuracy{(quick ? " --quick" : "")}: seed set {(heldOut ? "HELD-OUT" : "TRAIN")} " +
                              $"(seeds {(heldOut ? ShelfTraceGenerator.HeldOutSeedBase : ShelfTraceGenerator.TrainSeedBase)}+band*1000+i); " +
                              $"{bands.Count} bands x {traces} traces of {minutes} min (1 in 4 at 80 SPS), {oursAll.Labelled} labelled picks/restocks; " +
                              $"noise-only: {noise} x {hours:0.#} h at SNR {string.Join(", ", NoiseSnrs.Select(x => x.ToString("0", CultureInfo.InvariantCulture) + ":1"))}; " +
                              $"generated and scored in {clock.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine("right = right kind and quantity within 8 s of the step (overlapping hands: one event of the sum, or same-kind events adding to it); " +
                              "errors = wrong (quantity/kind) + missed + false (stock events with no truth, incl. during foreign loads and unplugging)");
            Console.WriteLine();
            string head = $"{"band",-18}{"truth",6}{"ours right",12}{"base right",12}{"ours err",10}{"base err",10}  {"ours W/M/F",-14}{"base W/M/F",-14}{"right>=base",12}";
            Console.WriteLine(head);
            Console.WriteLine(new string('-', head.Length));
            var lost = new List<string>();
            var lostExcl = new List<string>();
            for (int b = 0; b < bands.Count; b++)
            {
                Tally o = oursByBand[b], t = baseByBand[b];
                if (o.Labelled == 0 && o.False == 0 && t.False == 0) continue;
                bool pass = o.Right >= t.Right;
                if (!pass)
                {
                    lost.Add(bands[b].Name);
                    if (bands[b].PhysicalLimit == null) lostExcl.Add(bands[b].Name);
                }

                Console.WriteLine(Line(bands[b].Name + (bands[b].PhysicalLimit != null ? " *" : ""), o, t, pass ? "PASS" : "FAIL"));
            }

            Console.WriteLine(new string('-', head.Length));
            Console.WriteLine(Line("overall", oursAll, baseAll, lost.Count == 0 ? "PASS" : "FAIL"));
            Console.WriteLine(Line("  of which 10 SPS", oursBySps[0], baseBySps[0], ""));
            Console.WriteLine(Line("  of which 80 SPS", oursBySps[1], baseBySps[1], ""));
            Console.WriteLine();

            Console.WriteLine($"{"noise-only (no stock change)",-34}{"hours",8}{"ours false/24h",16}{"base false/24h",16}");
            bool zeroFalse = true;
            for (int s = 0; s < NoiseSnrs.Length; s++)
            {
                Tally o = noiseOurs[s], t = noiseBase[s];
                if (o.False > 0) zeroFalse = false;
                Console.WriteLine($"{"  SNR " + NoiseSnrs[s].ToString("0", CultureInfo.InvariantCulture) + ":1",-34}{o.NoiseHours,8:F0}" +
                                  $"{Per24h(o),16:F2}{Per24h(t),16:F2}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"latency from step to event (s)",-34}{"ours med",10}{"ours p95",10}{"base med",10}{"base p95",10}");
            Console.WriteLine($"{"  SNR >= 50:1",-34}{Q(oursAll.LatencyHigh, 0.5),10:F2}{Q(oursAll.LatencyHigh, 0.95),10:F2}{Q(baseAll.LatencyHigh, 0.5),10:F2}{Q(baseAll.LatencyHigh, 0.95),10:F2}");
            Console.WriteLine($"{"    picks",-34}{Q(oursAll.LatencyHighPick, 0.5),10:F2}{Q(oursAll.LatencyHighPick, 0.95),10:F2}{Q(baseAll.LatencyHighPick, 0.5),10:F2}{Q(baseAll.LatencyHighPick, 0.95),10:F2}");
            Console.WriteLine($"{"    restocks",-34}{Q(oursAll.LatencyHighRestock, 0.5),10:F2}{Q(oursAll.LatencyHighRestock, 0.95),10:F2}{Q(baseAll.LatencyHighRestock, 0.5),10:F2}{Q(baseAll.LatencyHighRestock, 0.95),10:F2}");
            Console.WriteLine($"{"  SNR < 50:1",-34}{Q(oursAll.LatencyLow, 0.5),10:F2}{Q(oursAll.LatencyLow, 0.95),10:F2}{Q(baseAll.LatencyLow, 0.5),10:F2}{Q(baseAll.LatencyLow, 0.95),10:F2}");
            Console.WriteLine($"false events by cause, ours / base: during foreign loads {oursAll.FalseForeign} / {baseAll.FalseForeign} " +
                              $"(bag set down and taken back {oursAll.FalseForeignByKind[ShelfTrace.ForeignBag]} / {baseAll.FalseForeignByKind[ShelfTrace.ForeignBag]}, " +
                              $"lean {oursAll.FalseForeignByKind[ShelfTrace.ForeignLean]} / {baseAll.FalseForeignByKind[ShelfTrace.ForeignLean]}, " +
                              $"resting hand {oursAll.FalseForeignByKind[ShelfTrace.ForeignHand]} / {baseAll.FalseForeignByKind[ShelfTrace.ForeignHand]}), " +
                              $"around unplugging {oursAll.FalseUnplug} / {baseAll.FalseUnplug}, elsewhere {oursAll.False - oursAll.FalseForeign - oursAll.FalseUnplug} / " +
                              $"{baseAll.False - baseAll.FalseForeign - baseAll.FalseUnplug}; fault events raised by ours: {oursAll.Faults}");
            Console.WriteLine();

            Console.WriteLine("targets:");
            Console.WriteLine($"  right >= baseline in every band ............ {(lost.Count == 0 ? "PASS" : "FAIL")}" +
                              (lost.Count == 0 ? "" : $" (lost: {string.Join(", ", lost)}" +
                                                      (lostExcl.Count != lost.Count ? $"; without the bands marked * : {(lostExcl.Count == 0 ? "none" : string.Join(", ", lostExcl))}" : "") + ")"));
            int oursErr = oursAll.Errors, baseErr = baseAll.Errors;
            int oursErrExcl = 0, baseErrExcl = 0;
            for (int b = 0; b < bands.Count; b++)
            {
                if (bands[b].PhysicalLimit != null) continue;
                oursErrExcl += oursByBand[b].Errors;
                baseErrExcl += baseByBand[b].Errors;
            }

            Console.WriteLine($"  total errors <= 0.25 x baseline's ........... {(oursErr <= 0.25 * baseErr ? "PASS" : "FAIL")} " +
                              $"({oursErr} vs {baseErr}, ratio {(baseErr == 0 ? double.NaN : (double)oursErr / baseErr):F2}; " +
                              $"without the bands marked *: {oursErrExcl} vs {baseErrExcl}, ratio {(baseErrExcl == 0 ? double.NaN : (double)oursErrExcl / baseErrExcl):F2})");
            Console.WriteLine($"  0 false events on 24 h noise-only ........... {(zeroFalse ? "PASS" : "FAIL")} " +
                              $"({string.Join(", ", noiseOurs.Select((o, i) => $"SNR {NoiseSnrs[i]:0}: {o.False}"))})");
            double med = Q(oursAll.LatencyHigh, 0.5);
            Console.WriteLine($"  median latency <= 1.0 s where SNR >= 50:1 ... {(med <= 1.0 ? "PASS" : "FAIL")} ({med:F2} s)");
            Console.WriteLine();
            for (int b = 0; b < bands.Count; b++)
            {
                if (bands[b].PhysicalLimit == null) continue;
                Console.WriteLine($"* {bands[b].Name}: at the physical limit: {bands[b].PhysicalLimit}." +
                                  (baseByBand[b].Labelled > 0 && baseByBand[b].RightPercent >= 50
                                      ? $" Not impossible, though: the baseline gets {baseByBand[b].RightPercent:F0} % right here, so it is scored like any band."
                                      : " Declared physically impossible: no method here gets half of it right."));
            }

            Console.WriteLine();
            Console.WriteLine("noise model: " + ShelfTraceGenerator.NoiseModel);
        }

        /// <summary>Regenerates the first trace of every band twice from its seed and compares every sample, status and option.</summary>
        private static bool Deterministic(List<ShelfBand> bands, bool heldOut)
        {
            for (int b = 0; b < bands.Count; b++)
            {
                int seed = ShelfTraceGenerator.Seed(heldOut, b, 0);
                ShelfTrace x = ShelfTraceGenerator.EventTrace(bands[b], seed, 10, 3, "a");
                ShelfTrace y = ShelfTraceGenerator.EventTrace(bands[b], seed, 10, 3, "a");
                if (x.Count != y.Count || x.Truth.Count != y.Truth.Count || x.Lane.CountsPerGram != y.Lane.CountsPerGram ||
                    x.Lane.ZeroCounts != y.Lane.ZeroCounts || x.Lane.UnitGrams != y.Lane.UnitGrams)
                {
                    return false;
                }

                for (int i = 0; i < x.Count; i++)
                {
                    if (x.Raw[i] != y.Raw[i] || x.Status[i] != y.Status[i] || x.TimesMs[i] != y.TimesMs[i]) return false;
                }
            }

            return true;
        }

        /// <summary>ns and bytes allocated per sample through the whole chain, steady state (rough; the BenchmarkDotNet class is the reference).</summary>
        private static void Throughput()
        {
            foreach (int sps in new[] { 10, 80 })
            {
                ShelfChainBenchmark.MakeInput(sps, out LaneOptions lane, out long[] times, out int[] raw);
                var listener = new Collector(new List<Detected>());
                var processor = new LaneProcessor(lane, listener);
                long offset = 0;
                long span = times[times.Length - 1] + (1000 / sps);
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
                double samples = (double)rounds * times.Length;
                Console.WriteLine($"chain at {sps} SPS (host, Release): {sw.Elapsed.TotalMilliseconds * 1e6 / samples:F0} ns/sample over {samples:F0} samples " +
                                  "(allocation per sample: see the BenchmarkDotNet ShelfChainBenchmark)");
                _ = before;
            }
        }

        private static string Line(string name, Tally o, Tally t, string verdict)
        {
            return $"{name,-18}{o.Labelled,6}{o.RightPercent,11:F1}%{t.RightPercent,11:F1}%{o.Errors,10}{t.Errors,10}  " +
                   $"{o.Wrong + "/" + o.Missed + "/" + o.False,-14}{t.Wrong + "/" + t.Missed + "/" + t.False,-14}{verdict,12}";
        }

        private static double Per24h(Tally t) => t.NoiseHours == 0 ? double.NaN : t.False * 24.0 / t.NoiseHours;

        private static double Q(List<double> list, double quantile)
        {
            if (list.Count == 0) return double.NaN;
            list.Sort();
            int index = (int)Math.Ceiling(quantile * list.Count) - 1;
            return list[Math.Max(0, Math.Min(list.Count - 1, index))];
        }

        private static void Evaluate(ShelfTrace trace, Tally[] ours, Tally[] baseline, bool verbose)
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

            foreach (Tally t in ours) t.Faults += collector.Faults;
            if (verbose)
            {
                Console.WriteLine($"{trace.Name} [{trace.Physics}]");
                Console.WriteLine($"  ours: noise band at the end {lane.BandGrams:F2} g ({lane.BandGrams / trace.Lane.UnitGrams:F2} unit), state {(lane.IsStable ? "stable" : "not stable")}, " +
                                  $"{collector.Faults} fault events{(collector.Faults > 0 ? ": " + string.Join("; ", collector.FaultLog.Take(5)) : "")}");
            }

            foreach (Tally t in ours) Score(trace, oursEvents, t, verbose && t == ours[0]);
            foreach (Tally t in baseline) Score(trace, baseEvents, t, verbose && t == baseline[0]);
        }

        private static void Score(ShelfTrace trace, List<Detected> detected, Tally tally, bool verbose)
        {
            var used = new bool[detected.Count];
            if (trace.NoiseOnly)
            {
                tally.NoiseHours += trace.DurationHours;
                tally.False += detected.Count;
                if (verbose)
                {
                    foreach (Detected d in detected) Console.WriteLine($"  {tally.Name}: false {d.Kind} x{d.Quantity} at {d.TMs} ms");
                }

                return;
            }

            bool high = trace.Snr >= 50;
            for (int k = 0; k < trace.Truth.Count; k++)
            {
                ShelfTruthEvent truth = trace.Truth[k];
                tally.Labelled++;
                long end = truth.LastHandMs + MatchWindowMs;
                if (k + 1 < trace.Truth.Count) end = Math.Min(end, trace.Truth[k + 1].TMs + 1000);
                var inWindow = new List<int>();
                for (int j = 0; j < detected.Count; j++)
                {
                    if (!used[j] && detected[j].TMs >= truth.TMs && detected[j].TMs <= end) inWindow.Add(j);
                }

                if (inWindow.Count == 0)
                {
                    tally.Missed++;
                    if (verbose) Console.WriteLine($"  {tally.Name}: missed {truth.Kind} x{truth.Quantity} at {truth.TMs} ms");
                    continue;
                }

                List<int> sameKind = inWindow.Where(j => detected[j].Kind == truth.Kind).ToList();
                bool right;
                long at;
                string reported;
                if (sameKind.Count == 0)
                {
                    used[inWindow[0]] = true;
                    right = false;
                    at = detected[inWindow[0]].TMs;
                    reported = $"{detected[inWindow[0]].Kind} x{detected[inWindow[0]].Quantity}";
                }
                else if (truth.Overlapped)
                {
                    int sum = 0;
                    at = 0;
                    foreach (int j in sameKind)
                    {
                        used[j] = true;
                        sum += detected[j].Quantity;
                        at = detected[j].TMs;
                    }

                    right = sum == truth.Quantity;
                    reported = $"{sameKind.Count} x {truth.Kind} summing to {sum}";
                }
                else
                {
                    used[sameKind[0]] = true;
                    right = detected[sameKind[0]].Quantity == truth.Quantity;
                    at = detected[sameKind[0]].TMs;
                    reported = $"{truth.Kind} x{detected[sameKind[0]].Quantity}";
                }

                if (right)
                {
                    tally.Right++;
                    double seconds = (at - truth.TMs) / 1000.0;
                    (high ? tally.LatencyHigh : tally.LatencyLow).Add(seconds);
                    if (high) (truth.Kind == StockEventKind.Pick ? tally.LatencyHighPick : tally.LatencyHighRestock).Add(seconds);
                }
                else
                {
                    tally.Wrong++;
                    if (verbose) Console.WriteLine($"  {tally.Name}: {truth.Kind} x{truth.Quantity} at {truth.TMs} ms reported as {reported} at {at}");
                }
            }

            for (int j = 0; j < detected.Count; j++)
            {
                if (used[j]) continue;
                tally.False++;
                string cause = "";
                foreach (long[] f in trace.Foreign)
                {
                    if (detected[j].TMs >= f[0] && detected[j].TMs <= f[1] + MatchWindowMs)
                    {
                        tally.FalseForeign++;
                        tally.FalseForeignByKind[f[2]]++;
                        cause = $" (foreign load {f[0]}-{f[1]} ms)";
                        break;
                    }
                }

                if (cause.Length == 0)
                {
                    foreach (long[] u in trace.Unplugged)
                    {
                        if (detected[j].TMs >= u[0] && detected[j].TMs <= u[1] + 10000)
                        {
                            tally.FalseUnplug++;
                            cause = " (unplugging)";
                            break;
                        }
                    }
                }

                if (verbose) Console.WriteLine($"  {tally.Name}: false {detected[j].Kind} x{detected[j].Quantity} at {detected[j].TMs} ms{cause}");
            }
        }

        private static void WriteCsv(string dir, ShelfTrace trace)
        {
            Directory.CreateDirectory(dir);
            var sb = new StringBuilder();
            // replay --trace reads time_ms,raw: the driver's non-Ok slots (timeouts, no sensor) are left out; the truth
            // file lists the unplug intervals.
            sb.AppendLine("time_ms,raw");
            for (int i = 0; i < trace.Count; i++)
            {
                if (trace.Status[i] != SampleStatus.Ok) continue;
                sb.Append(trace.TimesMs[i]).Append(',').Append(trace.Raw[i]).Append('\n');
            }

            File.WriteAllText(Path.Combine(dir, trace.Name + ".csv"), sb.ToString());
            var truth = new StringBuilder();
            truth.AppendLine(string.Format(CultureInfo.InvariantCulture, "# band {0}; {1}; --unit-grams {2} --counts-per-gram {3:R} --zero {4} --sps {5}",
                trace.Band?.Name, trace.Physics, trace.Lane.UnitGrams, trace.Lane.CountsPerGram, trace.Lane.ZeroCounts, trace.Lane.Sps));
            truth.AppendLine("t_ms,type,quantity");
            foreach (ShelfTruthEvent t in trace.Truth)
            {
                truth.Append(t.TMs).Append(',').Append(StockEventKindNames.Name(t.Kind)).Append(',').Append(t.Quantity).Append('\n');
            }

            foreach (long[] f in trace.Foreign) truth.Append(f[0]).Append(",foreign-on,0\n").Append(f[1]).Append(",foreign-off,0\n");
            foreach (long[] u in trace.Unplugged) truth.Append(u[0]).Append(",unplug,0\n").Append(u[1]).Append(",replug,0\n");
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

            public List<string> FaultLog { get; } = new List<string>();

            public void OnStockEvent(StockEvent e)
            {
                if (e.Kind == StockEventKind.Fault)
                {
                    Faults++;
                    FaultLog.Add($"{e.Fault} at {e.TMs} ms");
                }

                if (e.Kind == StockEventKind.Pick || e.Kind == StockEventKind.Restock)
                {
                    _events.Add(new Detected(e.TMs, e.Kind, e.Quantity));
                }
            }
        }

        private sealed class Tally
        {
            public Tally(string name)
            {
                Name = name;
            }

            public string Name { get; }
            public int Labelled;
            public int Right;
            public int Wrong;
            public int Missed;
            public int False;
            public int FalseForeign;
            public readonly int[] FalseForeignByKind = new int[3];
            public int FalseUnplug;
            public double NoiseHours;
            public int Faults;
            public readonly List<double> LatencyHigh = new List<double>();
            public readonly List<double> LatencyLow = new List<double>();
            public readonly List<double> LatencyHighPick = new List<double>();
            public readonly List<double> LatencyHighRestock = new List<double>();

            public int Errors => Wrong + Missed + False;

            public double RightPercent => Labelled == 0 ? 0 : 100.0 * Right / Labelled;
        }
    }
}
