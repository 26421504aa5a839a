using System;
using System.Collections.Generic;
using System.Linq;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>The figures of one method over one or more stores.</summary>
    public sealed class ZoneScore
    {
        public long Scored, Correct, Changes, TrueChanges, Visits, MissedEnters;
        public readonly List<double> EnterS = new();
        public readonly List<double> ExitS = new();
        public readonly List<double> DwellErrorS = new();
        public readonly List<double> AggregateError = new();
        public long AggregateTrue, AggregatePublished;

        /// <summary>Scored windows by [true zone, reported zone]; the last index is "no zone".</summary>
        public readonly long[,] Confusion = new long[StoreSimulation.MaxBands + 1, StoreSimulation.MaxBands + 1];

        public double Accuracy => Scored == 0 ? 0 : (double)Correct / Scored;
        public double ChangeRatio => TrueChanges == 0 ? 0 : (double)Changes / TrueChanges;

        public void Add(ZoneScore o)
        {
            Scored += o.Scored; Correct += o.Correct; Changes += o.Changes; TrueChanges += o.TrueChanges;
            Visits += o.Visits; MissedEnters += o.MissedEnters;
            EnterS.AddRange(o.EnterS); ExitS.AddRange(o.ExitS); DwellErrorS.AddRange(o.DwellErrorS);
            AggregateError.AddRange(o.AggregateError);
            AggregateTrue += o.AggregateTrue; AggregatePublished += o.AggregatePublished;
            for (int i = 0; i < Confusion.GetLength(0); i++)
            for (int j = 0; j < Confusion.GetLength(1); j++) Confusion[i, j] += o.Confusion[i, j];
        }

        public static double Quantile(List<double> values, double q)
        {
            if (values.Count == 0) return double.NaN;
            return SortedQuantile.Of(values.OrderBy(v => v).ToList(), q);
        }
    }

    /// <summary>
    /// Scores a simulated store per (node, shopper) on the scan-window grid, from the shopper's arrival to 2 min after
    /// departure (so late exits count).
    /// <list type="bullet">
    /// <item>Zone accuracy: windows where the reported zone equals the true one ("no zone" = outside every band); only
    /// windows with the phone within 12 m of the node or a band reported are scored.</item>
    /// <item>Zone changes: changes of the reported zone (including to and from "no zone") against changes of the true one.</item>
    /// <item>Enter latency: for each true visit of a band of ≥ 15 s, first window the band is reported (from the true
    /// entry; 0 if already reported), searched to 15 s past the visit; none = a missed enter. Exit latency: for visits
    /// reported at their last window, time until the band is no longer reported (capped at 120 s).</item>
    /// <item>Dwell error: per true visit ≥ 15 s, |longest reported stay in that band overlapping it − true stay|, 0 when
    /// none overlaps (error = the whole stay): flicker splits stays and shows here.</item>
    /// <item>Aggregate count error: per (node, zone, closed bucket) with a true visit or a published count,
    /// |published count − true distinct shoppers whose visit of ≥ 15 s ended in the bucket| (unpublished = 0, e.g.
    /// under k; walk-throughs shorter than 15 s are not visits a store counts, and no node can see a 3 s transit).</item>
    /// </list>
    /// </summary>
    public static class ZoneScorer
    {
        public const int MinVisitS = 15;
        public const int ExitCapS = 120;

        public static ZoneScore Score(StoreSimulation sim, int method, int bucketS)
        {
            var score = new ZoneScore();
            Store store = sim.Store;
            double period = sim.PeriodMs / 1000.0;
            int minVisitW = (int)Math.Ceiling(MinVisitS / period);
            int graceW = minVisitW;
            int capW = (int)(ExitCapS / period);
            var trueAgg = new Dictionary<(int Node, int Zone, long Bucket), int>();
            var lastShopper = new Dictionary<(int Node, int Zone, long Bucket), int>();
            long startMs = StoreSimulation.Start.ToUnixTimeMilliseconds();
            long bucketMs = bucketS * 1000L;
            for (int n = 0; n < store.Nodes.Length; n++)
            for (int p = 0; p < store.Shoppers.Length; p++)
            {
                Shopper s = store.Shoppers[p];
                byte[] truthRaw = sim.Truth[n][p];
                byte[] rep = sim.Reported[method][n][p];
                int from = (int)Math.Ceiling(s.ArriveS / period);
                int to = Math.Min(sim.Windows, (int)((s.DepartS + 120) / period) + 1);
                if (from >= to) continue;
                var truth = new byte[to - from];
                var r = new byte[to - from];
                for (int w = from; w < to; w++)
                {
                    truth[w - from] = truthRaw[w] == StoreSimulation.Away ? StoreSimulation.None : truthRaw[w];
                    r[w - from] = rep[w];
                    bool scored = truthRaw[w] != StoreSimulation.Away || rep[w] != StoreSimulation.None;
                    if (scored)
                    {
                        score.Scored++;
                        if (truth[w - from] == rep[w]) score.Correct++;
                        score.Confusion[Index(truth[w - from]), Index(rep[w])]++;
                    }

                    if (w > from)
                    {
                        if (truth[w - from] != truth[w - from - 1]) score.TrueChanges++;
                        if (r[w - from] != r[w - from - 1]) score.Changes++;
                    }
                }

                int len = truth.Length;
                for (int a = 0; a < len;)
                {
                    byte zone = truth[a];
                    int b = a;
                    while (b < len && truth[b] == zone) b++;
                    if (zone != StoreSimulation.None)
                    {
                        // True visit [a, b) of at least MinVisitS: aggregate truth by the bucket its end falls in.
                        if (b - a < minVisitW)
                        {
                            a = b;
                            continue;
                        }

                        long endMs = startMs + (long)((from + b) * sim.PeriodMs);
                        var key = (n, (int)zone, endMs - endMs % bucketMs);
                        // Distinct shoppers, as the aggregate counts them: a shopper's visits are consecutive here.
                        if (!lastShopper.TryGetValue(key, out int last) || last != p)
                        {
                            lastShopper[key] = p;
                            trueAgg[key] = trueAgg.TryGetValue(key, out int c) ? c + 1 : 1;
                        }
                        Visit(score, r, zone, a, b, graceW, capW, period);
                    }

                    a = b;
                }
            }

            // Aggregates: buckets that both the truth and the node could have closed.
            long simEndMs = startMs + (long)(sim.Windows - 1) * sim.PeriodMs;
            var keys = new HashSet<(int, int, long)>(trueAgg.Keys);
            for (int n = 0; n < store.Nodes.Length; n++)
            {
                foreach (var k in sim.Aggregates[method][n].Keys) keys.Add((n, k.Zone, k.BucketMs));
            }

            foreach (var k in keys)
            {
                if (k.Item3 + bucketMs > simEndMs) continue;
                int truthCount = trueAgg.TryGetValue(k, out int tc) ? tc : 0;
                int published = sim.Aggregates[method][k.Item1].TryGetValue((k.Item2, k.Item3), out int pc) ? pc : 0;
                score.AggregateError.Add(Math.Abs(published - truthCount));
                score.AggregateTrue += truthCount;
                score.AggregatePublished += published;
            }

            return score;
        }

        private static int Index(byte zone) => zone == StoreSimulation.None ? StoreSimulation.MaxBands : zone;

        private static void Visit(ZoneScore score, byte[] r, byte zone, int a, int b, int graceW, int capW, double period)
        {
            int len = r.Length;
            score.Visits++;
            int enter = -1;
            for (int w = a; w < Math.Min(len, b + graceW); w++)
            {
                if (r[w] == zone)
                {
                    enter = w;
                    break;
                }
            }

            if (enter < 0) score.MissedEnters++;
            else score.EnterS.Add((enter - a) * period);

            if (r[b - 1] == zone)
            {
                int w = b;
                while (w < len && w - b < capW && r[w] == zone) w++;
                score.ExitS.Add((w - b) * period);
            }

            // Longest reported stay in the zone overlapping [a, b).
            int best = 0;
            for (int w = a; w < b; w++)
            {
                if (r[w] != zone) continue;
                int lo = w, hi = w;
                while (lo > 0 && r[lo - 1] == zone) lo--;
                while (hi < len && r[hi] == zone) hi++;
                best = Math.Max(best, hi - lo);
                w = hi;
            }

            score.DwellErrorS.Add(Math.Abs(best - (b - a)) * period);
        }
    }
}
