using System;
using System.Collections.Generic;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>A node as it really is (the classifier never sees these numbers).</summary>
    public sealed class NodeTruth
    {
        public double X, Y;

        /// <summary>Median RSSI of a 0 dB phone at 1 m, line of sight (antenna, mounting, shelf metal).</summary>
        public double MeasuredPowerDbm;

        /// <summary>Log-distance exponent around this node.</summary>
        public double PathLossExponent;
    }

    /// <summary>One shopper's phone and walk. Positions are piecewise linear between keyframes.</summary>
    public sealed class Shopper
    {
        public double ArriveS, DepartS;
        public double TxOffsetDb;
        public double AdvIntervalMs;

        /// <summary>Extra loss of the way the phone is carried (hand 0 dB, pocket/bag up to 6 dB).</summary>
        public double CarryLossDb;

        /// <summary>Loss when the shopper's body is squarely between phone and node.</summary>
        public double BodyLossDb;

        /// <summary>Start of each MAC period (first = arrival; rotates every 15 min from a random phase).</summary>
        public double[] MacStartS;

        internal readonly List<double> KeyT = new();
        internal readonly List<double> KeyX = new();
        internal readonly List<double> KeyY = new();
        internal readonly List<double> FaceX = new();
        internal readonly List<double> FaceY = new();

        /// <summary>Position and facing direction (unit vector) at <paramref name="t"/> seconds.</summary>
        public void At(double t, out double x, out double y, out double fx, out double fy)
        {
            int n = KeyT.Count;
            if (t <= KeyT[0])
            {
                x = KeyX[0]; y = KeyY[0]; fx = FaceX[0]; fy = FaceY[0];
                return;
            }

            if (t >= KeyT[n - 1])
            {
                x = KeyX[n - 1]; y = KeyY[n - 1]; fx = FaceX[n - 1]; fy = FaceY[n - 1];
                return;
            }

            int lo = 0, hi = n - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (KeyT[mid] <= t) lo = mid; else hi = mid;
            }

            double span = KeyT[hi] - KeyT[lo];
            double a = span <= 0 ? 0 : (t - KeyT[lo]) / span;
            x = KeyX[lo] + a * (KeyX[hi] - KeyX[lo]);
            y = KeyY[lo] + a * (KeyY[hi] - KeyY[lo]);
            fx = FaceX[lo];
            fy = FaceY[lo];
        }

        /// <summary>MAC period index at <paramref name="t"/> (0 before the first rotation).</summary>
        public int MacPeriod(double t)
        {
            int m = 0;
            while (m + 1 < MacStartS.Length && MacStartS[m + 1] <= t) m++;
            return m;
        }
    }

    /// <summary>A generated store: layout, nodes, radio environment and the shoppers of one opening period.</summary>
    public sealed class Store
    {
        public int Seed;
        public double Width, Depth;
        public double DoorX, DoorY;
        public NodeTruth[] Nodes;
        public Shopper[] Shoppers;
        public double StorePathLossExponent, StoreMeasuredPowerDbm;
        public double ShadowSigmaDb, ShadowTauS;

        /// <summary>Chance that one advertisement reaches the scanner (channel hopping, collisions, Wi-Fi coexistence).</summary>
        public double AdvReceiveProbability;

        /// <summary>Simulated seconds (arrivals stop 10 min before the end so the last shoppers leave).</summary>
        public double DurationS;
    }

    /// <summary>
    /// Generates stores from a seed: per-store channel (path-loss exponent 1.8–3.5, measured power −65…−50 dBm, log-normal
    /// shadowing σ 3–6 dB with τ 5–15 s), per-node deviations around it (±0.3 in n, ±3 dB in measured power, both kept in
    /// the ranges above), and shoppers with per-phone TX offsets (±8 dB), carry loss, body loss 4–12 dB, advertising
    /// intervals 100 ms–1 s and MAC rotation every 15 min. Shoppers enter at the door, stop at 1–5 shelves (60 % at a
    /// node's shelf 0.1–2.5 m from it, 15 % of those within 0.5 m), 10–150 s each, walk at 0.6–1.3 m/s and leave by
    /// the door. Deterministic for a seed.
    /// </summary>
    public static class StoreGenerator
    {
        public const double MacRotationS = 15 * 60;

        public static Store Generate(int seed, double durationS)
        {
            var rng = new Random(seed);
            var store = new Store
            {
                Seed = seed,
                Width = 20 + rng.NextDouble() * 20,
                Depth = 12 + rng.NextDouble() * 13,
                StorePathLossExponent = 1.8 + rng.NextDouble() * 1.7,
                StoreMeasuredPowerDbm = -65 + rng.NextDouble() * 15,
                ShadowSigmaDb = 3 + rng.NextDouble() * 3,
                ShadowTauS = 5 + rng.NextDouble() * 10,
                AdvReceiveProbability = 0.55 + rng.NextDouble() * 0.35,
                DurationS = durationS,
            };
            store.DoorX = 0;
            store.DoorY = store.Depth * (0.2 + 0.6 * rng.NextDouble());

            int nodes = 4 + rng.Next(3);
            store.Nodes = new NodeTruth[nodes];
            for (int i = 0; i < nodes; i++)
            {
                // Nodes on shelves spread over the floor, at least 5 m apart where possible.
                double x = 0, y = 0;
                for (int attempt = 0; attempt < 50; attempt++)
                {
                    x = 2 + rng.NextDouble() * (store.Width - 4);
                    y = 2 + rng.NextDouble() * (store.Depth - 4);
                    bool clear = true;
                    for (int j = 0; j < i; j++)
                    {
                        if (Hypot(x - store.Nodes[j].X, y - store.Nodes[j].Y) < 5) clear = false;
                    }

                    if (clear) break;
                }

                store.Nodes[i] = new NodeTruth
                {
                    X = x,
                    Y = y,
                    PathLossExponent = Clamp(store.StorePathLossExponent + (rng.NextDouble() * 2 - 1) * 0.3, 1.8, 3.5),
                    MeasuredPowerDbm = Clamp(store.StoreMeasuredPowerDbm + (rng.NextDouble() * 2 - 1) * 3, -65, -50),
                };
            }

            var shoppers = new List<Shopper>();
            double meanGapS = 10 + rng.NextDouble() * 15;
            double t = rng.NextDouble() * meanGapS;
            double lastArrival = durationS - 600;
            while (t < lastArrival)
            {
                shoppers.Add(Walk(rng, store, t));
                t += -Math.Log(1 - rng.NextDouble()) * meanGapS;
            }

            store.Shoppers = shoppers.ToArray();
            return store;
        }

        private static Shopper Walk(Random rng, Store store, double arriveS)
        {
            var s = new Shopper
            {
                ArriveS = arriveS,
                TxOffsetDb = (rng.NextDouble() * 2 - 1) * 8,
                AdvIntervalMs = 100 + rng.NextDouble() * 900,
                CarryLossDb = rng.NextDouble() < 0.4 ? 0 : rng.NextDouble() * 6,
                BodyLossDb = 4 + rng.NextDouble() * 8,
            };

            double x = store.DoorX, y = store.DoorY, time = arriveS;
            double fx = 1, fy = 0;
            Key(s, time, x, y, fx, fy);
            int stops = 1 + rng.Next(5);
            double speed = 0.6 + rng.NextDouble() * 0.7;
            for (int k = 0; k <= stops; k++)
            {
                double gx, gy, facex, facey;
                double stayS;
                if (k == stops)
                {
                    gx = store.DoorX;
                    gy = store.DoorY;
                    stayS = 0;
                    facex = -1;
                    facey = 0;
                }
                else if (rng.NextDouble() < 0.6)
                {
                    NodeTruth node = store.Nodes[rng.Next(store.Nodes.Length)];
                    double r = rng.NextDouble() < 0.15 ? 0.1 + rng.NextDouble() * 0.4 : 0.5 + rng.NextDouble() * 2.0;
                    double a = rng.NextDouble() * 2 * Math.PI;
                    gx = Clamp(node.X + r * Math.Cos(a), 0.3, store.Width - 0.3);
                    gy = Clamp(node.Y + r * Math.Sin(a), 0.3, store.Depth - 0.3);
                    double d = Hypot(node.X - gx, node.Y - gy);
                    facex = d < 1e-6 ? 1 : (node.X - gx) / d;
                    facey = d < 1e-6 ? 0 : (node.Y - gy) / d;
                    stayS = 10 + rng.NextDouble() * 140;
                }
                else
                {
                    gx = 1 + rng.NextDouble() * (store.Width - 2);
                    gy = 1 + rng.NextDouble() * (store.Depth - 2);
                    double a = rng.NextDouble() * 2 * Math.PI;
                    facex = Math.Cos(a);
                    facey = Math.Sin(a);
                    stayS = 10 + rng.NextDouble() * 140;
                }

                double dist = Hypot(gx - x, gy - y);
                if (dist > 1e-6)
                {
                    // Walking faces the direction of travel; the keyframe at the start of the segment carries it.
                    s.FaceX[s.FaceX.Count - 1] = (gx - x) / dist;
                    s.FaceY[s.FaceY.Count - 1] = (gy - y) / dist;
                    time += dist / speed;
                }

                x = gx;
                y = gy;
                Key(s, time, x, y, facex, facey);
                if (stayS > 0)
                {
                    time += stayS;
                    Key(s, time, x, y, facex, facey);
                }
            }

            s.DepartS = time;
            var macs = new List<double> { arriveS };
            double next = arriveS + rng.NextDouble() * MacRotationS;
            while (next < s.DepartS)
            {
                macs.Add(next);
                next += MacRotationS;
            }

            s.MacStartS = macs.ToArray();
            return s;
        }

        private static void Key(Shopper s, double t, double x, double y, double fx, double fy)
        {
            s.KeyT.Add(t);
            s.KeyX.Add(x);
            s.KeyY.Add(y);
            s.FaceX.Add(fx);
            s.FaceY.Add(fy);
        }

        internal static double Hypot(double dx, double dy) => Math.Sqrt(dx * dx + dy * dy);

        private static double Clamp(double v, double lo, double hi) => v < lo ? lo : v > hi ? hi : v;
    }
}
