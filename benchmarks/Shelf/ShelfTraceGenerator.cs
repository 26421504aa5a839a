using System;
using System.Collections.Generic;
using System.Globalization;
using Beacons.Shared.Shelf;
using Beacons.VirtualDevice.World;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// Builds the labelled corpus of the shelf accuracy benchmark from <see cref="LoadCellModel"/>: event traces (picks of
    /// 1–3 items, restocks, bumps, brief touches, unplugging) over a spread of unit weights, cells, noise, settling,
    /// creep and temperature drift, and day-long noise-only traces (no stock change at all, same imperfections).
    /// Everything is drawn from one seed, so the corpus is the same on every run.
    /// </summary>
    public static class ShelfTraceGenerator
    {
        /// <summary>Cells on offer, g (the smallest that holds the lane's load with margin is used).</summary>
        private static readonly double[] Capacities = { 1000, 2000, 5000, 10000, 20000, 50000, 100000 };

        /// <summary>The noise model in words (printed with the figures).</summary>
        public const string NoiseModel =
            "unit 50-1000 g (log-uniform), item weight CV 0.5-2 %; cell 1-100 kg at 1-2 mV/V, gain 128, 10 or 80 SPS; " +
            "white noise 20-150 counts RMS at 10 SPS (x1.8 at 80 SPS); spikes p = 0 / 0.1 % / 0.5 % per sample; " +
            "shelf settling 0.3-1.0 s (2 % band), damping 0.4-0.9; creep 0.02-0.1 % of load, tau 5-20 min; " +
            "temperature: daily swing +-1-4 C plus a random walk 0.3 C/sqrt(h), zero TC 10-100 ppm FS/C, span TC 5-50 ppm/C; " +
            "calibration error +-0.3 % span; hands: pick = 10 % press then lift over 0.15-0.35 s, restock = set-down with " +
            "10 % overshoot over 0.2-0.4 s; bumps 20-300 g peak swing; touches 10-150 g for 0.2-0.8 s; " +
            "unplug 5-60 s in 1 of 8 event traces (all-ones reads, then the HX711's 400 ms restart).";

        /// <summary>Event traces: <paramref name="count"/> traces of <paramref name="minutes"/> each, 1 in 5 at 80 SPS.</summary>
        public static List<ShelfTrace> EventTraces(int count, int minutes, int seed)
        {
            var traces = new List<ShelfTrace>(count);
            var rng = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                int sps = i % 5 == 4 ? 80 : 10;
                traces.Add(EventTrace($"events-{i:D3}", rng, sps, minutes * 60000L, i % 8 == 7));
            }

            return traces;
        }

        /// <summary>Noise-only traces of <paramref name="hours"/> each: a loaded lane left alone (bumps and touches only).</summary>
        public static List<ShelfTrace> NoiseTraces(int count, double hours, int seed)
        {
            var traces = new List<ShelfTrace>(count);
            var rng = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                int sps = i % 4 == 3 ? 80 : 10;
                traces.Add(NoiseTrace($"noise-{i:D2}", rng, sps, (long)(hours * 3600000)));
            }

            return traces;
        }

        private static ShelfTrace EventTrace(string name, Random rng, int sps, long durationMs, bool unplug)
        {
            double unit = Math.Round(50 * Math.Pow(20, rng.NextDouble()));
            int initial = 4 + rng.Next(17);
            var scenario = new LoadCellScenario(unit, initial);
            var trace = new ShelfTrace { Name = name };
            int items = initial;
            int maxItems = items;
            long t = 20000 + rng.Next(10000);
            long unplugAt = unplug ? durationMs / 3 + rng.Next((int)(durationMs / 3)) : long.MaxValue;
            long unplugFor = 5000 + rng.Next(55000);
            while (t < durationMs - 15000)
            {
                if (t >= unplugAt - 10000 && t < unplugAt + unplugFor + 10000)
                {
                    t = unplugAt + unplugFor + 10000;
                    continue;
                }

                double roll = rng.NextDouble();
                if (roll < 0.5 && items > 0)
                {
                    int q = Quantity(rng, items);
                    scenario.Pick(t, q, 150 + rng.Next(200));
                    trace.Truth.Add(new ShelfTruthEvent(t, StockEventKind.Pick, q));
                    items -= q;
                }
                else if (roll < 0.75 || items == 0)
                {
                    int q = rng.NextDouble() < 0.8 ? 1 + rng.Next(3) : 4 + rng.Next(3);
                    scenario.Restock(t, q, 200 + rng.Next(200));
                    trace.Truth.Add(new ShelfTruthEvent(t, StockEventKind.Restock, q));
                    items += q;
                    maxItems = Math.Max(maxItems, items);
                }
                else if (roll < 0.9)
                {
                    scenario.Bump(t, 20 + rng.Next(280));
                }
                else
                {
                    scenario.Press(t, 10 + rng.Next(140), 200 + rng.Next(600));
                }

                t += 15000 + rng.Next(40000);
            }

            if (unplug)
            {
                scenario.Unplug(unplugAt, unplugFor);
                trace.Unplugged.Add(new[] { unplugAt, unplugAt + unplugFor });
            }

            LoadCellParameters p = Physics(rng, sps, unit * (maxItems + 3));
            Render(trace, scenario, p, rng, durationMs);
            return trace;
        }

        private static ShelfTrace NoiseTrace(string name, Random rng, int sps, long durationMs)
        {
            double unit = Math.Round(50 * Math.Pow(20, rng.NextDouble()));
            int initial = 5 + rng.Next(16);
            var scenario = new LoadCellScenario(unit, initial);
            for (long t = 600000; t < durationMs; t += 600000 + rng.Next(1800000))
            {
                if (rng.NextDouble() < 0.7)
                {
                    scenario.Bump(t, 20 + rng.Next(280));
                }
                else
                {
                    scenario.Press(t, 10 + rng.Next(140), 200 + rng.Next(600));
                }
            }

            var trace = new ShelfTrace { Name = name, NoiseOnly = true };
            LoadCellParameters p = Physics(rng, sps, unit * (initial + 3));
            Render(trace, scenario, p, rng, durationMs);
            return trace;
        }

        private static int Quantity(Random rng, int available)
        {
            double r = rng.NextDouble();
            int q = r < 0.6 ? 1 : (r < 0.85 ? 2 : 3);
            return Math.Min(q, available);
        }

        private static LoadCellParameters Physics(Random rng, int sps, double loadGrams)
        {
            var p = new LoadCellParameters
            {
                Sps = sps,
                SensitivityMvPerV = 1 + rng.NextDouble(),
                ZeroBalanceFraction = (rng.NextDouble() - 0.5) * 0.1,
                TrayGrams = 150 + rng.Next(600),
                NoiseCountsRms = 20 + rng.Next(131),
                SpikeProbability = new[] { 0, 0.001, 0.005 }[rng.Next(3)],
                SettleMs = 300 + rng.Next(701),
                DampingRatio = 0.4 + (0.5 * rng.NextDouble()),
                CreepFraction = 0.0002 + (0.0008 * rng.NextDouble()),
                CreepTauMs = 300000 + rng.Next(900000),
                DailySwingCelsius = 1 + (3 * rng.NextDouble()),
                WarmestAtHours = rng.NextDouble() * 24,
                ZeroTcPpmPerC = 10 + rng.Next(91),
                SpanTcPpmPerC = 5 + rng.Next(46),
                ItemWeightCv = 0.005 + (0.015 * rng.NextDouble()),
            };
            double total = loadGrams + p.TrayGrams;
            p.CapacityGrams = Capacities[Capacities.Length - 1];
            foreach (double c in Capacities)
            {
                if (c >= 1.25 * total)
                {
                    p.CapacityGrams = c;
                    break;
                }
            }

            return p;
        }

        /// <summary>Samples the model as the driver would (one conversion per period) and sets the lane options.</summary>
        private static void Render(ShelfTrace trace, LoadCellScenario scenario, LoadCellParameters p, Random rng, long durationMs)
        {
            var model = new LoadCellModel(p, scenario, rng.Next());
            int periodUs = 1000000 / p.Sps;
            int n = (int)(durationMs * 1000 / periodUs);
            trace.TimesMs = new long[n];
            trace.Raw = new int[n];
            trace.Status = new SampleStatus[n];
            long lastDisconnectedMs = long.MinValue;
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                long tMs = (long)i * periodUs / 1000;
                bool connected = model.ConnectedAt(tMs);
                if (!connected)
                {
                    lastDisconnectedMs = tMs;
                }

                trace.TimesMs[k] = tMs;
                if (!connected)
                {
                    // DOUT floats high on the pull-up: a read clocks out 0xFFFFFF.
                    model.AdvanceTo(tMs);
                    trace.Raw[k] = -1;
                    trace.Status[k] = SampleStatus.Ok;
                }
                else if (lastDisconnectedMs != long.MinValue && tMs - lastDisconnectedMs <= 400)
                {
                    // Power-on reset: the first result comes after the 4-period settling time (datasheet).
                    model.AdvanceTo(tMs);
                    trace.Raw[k] = 0;
                    trace.Status[k] = SampleStatus.ReadyTimeout;
                }
                else
                {
                    trace.Raw[k] = model.CountsAt(tMs, 128);
                    trace.Status[k] = SampleStatus.Ok;
                }

                k++;
            }

            trace.Count = k;
            double cpgError = 1 + ((rng.NextDouble() - 0.5) * 0.006);
            trace.Lane = new LaneOptions
            {
                Id = "L" + trace.Name.Substring(trace.Name.Length - 3).TrimStart('-'),
                UnitGrams = scenario.UnitGrams,
                Sps = p.Sps,
                CountsPerGram = model.CountsPerGram(128) * cpgError,
                ZeroCounts = Math.Round(model.ZeroCounts(128)),
                CapacityGrams = p.CapacityGrams,
                LowItems = 2,
                EmptyItems = 0,
            };
            trace.Physics = string.Format(CultureInfo.InvariantCulture,
                "unit {0:F0} g, cell {1:F0} g @ {2:F2} mV/V = {3:F1} counts/g, {4} SPS, noise {5:F0} counts ({6:F2} g), spikes {7:P1}, settle {8:F0} ms zeta {9:F2}, creep {10:P2} tau {11:F0} min, swing +-{12:F1} C, zero TC {13:F0} ppm, span TC {14:F0} ppm",
                scenario.UnitGrams, p.CapacityGrams, p.SensitivityMvPerV, p.CountsPerGramAtGain128, p.Sps, p.NoiseCountsRms,
                p.NoiseCountsRms / p.CountsPerGramAtGain128, p.SpikeProbability, p.SettleMs, p.DampingRatio, p.CreepFraction,
                p.CreepTauMs / 60000, p.DailySwingCelsius, p.ZeroTcPpmPerC, p.SpanTcPpmPerC);
        }
    }
}
