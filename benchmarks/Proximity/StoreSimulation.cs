using System;
using System.Collections.Generic;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// Runs one store: every scan period each node opens a window (<c>BeginWindow</c>), hears each phone's first
    /// received advertisement of the window in time order (one sample per phone per window), then housekeeps
    /// (<c>Tick</c> at the end of the window and of the period). Both methods get the identical samples. After each
    /// period the zone every method reports for every (node, shopper) and the true zone are recorded on the window grid.
    /// </summary>
    public sealed class StoreSimulation
    {
        /// <summary>Grid value: no zone reported / truth outside the bands but within <see cref="ScoredRangeM"/>.</summary>
        public const byte None = 250;

        /// <summary>Grid value of the truth: farther than <see cref="ScoredRangeM"/> or not in the store.</summary>
        public const byte Away = 251;

        /// <summary>Windows where the phone is farther than this and no band is reported are not scored.</summary>
        public const double ScoredRangeM = 12;

        /// <summary>Bands a run may configure (the tracker's own limit).</summary>
        public const int MaxBands = ProximityOptions.MaxZones;

        public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        public Store Store { get; private set; }
        public int Windows { get; private set; }
        public int PeriodMs { get; private set; }

        /// <summary>[node][shopper][window] true zone (band index, <see cref="None"/>, <see cref="Away"/>).</summary>
        public byte[][][] Truth { get; private set; }

        /// <summary>[method][node][shopper][window] reported zone (band index or <see cref="None"/>).</summary>
        public byte[][][][] Reported { get; private set; }

        /// <summary>[method][node] published aggregates.</summary>
        public Dictionary<(int Zone, long BucketMs), int>[][] Aggregates { get; private set; }

        public long Samples { get; private set; }

        /// <param name="oracle">Configure each node with its true constants (an upper bound for on-device calibration).</param>
        public static StoreSimulation Run(Store store, ProximityOptions ours, ProximityOptions baseline, bool oracle = false)
        {
            var sim = new StoreSimulation { Store = store, PeriodMs = ours.ScanPeriodMs };
            int nodes = store.Nodes.Length, shoppers = store.Shoppers.Length;
            double periodS = ours.ScanPeriodMs / 1000.0, windowS = ours.ScanWindowMs / 1000.0;
            int windows = sim.Windows = (int)(store.DurationS / periodS);

            // Sessions: one per MAC period of each shopper.
            var sessionBase = new int[shoppers];
            int sessions = 0;
            for (int p = 0; p < shoppers; p++)
            {
                sessionBase[p] = sessions;
                sessions += store.Shoppers[p].MacStartS.Length;
            }

            var addr = new long[sessions];
            var rng = new Random(store.Seed * 31 + 7);
            for (int s = 0; s < sessions; s++) addr[s] = ((long)rng.Next() << 17 ^ rng.Next()) & 0xFFFFFFFFFFFFL;

            var methods = new INodeMethod[2][];
            methods[0] = new INodeMethod[nodes];
            methods[1] = new INodeMethod[nodes];
            for (int n = 0; n < nodes; n++)
            {
                methods[0][n] = new TrackerNode(oracle ? Calibrated(ours, store.Nodes[n]) : ours, sessions, store.Seed * 100 + n);
                methods[1][n] = new BaselineNode(oracle ? Calibrated(baseline, store.Nodes[n]) : baseline, sessions);
            }

            sim.Truth = Grid(nodes, shoppers, windows, Away);
            sim.Reported = new[] { Grid(nodes, shoppers, windows, None), Grid(nodes, shoppers, windows, None) };
            var edges = ours.ZoneMaxMeters;
            var channel = new RadioChannel(store, store.Seed * 17 + 3);
            var px = new double[shoppers];
            var py = new double[shoppers];
            var fx = new double[shoppers];
            var fy = new double[shoppers];
            var heard = new List<(double Offset, int Session, int Rssi)>();
            long startUnixMs = Start.ToUnixTimeMilliseconds();
            var present = new List<int>();

            for (int w = 0; w < windows; w++)
            {
                double t = w * periodS;
                present.Clear();
                for (int p = 0; p < shoppers; p++)
                {
                    Shopper s = store.Shoppers[p];
                    if (t < s.ArriveS || t > s.DepartS)
                    {
                        px[p] = py[p] = double.NaN;
                        continue;
                    }

                    s.At(t + windowS / 2, out px[p], out py[p], out fx[p], out fy[p]);
                    present.Add(p);
                }

                for (int n = 0; n < nodes; n++)
                {
                    long nowMs = (long)(t * 1000);
                    methods[0][n].BeginWindow(nowMs);
                    methods[1][n].BeginWindow(nowMs);
                    heard.Clear();
                    foreach (int p in present)
                    {
                        double d = StoreGenerator.Hypot(store.Nodes[n].X - px[p], store.Nodes[n].Y - py[p]);
                        sim.Truth[n][p][w] = d > ScoredRangeM ? Away : Band(d, edges);
                        if (channel.Sample(n, p, windowS, periodS, px, py, fx, fy, out int rssi, out double offset))
                        {
                            heard.Add((offset, sessionBase[p] + store.Shoppers[p].MacPeriod(t + offset), rssi));
                        }
                    }

                    heard.Sort((a, b) => a.Offset.CompareTo(b.Offset));
                    foreach (var h in heard)
                    {
                        long at = nowMs + (long)(h.Offset * 1000);
                        methods[0][n].Advertisement(h.Session, addr[h.Session], h.Rssi, at, startUnixMs + at);
                        methods[1][n].Advertisement(h.Session, addr[h.Session], h.Rssi, at, startUnixMs + at);
                    }

                    sim.Samples += heard.Count;
                    // Housekeeping after the window and again before the next one (the firmware's loop ticks often).
                    foreach (long tick in new[] { nowMs + ours.ScanWindowMs, nowMs + ours.ScanPeriodMs - 1 })
                    {
                        methods[0][n].Tick(tick, startUnixMs + tick);
                        methods[1][n].Tick(tick, startUnixMs + tick);
                    }
                }

                // What each method reports for each shopper: its newest session that is in a band.
                for (int m = 0; m < 2; m++)
                for (int n = 0; n < nodes; n++)
                for (int p = 0; p < shoppers; p++)
                {
                    Shopper s = store.Shoppers[p];
                    if (t < s.ArriveS || t > s.DepartS + 120) continue;
                    byte zone = None;
                    for (int k = s.MacStartS.Length - 1; k >= 0; k--)
                    {
                        int z = methods[m][n].Zone(sessionBase[p] + k);
                        if (z >= 0)
                        {
                            zone = (byte)z;
                            break;
                        }
                    }

                    sim.Reported[m][n][p][w] = zone;
                }
            }

            sim.Aggregates = new Dictionary<(int, long), int>[2][];
            for (int m = 0; m < 2; m++)
            {
                sim.Aggregates[m] = new Dictionary<(int, long), int>[nodes];
                for (int n = 0; n < nodes; n++) sim.Aggregates[m][n] = methods[m][n].Aggregates;
            }

            return sim;
        }

        private static ProximityOptions Calibrated(ProximityOptions o, NodeTruth node)
        {
            var c = new ProximityOptions
            {
                ScanWindowMs = o.ScanWindowMs, ScanPeriodMs = o.ScanPeriodMs, HysteresisDb = o.HysteresisDb, SessionTimeoutS = o.SessionTimeoutS,
                DwellIntervalS = o.DwellIntervalS, BucketS = o.BucketS, MaxSessions = o.MaxSessions,
                MeasuredPowerDbm = (int)Math.Round(node.MeasuredPowerDbm), PathLossExponent = node.PathLossExponent,
            };
            c.SetZones(o.ZoneNames, o.ZoneMaxMeters);
            c.Validate();
            return c;
        }

        private static byte Band(double d, double[] edges)
        {
            for (int i = 0; i < edges.Length; i++)
            {
                if (d <= edges[i]) return (byte)i;
            }

            return None;
        }

        private static byte[][][] Grid(int nodes, int shoppers, int windows, byte fill)
        {
            var g = new byte[nodes][][];
            for (int n = 0; n < nodes; n++)
            {
                g[n] = new byte[shoppers][];
                for (int p = 0; p < shoppers; p++)
                {
                    g[n][p] = new byte[windows];
                    Array.Fill(g[n][p], fill);
                }
            }

            return g;
        }
    }
}
