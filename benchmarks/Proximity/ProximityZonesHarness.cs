using System;
using System.Collections.Generic;
using System.Linq;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// <c>harness proximity-zones [walks] [--sweep]</c>: zone accuracy on generated RSSI traces. Ground-truth walks
    /// (shoppers approach, stop at shelves for 20–120 s, move on, leave) through a log-distance channel with
    /// time-correlated log-normal shadowing and per-sample Rician (LOS, near) to Rayleigh (far) fading, one sample per
    /// scan window (3 s), 10 % of windows missed and nothing below -95 dBm. Ours: the node's RssiFilter (median of 3
    /// window samples + EWMA) and ZoneClassifier (hysteresis). Baseline: median of the last 15 s after IQR outlier
    /// rejection, no hysteresis. Both are scored on the same windows against the true zone at that instant.
    /// </summary>
    public static class ProximityZonesHarness
    {
        private const int PeriodMs = 3000;
        private const double TrueMeasuredPower = -59;
        private const double TrueExponent = 2.5;
        private const double ShadowSigmaDb = 4.0;
        private const double ShadowTauS = 8.0;

        public static int Run(int walks, bool sweep)
        {
            var options = Options(3.0);
            var traces = Generate(walks, 7);
            Score ours = Evaluate(traces, options, ProximityTracker.FilterHistory, ProximityTracker.FilterAlpha, ProximityTracker.MinSamples);
            Score baseline = EvaluateBaseline(traces, options);
            Console.WriteLine($"proximity-zones: {walks} walks, {ours.Total:N0} scored windows (scan period {PeriodMs} ms, one sample per window)");
            Console.WriteLine($"channel: P1m {TrueMeasuredPower} dBm, n {TrueExponent}, shadowing σ {ShadowSigmaDb} dB (τ {ShadowTauS} s), Rician K 6 dB → Rayleigh beyond 5 m, 10 % windows missed");
            Console.WriteLine($"zones: {string.Join(", ", options.ZoneNames.Select((n, i) => $"{n} ≤ {options.ZoneMaxMeters[i]} m"))}, outside beyond");
            Console.WriteLine();
            Console.WriteLine($"ours     (median of {ProximityTracker.FilterHistory} windows, EWMA α {ProximityTracker.FilterAlpha}, hysteresis {options.HysteresisDb} dB): {ours.Accuracy:P1} correct zone, {ours.Flips:N0} zone changes (truth: {ours.TrueChanges:N0})");
            Console.WriteLine($"baseline (median, IQR rejection, 15 s window):         {baseline.Accuracy:P1} correct zone, {baseline.Flips:N0} zone changes");
            Print("ours", ours, options);
            Print("baseline", baseline, options);
            if (sweep)
            {
                Console.WriteLine();
                Console.WriteLine("sweep: history alpha hysteresisDb minSamples -> accuracy, zone changes");
                foreach (int h in new[] { 3, 5, 7 })
                foreach (double a in new[] { 0.4, 0.6, 1.0 })
                foreach (double hy in new[] { 0.0, 2.0, 3.0, 4.0 })
                {
                    Score s = Evaluate(traces, Options(hy), h, a, 2);
                    Console.WriteLine($"  {h} {a:F1} {hy:F1} 2 -> {s.Accuracy:P1}, {s.Flips:N0}");
                }
            }

            return 0;
        }

        private static ProximityOptions Options(double hysteresisDb)
        {
            var o = new ProximityOptions { MeasuredPowerDbm = (int)TrueMeasuredPower, PathLossExponent = TrueExponent, HysteresisDb = hysteresisDb, ScanPeriodMs = PeriodMs };
            o.SetDefaultZones(0.5, 3.0, 8.0);
            return o;
        }

        private sealed class Trace
        {
            public readonly List<double> TrueMeters = new();
            public readonly List<int?> Rssi = new();
        }

        private sealed class Score
        {
            public long[,] Confusion;
            public long Correct, Total, Flips, TrueChanges;
            public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
        }

        private static List<Trace> Generate(int walks, int seed)
        {
            var rng = new Random(seed);
            var traces = new List<Trace>();
            for (int i = 0; i < walks; i++)
            {
                var trace = new Trace();
                // Stops along the walk: distances from the node and how long the shopper stays there.
                var stops = new List<(double m, double s)> { (12 + rng.NextDouble() * 4, 0) };
                int n = 1 + rng.Next(3);
                for (int k = 0; k < n; k++)
                {
                    double m = rng.NextDouble() < 0.2 ? 0.2 + rng.NextDouble() * 0.5 : 0.4 + rng.NextDouble() * 9.5;
                    stops.Add((m, 20 + rng.NextDouble() * 100));
                }

                stops.Add((12 + rng.NextDouble() * 4, 0));
                double shadow = Gaussian(rng) * ShadowSigmaDb;
                double rho = Math.Exp(-(PeriodMs / 1000.0) / ShadowTauS);
                double t = 0;
                double pos = stops[0].m;
                int target = 1;
                double waitLeft = 0;
                double offset = rng.NextDouble() * PeriodMs / 1000.0;
                while (target < stops.Count)
                {
                    double dt = PeriodMs / 1000.0;
                    // Walk at 0.7–1.2 m/s towards the next stop, then stay.
                    if (waitLeft > 0)
                    {
                        waitLeft -= dt;
                        if (waitLeft <= 0) target++;
                    }
                    else
                    {
                        double speed = 0.7 + rng.NextDouble() * 0.5;
                        double goal = stops[target].m;
                        double step = Math.Min(Math.Abs(goal - pos), speed * dt);
                        pos += Math.Sign(goal - pos) * step;
                        if (Math.Abs(goal - pos) < 1e-9)
                        {
                            waitLeft = stops[target].s;
                            if (waitLeft <= 0) target++;
                        }
                    }

                    shadow = rho * shadow + Math.Sqrt(1 - rho * rho) * ShadowSigmaDb * Gaussian(rng);
                    double d = Math.Max(0.1, pos);
                    double mean = TrueMeasuredPower - 10 * TrueExponent * Math.Log10(d);
                    double kDb = d < 1 ? 6 : d < 5 ? 6 * (5 - d) / 4 : double.NegativeInfinity;
                    double fade = RicianDb(rng, kDb);
                    double rssi = mean + shadow + fade;
                    trace.TrueMeters.Add(d);
                    bool received = rng.NextDouble() >= 0.1 && rssi >= -95;
                    trace.Rssi.Add(received ? (int)Math.Round(rssi) : null);
                    t += dt;
                }

                _ = offset;
                traces.Add(trace);
            }

            return traces;
        }

        private static Score Evaluate(List<Trace> traces, ProximityOptions options, int history, double alpha, int minSamples)
        {
            var classifier = new ZoneClassifier(options);
            var score = NewScore(classifier.Outside + 1);
            foreach (Trace trace in traces)
            {
                var filter = new RssiFilter(1, history, alpha);
                int zone = -1;
                int truthPrev = -1;
                int seen = 0;
                for (int window = 0; window < trace.Rssi.Count; window++)
                {
                    int truth = classifier.Classify(options.MeasuredPowerDbm - 10 * options.PathLossExponent * Math.Log10(trace.TrueMeters[window]));
                    int? rssi = trace.Rssi[window];
                    if (rssi.HasValue)
                    {
                        seen++;
                        double estimate = filter.Add(0, window, rssi.Value);
                        if (zone >= 0 || filter.Count(0, window) >= minSamples)
                        {
                            int next = classifier.Next(zone, estimate);
                            if (zone >= 0 && next != zone) score.Flips++;
                            zone = next;
                        }
                    }

                    if (seen >= 2 && zone >= 0)
                    {
                        Tally(score, truth, zone, ref truthPrev);
                    }
                }
            }

            return score;
        }

        private static Score EvaluateBaseline(List<Trace> traces, ProximityOptions options)
        {
            var classifier = new ZoneClassifier(options);
            var score = NewScore(classifier.Outside + 1);
            int windowSamples = 15000 / PeriodMs;
            foreach (Trace trace in traces)
            {
                int zone = -1;
                int truthPrev = -1;
                int seen = 0;
                // Scored on exactly the windows "ours" is scored on (same seen/placed rule, 2 samples minimum).
                for (int window = 0; window < trace.Rssi.Count; window++)
                {
                    int truth = classifier.Classify(options.MeasuredPowerDbm - 10 * options.PathLossExponent * Math.Log10(trace.TrueMeters[window]));
                    if (trace.Rssi[window].HasValue)
                    {
                        seen++;
                        var recent = new List<double>();
                        for (int j = Math.Max(0, window - windowSamples + 1); j <= window; j++)
                        {
                            if (trace.Rssi[j].HasValue) recent.Add(trace.Rssi[j].Value);
                        }

                        if (recent.Count >= 2)
                        {
                            int next = classifier.Classify(MedianIqr(recent));
                            if (zone >= 0 && next != zone) score.Flips++;
                            zone = next;
                        }
                    }

                    if (seen >= 2 && zone >= 0)
                    {
                        Tally(score, truth, zone, ref truthPrev);
                    }
                }
            }

            return score;
        }

        private static double MedianIqr(List<double> values)
        {
            values.Sort();
            double q1 = Quantile(values, 0.25), q3 = Quantile(values, 0.75), iqr = q3 - q1;
            var kept = values.Where(v => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr).ToList();
            return Quantile(kept.Count > 0 ? kept : values, 0.5);
        }

        private static double Quantile(List<double> sorted, double q)
        {
            double pos = (sorted.Count - 1) * q;
            int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
        }

        private static Score NewScore(int n) => new Score { Confusion = new long[n, n] };

        private static void Tally(Score score, int truth, int predicted, ref int truthPrev)
        {
            score.Total++;
            if (truth == predicted) score.Correct++;
            if (truthPrev >= 0 && truth != truthPrev) score.TrueChanges++;
            truthPrev = truth;
            score.Confusion[truth, predicted]++;
        }

        private static void Print(string name, Score score, ProximityOptions options)
        {
            var names = options.ZoneNames.Concat(new[] { "outside" }).ToArray();
            Console.WriteLine();
            Console.WriteLine($"{name}: confusion (rows = true zone, columns = reported), % of the row");
            Console.WriteLine("            " + string.Join("", names.Select(n => n.PadLeft(11))));
            for (int t = 0; t < names.Length; t++)
            {
                long row = 0;
                for (int p = 0; p < names.Length; p++) row += score.Confusion[t, p];
                Console.Write(names[t].PadRight(12));
                for (int p = 0; p < names.Length; p++)
                {
                    Console.Write((row == 0 ? "-" : (100.0 * score.Confusion[t, p] / row).ToString("F1")).PadLeft(11));
                }

                Console.WriteLine($"   (n={row:N0})");
            }
        }

        private static double RicianDb(Random rng, double kDb)
        {
            double k = double.IsNegativeInfinity(kDb) ? 0 : Math.Pow(10, kDb / 10);
            double los = Math.Sqrt(k / (k + 1));
            double s = Math.Sqrt(1 / (2 * (k + 1)));
            double re = los + s * Gaussian(rng), im = s * Gaussian(rng);
            return 10 * Math.Log10(Math.Max(1e-6, re * re + im * im));
        }

        private static double Gaussian(Random rng)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
