using System;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// What a node hears of the store's other nodes' iBeacon frames (the input of on-device calibration, issue 14).
    /// Nodes are the same ESP32 hardware: each transmits <see cref="NodeTxDb"/> above a 0 dB phone, ±1 dB per unit.
    /// Antenna and mounting are reciprocal, so a link carries both ends' deviation from the store's 1 m power, the
    /// mean of both ends' exponents, a static per-link shadowing (shelves and metal between them, the store's σ,
    /// symmetric and fixed for the day), a slow AR(1) part (σ/2), people on the line of sight (3–5 dB each, at most
    /// 3) and Rayleigh fading per frame (nodes stand ≥ 5 m apart behind shelves: no dominant path). Nodes never scan
    /// in step: each pair gets a fixed fraction of the listener's window during which the other is advertising (from
    /// random phases of a 50 % advertising duty cycle); in it the neighbour sends an iBeacon frame every
    /// <see cref="FrameIntervalS"/> s, each received with the store's reception probability and only at ≥ −95 dBm,
    /// and the watcher reports the first one. Its own RNG: the phones' samples are the same with or without it.
    /// </summary>
    public sealed class NeighbourChannel
    {
        public const double NodeTxDb = 3.0;
        public const double FrameIntervalS = 0.3;
        private readonly Store _store;
        private readonly Random _rng;
        private readonly double[] _tx;
        private readonly double[,] _static;
        private readonly double[,] _slow;
        private readonly double[,] _overlap;

        public NeighbourChannel(Store store, int seed)
        {
            _store = store;
            _rng = new Random(seed);
            int n = store.Nodes.Length;
            _tx = new double[n];
            _static = new double[n, n];
            _slow = new double[n, n];
            _overlap = new double[n, n];
            var phase = new double[n];
            for (int i = 0; i < n; i++)
            {
                _tx[i] = NodeTxDb + (_rng.NextDouble() * 2 - 1);
                phase[i] = _rng.NextDouble();
            }

            for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
            {
                _static[a, b] = _static[b, a] = RadioChannel.Gaussian(_rng) * store.ShadowSigmaDb;
            }

            for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (a == b) continue;
                _slow[a, b] = RadioChannel.Gaussian(_rng) * store.ShadowSigmaDb / 2;
                _overlap[a, b] = Overlap(phase[a], phase[b]);
            }
        }

        /// <summary>Node <paramref name="b"/>'s transmit power above a 0 dB phone (the truth the harness prints).</summary>
        public double TxDb(int b) => _tx[b];

        /// <summary>The sample node <paramref name="a"/> hears of node <paramref name="b"/> in one window, or false.</summary>
        public bool Sample(int a, int b, double windowS, double periodS, double[] px, double[] py, out int rssiDbm, out double offsetS)
        {
            NodeTruth na = _store.Nodes[a], nb = _store.Nodes[b];
            double rho = Math.Exp(-periodS / _store.ShadowTauS);
            _slow[a, b] = rho * _slow[a, b] + Math.Sqrt(1 - rho * rho) * _store.ShadowSigmaDb / 2 * RadioChannel.Gaussian(_rng);
            double d = Math.Max(0.5, StoreGenerator.Hypot(na.X - nb.X, na.Y - nb.Y));
            double n = (na.PathLossExponent + nb.PathLossExponent) / 2;
            double mean = na.MeasuredPowerDbm + (nb.MeasuredPowerDbm - _store.StoreMeasuredPowerDbm) + _tx[b] - 10 * n * Math.Log10(d)
                + _static[a, b] + _slow[a, b] - People(na.X, na.Y, nb.X, nb.Y, px, py);
            double listenS = _overlap[a, b] * windowS;
            double at = _rng.NextDouble() * FrameIntervalS;
            while (at < listenS)
            {
                if (_rng.NextDouble() < _store.AdvReceiveProbability)
                {
                    // Rayleigh: the power of a unit complex Gaussian.
                    double re = RadioChannel.Gaussian(_rng) * Math.Sqrt(0.5), im = RadioChannel.Gaussian(_rng) * Math.Sqrt(0.5);
                    double rssi = mean + 10 * Math.Log10(Math.Max(1e-6, re * re + im * im));
                    if (rssi >= RadioChannel.SensitivityDbm)
                    {
                        rssiDbm = (int)Math.Round(Math.Min(rssi, 0));
                        offsetS = at;
                        return true;
                    }
                }

                at += FrameIntervalS + _rng.NextDouble() * 0.01;
            }

            rssiDbm = 0;
            offsetS = 0;
            return false;
        }

        private double People(double ax, double ay, double bx, double by, double[] px, double[] py)
        {
            double vx = bx - ax, vy = by - ay, len2 = vx * vx + vy * vy;
            double loss = 0;
            int count = 0;
            for (int q = 0; q < px.Length && count < 3; q++)
            {
                if (double.IsNaN(px[q])) continue;
                double u = ((px[q] - ax) * vx + (py[q] - ay) * vy) / len2;
                if (u <= 0.05 || u >= 0.95) continue;
                double cx = ax + u * vx - px[q], cy = ay + u * vy - py[q];
                if (cx * cx + cy * cy < 0.16)
                {
                    count++;
                    loss += 3 + 2 * _rng.NextDouble();
                }
            }

            return loss;
        }

        /// <summary>
        /// Fraction of a's scan window (the first half of its period, from phase pa) in which b advertises (the second
        /// half of its period, from phase pb); phases as fractions of the period.
        /// </summary>
        private static double Overlap(double pa, double pb)
        {
            // b advertises on [pb + 0.5, pb + 1) mod 1; a scans on [pa, pa + 0.5) mod 1. Sampled finely: exact enough.
            int hits = 0;
            const int Steps = 200;
            for (int i = 0; i < Steps; i++)
            {
                double t = pa + 0.5 * (i + 0.5) / Steps;
                double rel = ((t - pb) % 1 + 1) % 1;
                if (rel >= 0.5) hits++;
            }

            return (double)hits / Steps;
        }
    }
}
