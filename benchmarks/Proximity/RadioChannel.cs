using System;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// What a node's scanner hears of a phone in one scan window. Mean RSSI: the node's true log-distance model plus
    /// the phone's TX offset, minus carry loss, body shadowing (the shopper's body between phone and node: up to the
    /// phone's body loss when the node is behind the shopper) and people blocking (3–5 dB per other shopper within
    /// 0.4 m of the line of sight, at most 3). On top: per-link time-correlated log-normal shadowing and per-advertisement
    /// Rician fading (K 6 dB within 1 m with line of sight, falling to Rayleigh at 5 m or when blocked). Each
    /// advertisement in the window reaches the scanner with the store's reception probability and only at ≥ −95 dBm;
    /// duplicate filtering reports the first one received, so a window yields at most one sample per phone.
    /// </summary>
    public sealed class RadioChannel
    {
        public const double SensitivityDbm = -95;
        private readonly Store _store;
        private readonly double[] _shadow;
        private readonly Random _rng;

        public RadioChannel(Store store, int seed)
        {
            _store = store;
            _shadow = new double[store.Nodes.Length * store.Shoppers.Length];
            _rng = new Random(seed);
            for (int i = 0; i < _shadow.Length; i++) _shadow[i] = Gaussian(_rng) * store.ShadowSigmaDb;
        }

        /// <summary>
        /// The sample of shopper <paramref name="p"/> at node <paramref name="n"/> in this
        /// scan period (window of <paramref name="windowS"/> s every <paramref name="periodS"/> s), or false when nothing
        /// was received; <paramref name="offsetS"/> is when in the window it arrived.
        /// <paramref name="px"/>/<paramref name="py"/> hold every shopper's position (NaN = not in the store).
        /// </summary>
        public bool Sample(int n, int p, double windowS, double periodS, double[] px, double[] py, double[] fx, double[] fy,
            out int rssiDbm, out double offsetS)
        {
            NodeTruth node = _store.Nodes[n];
            Shopper s = _store.Shoppers[p];
            int link = n * _store.Shoppers.Length + p;
            double rho = Math.Exp(-periodS / _store.ShadowTauS);
            _shadow[link] = rho * _shadow[link] + Math.Sqrt(1 - rho * rho) * _store.ShadowSigmaDb * Gaussian(_rng);

            double dx = node.X - px[p], dy = node.Y - py[p];
            double d = Math.Max(0.1, StoreGenerator.Hypot(dx, dy));
            // Body: 0 when facing the node, the full loss when the node is straight behind.
            double cos = (dx * fx[p] + dy * fy[p]) / d;
            double body = s.BodyLossDb * (1 - cos) / 2;
            int blockers = d < 0.5 ? 0 : Blockers(p, node.X, node.Y, px, py);
            double people = 0;
            for (int b = 0; b < blockers; b++) people += 3 + 2 * _rng.NextDouble();
            double mean = node.MeasuredPowerDbm - 10 * node.PathLossExponent * Math.Log10(d) + s.TxOffsetDb - s.CarryLossDb - body - people
                + _shadow[link];
            bool los = blockers == 0 && body < 3;
            double kDb = !los ? double.NegativeInfinity : d < 1 ? 6 : d < 5 ? 6 * (5 - d) / 4 : double.NegativeInfinity;

            // Advertisements at a random phase, every interval + 0–10 ms (the BLE advDelay).
            double interval = s.AdvIntervalMs / 1000.0;
            double at = _rng.NextDouble() * interval;
            while (at < windowS)
            {
                if (_rng.NextDouble() < _store.AdvReceiveProbability)
                {
                    double rssi = mean + RicianDb(_rng, kDb);
                    if (rssi >= SensitivityDbm)
                    {
                        rssiDbm = (int)Math.Round(Math.Min(rssi, 0));
                        offsetS = at;
                        return true;
                    }
                }

                at += interval + _rng.NextDouble() * 0.01;
            }

            rssiDbm = 0;
            offsetS = 0;
            return false;
        }

        private int Blockers(int p, double nx, double ny, double[] px, double[] py)
        {
            double ax = px[p], ay = py[p];
            double vx = nx - ax, vy = ny - ay, len2 = vx * vx + vy * vy;
            int count = 0;
            for (int q = 0; q < px.Length && count < 3; q++)
            {
                if (q == p || double.IsNaN(px[q])) continue;
                double u = ((px[q] - ax) * vx + (py[q] - ay) * vy) / len2;
                if (u <= 0.05 || u >= 0.95) continue;
                double cx = ax + u * vx - px[q], cy = ay + u * vy - py[q];
                if (cx * cx + cy * cy < 0.16) count++;
            }

            return count;
        }

        private static double RicianDb(Random rng, double kDb)
        {
            double k = double.IsNegativeInfinity(kDb) ? 0 : Math.Pow(10, kDb / 10);
            double los = Math.Sqrt(k / (k + 1));
            double sd = Math.Sqrt(1 / (2 * (k + 1)));
            double re = los + sd * Gaussian(rng), im = sd * Gaussian(rng);
            return 10 * Math.Log10(Math.Max(1e-6, re * re + im * im));
        }

        internal static double Gaussian(Random rng)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
