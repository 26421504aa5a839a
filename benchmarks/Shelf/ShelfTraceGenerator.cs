using System;
using System.Collections.Generic;
using System.Globalization;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// Builds the banded, labelled corpus of the shelf accuracy harness from <see cref="CellSimulator"/>. Each trace is
    /// drawn from its own seed (band, index, seed set), so any trace can be regenerated alone, and the training and
    /// held-out seed sets never share a seed. The lane options given to the methods are what a technician would have
    /// measured (tare and known-weight calibration with their errors, unit weight from a kitchen scale), never the
    /// simulation's truth.
    /// </summary>
    public static class ShelfTraceGenerator
    {
        /// <summary>First seed of the training set (tune on these).</summary>
        public const int TrainSeedBase = 1000000;

        /// <summary>First seed of the held-out set (report these).</summary>
        public const int HeldOutSeedBase = 5000000;

        /// <summary>Cells on offer, g.</summary>
        private static readonly double[] Capacities = { 5000, 20000, 50000, 100000 };

        /// <summary>Reference masses a technician may have, g.</summary>
        private static readonly double[] ReferenceMasses = { 100, 200, 500, 1000, 2000, 5000, 10000, 20000 };

        /// <summary>The noise model in words (printed with the figures).</summary>
        public const string NoiseModel =
            "HX711 24-bit at gain 128, cell 5/20/50/100 kg at 1 or 2 mV/V (+-10 %) = 2^31 x S / capacity counts/g; " +
            "white noise 15-60 counts RMS (electronics) x 1-3 (environment) at 10 SPS, x1.8 at 80 SPS; unit weight = SNR x noise (g); " +
            "1/f-ish drift: three OU terms (2 s, 20 s, 200 s) of 0.4 x white RMS each; temperature: ramps of +-0.5-4 C/h over 5-30 min, " +
            "daily swing +-1-4 C, run starts +-3 C from calibration, zero TC 10-60 ppm FS/C, span TC 10-50 ppm/C; creep 0.02-0.1 % of every " +
            "load change, tau 5-20 min; shelf settles in 0.3-1.0 s, zeta 0.3-0.8; glitches p = 0/0.05/0.2 %; knocks 0.2-3 units for 20-60 ms " +
            "every 1-5 min and vibration bursts 0.1-1 unit at 2-15 Hz for 0.5-3 s every 5-15 min (away from stock events); " +
            "pick = press 5-30 % then lift over 0.15-0.35 s; restock = set-down with 10 % overshoot over 0.2-0.4 s; " +
            "foreign loads 3-30 s (bag, lean, resting hand with tremor); unplug 5-60 s: ready timeouts for 1 s, then no-sensor, then " +
            "0.4-0.6 s of power-on timeouts. Calibration: tare and known mass (16-sample means, +-0.2-0.5 % scale error), unit from " +
            "5 items (10 below 50 g) on a kitchen scale (1 g resolution, 0.2 % error).";

        public static int Seed(bool heldOut, int bandIndex, int traceIndex)
        {
            return (heldOut ? HeldOutSeedBase : TrainSeedBase) + (bandIndex * 1000) + traceIndex;
        }

        public static int NoiseSeed(bool heldOut, int snrIndex, int traceIndex)
        {
            return (heldOut ? HeldOutSeedBase : TrainSeedBase) + 900000 + (snrIndex * 1000) + traceIndex;
        }

        /// <summary>One event trace of <paramref name="band"/>, <paramref name="minutes"/> long.</summary>
        public static ShelfTrace EventTrace(ShelfBand band, int seed, int sps, int minutes, string name)
        {
            var rng = new Random(seed);
            long durationMs = minutes * 60000L;
            Cell cell = ChooseCell(rng, band.Snr, band.MaxQuantity * (band.OverlappingHands ? 2 : 1));
            var sim = NewSimulator(rng, cell, sps, durationMs);
            var trace = new ShelfTrace { Name = name, Band = band, Snr = band.Snr, Seed = seed };
            double unit = cell.Unit;

            int maxItems = cell.MaxItems;
            var items = new List<double>();
            int initial = Math.Min(maxItems - 2, 6 + rng.Next(15));
            for (int i = 0; i < initial; i++) items.Add(ItemWeight(rng, unit, band.ItemCv));
            sim.InitialGrams = cell.Tray + Sum(items, items.Count);

            var busy = new List<double[]>();
            var unplugs = new List<long[]>();
            for (int u = 0; u < band.Unplugs; u++)
            {
                long at = (durationMs * (u + 1) / (band.Unplugs + 1)) + rng.Next(30000) - 15000;
                long length = 5000 + rng.Next(55000);
                long powerOn = 400 + rng.Next(201);
                unplugs.Add(new[] { at, at + length, powerOn });
                sim.Unplugs.Add(new[] { at, at + length, powerOn });
                trace.Unplugged.Add(new[] { at, at + length + powerOn });
            }

            double t = 20000 + rng.Next(10000);
            int burst = 0;
            while (t < durationMs - 15000)
            {
                bool skipped = false;
                foreach (long[] u in unplugs)
                {
                    if (t >= u[0] - 10000 && t < u[1] + u[2] + 10000)
                    {
                        t = u[1] + u[2] + 10000 + rng.Next(5000);
                        skipped = true;
                    }
                }

                if (skipped) continue;

                int q = Quantity(rng, band);
                int q2 = band.OverlappingHands ? Quantity(rng, band) : 0;
                int total = q + q2;
                bool pick;
                if (items.Count - total < 2) pick = false;
                else if (items.Count + total > maxItems) pick = true;
                else pick = rng.NextDouble() < 0.5;

                StockEventKind kind = pick ? StockEventKind.Pick : StockEventKind.Restock;
                double t2 = t;
                Hand(sim, rng, items, pick, q, t, unit, band.ItemCv);
                if (q2 > 0)
                {
                    t2 = t + 300 + rng.Next(901);
                    Hand(sim, rng, items, pick, q2, t2, unit, band.ItemCv);
                }

                trace.Truth.Add(new ShelfTruthEvent((long)t, kind, total, (long)t2));
                busy.Add(new[] { t - 3000, t2 + 6000 });
                double gap = 1000 * (band.GapMinS + ((band.GapMaxS - band.GapMinS) * rng.NextDouble()));
                if (band.Foreign != ForeignLoads.None && gap >= 15000)
                {
                    double hold = Math.Min(3000 + (27000 * rng.NextDouble()), gap - 12000);
                    double start = t2 + 5000 + ((gap - 10000 - hold - (t2 - t)) * rng.NextDouble());
                    if (start + hold < t + gap - 5000 && start + hold < durationMs - 10000)
                    {
                        double current = cell.Tray + Sum(items, items.Count);
                        int foreignKind = Foreign(sim, rng, band.Foreign, unit, start, hold, Math.Max(0, (0.9 * cell.Capacity) - current));
                        trace.Foreign.Add(new[] { (long)start, (long)(start + hold + 2000), foreignKind });
                        busy.Add(new[] { start - 3000, start + hold + 5000 });
                    }
                }

                // Short spacings come in bursts (a shopper taking several, a restocker filling up) of 4, then a pause,
                // so that every band has a comparable number of events.
                if (band.GapMaxS < 15 && ++burst % 4 == 0) gap = 40000 + (50000 * rng.NextDouble());
                t += Math.Max(gap, t2 - t + 2000);
            }

            foreach (long[] u in unplugs) busy.Add(new double[] { u[0] - 3000, u[1] + u[2] + 3000 });
            Disturbances(sim, rng, unit, cell.Capacity, durationMs, busy);
            Finish(trace, sim, rng, cell, durationMs);
            return trace;
        }

        /// <summary>A day-long (or <paramref name="hours"/>) trace of a loaded lane nobody touches: drift, temperature, knocks, vibration.</summary>
        public static ShelfTrace NoiseTrace(double snr, int seed, int sps, double hours, string name)
        {
            var rng = new Random(seed);
            long durationMs = (long)(hours * 3600000);
            Cell cell = ChooseCell(rng, snr, 3);
            var sim = NewSimulator(rng, cell, sps, durationMs);
            var trace = new ShelfTrace { Name = name, NoiseOnly = true, Snr = snr, Seed = seed };
            int initial = Math.Min(cell.MaxItems - 2, 6 + rng.Next(15));
            double load = 0;
            for (int i = 0; i < initial; i++) load += ItemWeight(rng, cell.Unit, 0.02);
            sim.InitialGrams = cell.Tray + load;
            Disturbances(sim, rng, cell.Unit, cell.Capacity, durationMs, new List<double[]>());
            Finish(trace, sim, rng, cell, durationMs);
            return trace;
        }

        private static void Hand(CellSimulator sim, Random rng, List<double> items, bool pick, int q, double t, double unit, double cv)
        {
            double w = 0;
            if (pick)
            {
                for (int i = 0; i < q; i++)
                {
                    w += items[items.Count - 1];
                    items.RemoveAt(items.Count - 1);
                }

                double press = w * (0.05 + (0.25 * rng.NextDouble()));
                double pressMs = 80 + rng.Next(71);
                sim.AddRamp(t, pressMs, press);
                sim.AddRamp(t + pressMs, 150 + rng.Next(201), -(press + w));
            }
            else
            {
                for (int i = 0; i < q; i++)
                {
                    double item = ItemWeight(rng, unit, cv);
                    items.Add(item);
                    w += item;
                }

                double downMs = 200 + rng.Next(201);
                sim.AddRamp(t, downMs, 1.1 * w);
                sim.AddRamp(t + downMs, 100 + rng.Next(101), -0.1 * w);
            }
        }

        /// <returns>What it was: <see cref="ShelfTrace.ForeignBag"/>, <see cref="ShelfTrace.ForeignLean"/> or <see cref="ShelfTrace.ForeignHand"/>.</returns>
        private static int Foreign(CellSimulator sim, Random rng, ForeignLoads type, double unit, double start, double hold, double room)
        {
            double units = type == ForeignLoads.NonInteger
                ? rng.Next(4) + 0.25 + (0.5 * rng.NextDouble())
                : 1 + rng.Next(4) + ((rng.NextDouble() - 0.5) * 0.08);
            double grams = Math.Min(units * unit, room);
            int what = rng.Next(3);
            if (what == 0)
            {
                // A bag set down and taken back.
                double on = 300 + rng.Next(300);
                sim.AddRamp(start, on, grams);
                sim.AddRamp(start + hold, on, -grams);
                return ShelfTrace.ForeignBag;
            }

            if (what == 1)
            {
                // A lean: weight comes on over a second or two and wanders a little.
                double on = 1000 + rng.Next(1000);
                sim.AddRamp(start, on, 0.9 * grams);
                sim.AddRamp(start + on, hold * 0.4, 0.1 * grams);
                sim.AddRamp(start + hold - on, on, -grams);
                return ShelfTrace.ForeignLean;
            }

            {
                // A hand resting on the lane: quick on/off and a tremor.
                double on = 200 + rng.Next(200);
                sim.AddRamp(start, on, grams);
                sim.AddVibration(start + on, hold - on, grams * (0.02 + (0.03 * rng.NextDouble())), 3 + (5 * rng.NextDouble()));
                sim.AddRamp(start + hold, on, -grams);
                return ShelfTrace.ForeignHand;
            }
        }

        private static void Disturbances(CellSimulator sim, Random rng, double unit, double capacity, long durationMs, List<double[]> busy)
        {
            for (double t = 30000 + (rng.NextDouble() * 60000); t < durationMs - 5000; t += 60000 + (rng.NextDouble() * 240000))
            {
                if (Busy(busy, t)) continue;
                double peak = Math.Min(unit * (0.2 + (2.8 * rng.NextDouble())), 0.3 * capacity);
                sim.AddKnock(t, 20 + rng.Next(41), rng.NextDouble() < 0.7 ? peak : -peak);
            }

            for (double t = 60000 + (rng.NextDouble() * 240000); t < durationMs - 5000; t += 300000 + (rng.NextDouble() * 600000))
            {
                double dur = 500 + rng.Next(2501);
                if (Busy(busy, t) || Busy(busy, t + dur)) continue;
                sim.AddVibration(t, dur, Math.Min(unit * (0.1 + (0.9 * rng.NextDouble())), 0.2 * capacity), 2 + (13 * rng.NextDouble()));
            }

            // Temperature: ramps of 0.5-4 C/h lasting 5-30 min, kept within +-8 C of the start.
            double temp = 0;
            sim.AddTemperatureKnot(0, 0);
            for (double t = 0; t < durationMs;)
            {
                double len = 300000 + (rng.NextDouble() * 1500000);
                double rate = (0.5 + (3.5 * rng.NextDouble())) * (rng.NextDouble() < 0.5 ? -1 : 1);
                if (Math.Abs(temp + (rate * len / 3600000)) > 8) rate = -rate;
                temp += rate * len / 3600000;
                t += len;
                sim.AddTemperatureKnot(t, temp);
            }
        }

        private static bool Busy(List<double[]> busy, double t)
        {
            foreach (double[] b in busy)
            {
                if (t >= b[0] && t <= b[1]) return true;
            }

            return false;
        }

        private sealed class Cell
        {
            public double Capacity;
            public double Sensitivity;
            public double CountsPerGram;
            public double NoiseCounts10;
            public double Unit;
            public double Tray;
            public int MaxItems;
        }

        /// <summary>A cell, noise and unit weight giving <paramref name="snr"/>, with room for at least 10 items plus a <paramref name="maxStep"/>-item step.</summary>
        private static Cell ChooseCell(Random rng, double snr, int maxStep)
        {
            Cell c = null;
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                c = new Cell { Capacity = Capacities[rng.Next(Capacities.Length)] };
                c.Sensitivity = (rng.Next(2) == 0 ? 1.0 : 2.0) * (0.9 + (0.2 * rng.NextDouble()));
                c.CountsPerGram = c.Sensitivity * 1e-3 * 2147483648.0 / c.Capacity;
                c.NoiseCounts10 = (15 + (45 * rng.NextDouble())) * Math.Exp(Math.Log(3) * rng.NextDouble());
                c.Unit = snr * c.NoiseCounts10 / c.CountsPerGram;
                c.Tray = c.Capacity * (0.01 + (0.05 * rng.NextDouble()));
                c.MaxItems = Math.Min(40, (int)Math.Floor(((0.8 * c.Capacity) - c.Tray) / (1.15 * c.Unit)));
                if (c.Unit >= 2 && c.Unit <= 5000 && c.MaxItems >= 10 + maxStep) return c;
            }

            return c;
        }

        private static CellSimulator NewSimulator(Random rng, Cell cell, int sps, long durationMs)
        {
            double settle = 0.3 + (0.7 * rng.NextDouble());
            double zeta = 0.3 + (0.5 * rng.NextDouble());
            double fullScale = cell.CountsPerGram * cell.Capacity;
            return new CellSimulator
            {
                Sps = sps,
                CountsPerGram = cell.CountsPerGram,
                ZeroCounts = (rng.NextDouble() - 0.5) * 0.04 * fullScale,
                CapacityGrams = cell.Capacity,
                WhiteCounts = cell.NoiseCounts10 * (sps >= 80 ? 1.8 : 1.0),
                DriftCountsPerTerm = 0.4 * cell.NoiseCounts10,
                SpikeProbability = new[] { 0, 0, 0.0005, 0.002 }[rng.Next(4)],
                Zeta = zeta,
                Omega = 4 / (zeta * settle),
                CreepFraction = 0.0002 + (0.0008 * rng.NextDouble()),
                CreepTauS = 300 + (900 * rng.NextDouble()),
                ZeroTcCountsPerC = (rng.NextDouble() < 0.5 ? -1 : 1) * (10 + (50 * rng.NextDouble())) * 1e-6 * fullScale,
                SpanTcPerC = (rng.NextDouble() < 0.5 ? -1 : 1) * (10 + (40 * rng.NextDouble())) * 1e-6,
                DailySwingC = durationMs > 3 * 3600000L ? 1 + (3 * rng.NextDouble()) : 0,
                WarmestAtH = 24 * rng.NextDouble(),
                TempOffsetC = (rng.NextDouble() - 0.5) * 6,
            };
        }

        /// <summary>Renders the samples and writes the lane options as the technician measured them.</summary>
        private static void Finish(ShelfTrace trace, CellSimulator sim, Random rng, Cell cell, long durationMs)
        {
            var calRng = new Random(rng.Next());
            sim.Render(trace, durationMs, rng);

            // Tare with the empty tray, then the largest reference mass up to half the capacity.
            double reference = ReferenceMasses[0];
            foreach (double m in ReferenceMasses)
            {
                if (m <= 0.5 * cell.Capacity) reference = m;
            }

            double tare = sim.CalibrationMean(cell.Tray, 16, calRng);
            double loaded = sim.CalibrationMean(cell.Tray + reference, 16, calRng);
            double scaleError = (calRng.NextDouble() < 0.5 ? -1 : 1) * (0.002 + (0.003 * calRng.NextDouble()));
            double cpg = (loaded - tare) / reference * (1 + scaleError);

            // Unit weight: n items together on a kitchen scale (1 g resolution up to 5 kg, 5 g above; 0.2 % error).
            int n = cell.Unit >= 50 ? 5 : 10;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += ItemWeight(calRng, cell.Unit, trace.Band == null ? 0.02 : trace.Band.ItemCv);
            double resolution = sum > 5000 ? 5 : 1;
            double shown = Math.Round(sum * (1 + (0.002 * CellSimulator.Gauss(calRng))) / resolution) * resolution;
            double unit = Math.Max(1, Math.Round(shown / n, 1));

            trace.Lane = new LaneOptions
            {
                Id = "L" + (trace.Seed % 100000).ToString(CultureInfo.InvariantCulture),
                UnitGrams = unit,
                Sps = sim.Sps,
                CountsPerGram = cpg,
                ZeroCounts = Math.Round(tare),
                CapacityGrams = cell.Capacity,
                LowItems = 2,
                EmptyItems = 0,
            };
            double sigma = sim.WhiteCounts / cell.CountsPerGram;
            trace.Physics = string.Format(CultureInfo.InvariantCulture,
                "seed {0}, unit {1:F1} g (measured {2:F1}), noise {3:F2} g/sample, cell {4:F0} kg @ {5:F2} mV/V = {6:F1} counts/g (calibrated {7:F1}, {8:+0.00;-0.00} %), " +
                "zero error {9:F1} g [tare {15:F0} simzero {16:F0} tray {17:F0}], {10} SPS, settle {11:F2} s zeta {12:F2}, creep {13:P2}, spikes {14:P2}",
                trace.Seed, cell.Unit, unit, sigma, cell.Capacity / 1000, cell.Sensitivity, cell.CountsPerGram, cpg,
                100 * ((cpg / cell.CountsPerGram) - 1), (Math.Round(tare) - sim.ZeroCounts - (cell.CountsPerGram * cell.Tray * (1 + sim.CreepFraction))) / cell.CountsPerGram,
                sim.Sps, 4 / (sim.Zeta * sim.Omega), sim.Zeta, sim.CreepFraction, sim.SpikeProbability, tare, sim.ZeroCounts, cell.Tray);
        }

        private static double ItemWeight(Random rng, double unit, double cv)
        {
            return unit * Math.Max(0.5, 1 + (cv * CellSimulator.Gauss(rng)));
        }

        private static double Sum(List<double> items, int count)
        {
            double s = 0;
            for (int i = 0; i < count; i++) s += items[i];
            return s;
        }

        private static int Quantity(Random rng, ShelfBand band)
        {
            if (band.MaxQuantity > 3) return band.MinQuantity + rng.Next(band.MaxQuantity - band.MinQuantity + 1);
            double r = rng.NextDouble();
            int q = r < 0.6 ? 1 : (r < 0.85 ? 2 : 3);
            return Math.Max(band.MinQuantity, Math.Min(band.MaxQuantity, q));
        }
    }
}
