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

        /// <summary>Neighbour iBeacon samples the nodes heard (only when calibrating).</summary>
        public long NeighbourSamples { get; private set; }

        /// <summary>Ours per node (its tracker holds the fitted channel).</summary>
        public TrackerNode[] Ours { get; private set; }

        /// <summary>Each node's options for ours (with the calibration section when calibrating).</summary>
        public ProximityOptions[] OursOptions { get; private set; }

        /// <param name="oracle">Configure each node with its true constants (an upper bound for on-device calibration).</param>
        /// <param name="phoneOffsetDb">
        /// Not null: ours calibrates on-device from the other nodes' iBeacons (<see cref="NeighbourChannel"/>) at the
        /// distances a manifest gives (floor positions within ±0.3 m), with this <c>phoneOffsetDb</c>.
        /// </param>
        public static StoreSimulation Run(Store store, ProximityOptions ours, ProximityOptions baseline, bool oracle = false, double? phoneOffsetDb = null)
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
            sim.Ours = new TrackerNode[nodes];
            sim.OursOptions = new ProximityOptions[nodes];
            double[][] manifestDistance = phoneOffsetDb == null ? null : ManifestDistances(store);
            for (int n = 0; n < nodes; n++)
            {
                ProximityOptions o = oracle ? Calibrated(ours, store.Nodes[n]) : ours;
                if (manifestDistance != null) o = WithNeighbours(o, n, manifestDistance[n], phoneOffsetDb.Value);
                sim.OursOptions[n] = o;
                methods[0][n] = sim.Ours[n] = new TrackerNode(o, sessions, store.Seed * 100 + n);
                methods[1][n] = new BaselineNode(oracle ? Calibrated(baseline, store.Nodes[n]) : baseline, sessions);
            }

            NeighbourChannel neighbours = manifestDistance == null ? null : new NeighbourChannel(store, store.Seed * 23 + 11);

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

                    for (int b = 0; neighbours != null && b < nodes; b++)
                    {
                        if (b != n && neighbours.Sample(n, b, windowS, periodS, px, py, out int rssi, out double offset))
                        {
                            heard.Add((offset, -1 - b, rssi));
                        }
                    }

                    heard.Sort((a, b) => a.Offset.CompareTo(b.Offset));
                    foreach (var h in heard)
                    {
                        long at = nowMs + (long)(h.Offset * 1000);
                        if (h.Session < 0)
                        {
                            sim.Ours[n].NodeBeacon(-1 - h.Session, h.Rssi, at, startUnixMs + at);
                            sim.NeighbourSamples++;
                            continue;
                        }

                        methods[0][n].Advertisement(h.Session, addr[h.Session], h.Rssi, at, startUnixMs + at);
                        methods[1][n].Advertisement(h.Session, addr[h.Session], h.Rssi, at, startUnixMs + at);
                    }

                    sim.Samples += heard.Count;
                    if (neighbours != null) sim.Samples -= CountNodes(heard);
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

        /// <summary>Node-to-node distances as a manifest has them: from floor positions each within ±0.3 m per axis.</summary>
        public static double[][] ManifestDistances(Store store)
        {
            var rng = new Random(store.Seed * 13 + 5);
            int nodes = store.Nodes.Length;
            var x = new double[nodes];
            var y = new double[nodes];
            for (int i = 0; i < nodes; i++)
            {
                x[i] = store.Nodes[i].X + (rng.NextDouble() * 2 - 1) * 0.3;
                y[i] = store.Nodes[i].Y + (rng.NextDouble() * 2 - 1) * 0.3;
            }

            var d = new double[nodes][];
            for (int a = 0; a < nodes; a++)
            {
                d[a] = new double[nodes];
                for (int b = 0; b < nodes; b++) d[a][b] = Math.Round(StoreGenerator.Hypot(x[a] - x[b], y[a] - y[b]), 1);
            }

            return d;
        }

        /// <summary>The store's iBeacon UUID in the simulation (every node advertises major 1, minor = index + 1).</summary>
        public static readonly byte[] StoreUuid = Beacons.Shared.Advertising.IBeaconOptions.ParseUuid("f7826da6-4fa2-4e98-8024-bc5b71e0893e");

        private static ProximityOptions WithNeighbours(ProximityOptions o, int self, double[] distance, double phoneOffsetDb)
        {
            var c = Copy(o);
            c.SetZones(o.ZoneNames, o.ZoneMaxMeters);
            var major = new List<int>();
            var minor = new List<int>();
            var dist = new List<double>();
            for (int b = 0; b < distance.Length && major.Count < ChannelCalibrationOptions.MaxNeighbours; b++)
            {
                if (b == self || distance[b] < ChannelCalibrationOptions.MinDistanceM) continue;
                major.Add(1);
                minor.Add(b + 1);
                dist.Add(Math.Min(distance[b], ChannelCalibrationOptions.MaxDistanceM));
            }

            var cal = new ChannelCalibrationOptions { Uuid = StoreUuid, PhoneOffsetDb = phoneOffsetDb };
            cal.SetNeighbours(major.ToArray(), minor.ToArray(), dist.ToArray());
            c.Calibration = cal;
            c.Validate();
            return c;
        }

        private static ProximityOptions Copy(ProximityOptions o) => new ProximityOptions
        {
            ScanWindowMs = o.ScanWindowMs, ScanPeriodMs = o.ScanPeriodMs, HysteresisDb = o.HysteresisDb, SessionTimeoutS = o.SessionTimeoutS,
            DwellIntervalS = o.DwellIntervalS, BucketS = o.BucketS, MaxSessions = o.MaxSessions,
            MeasuredPowerDbm = o.MeasuredPowerDbm, PathLossExponent = o.PathLossExponent,
        };

        private static int CountNodes(List<(double Offset, int Session, int Rssi)> heard)
        {
            int c = 0;
            foreach (var h in heard) if (h.Session < 0) c++;
            return c;
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
