using System;
using System.Collections.Generic;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// Physics of one lane for the accuracy corpus: a load cell under a tray on an HX711 (24-bit, gain 128), sampled
    /// the way the driver delivers it. Static loads (items, foreign loads) are linear ramps; the shelf answers through a
    /// damped second-order response integrated on substeps, and each conversion averages the signal over its period
    /// (the HX711 integrates). On top: creep (first order, a fraction of every load change), temperature (zero and span
    /// coefficients against a piecewise-linear temperature with ramps plus a daily swing), 1/f-ish drift (three
    /// Ornstein-Uhlenbeck terms, 2 s / 20 s / 200 s), white noise, rare conversion glitches, knocks and vibration bursts.
    /// Unplugging is reported as the driver reports it: ready timeouts, then no-sensor, then the power-on timeouts.
    /// </summary>
    public sealed class CellSimulator
    {
        public const int MinCounts = -8388608;
        public const int MaxCounts = 8388607;

        private readonly List<Ramp> _ramps = new List<Ramp>();
        private readonly List<Pulse> _pulses = new List<Pulse>();
        private readonly List<double[]> _tempKnots = new List<double[]>();

        public int Sps { get; set; }
        public double CountsPerGram { get; set; }
        public double ZeroCounts { get; set; }
        public double CapacityGrams { get; set; }

        /// <summary>Static load at t = 0 (tray + items), g.</summary>
        public double InitialGrams { get; set; }
        public double WhiteCounts { get; set; }
        public double DriftCountsPerTerm { get; set; }
        public double SpikeProbability { get; set; }
        public double Omega { get; set; }
        public double Zeta { get; set; }
        public double CreepFraction { get; set; }
        public double CreepTauS { get; set; }
        public double ZeroTcCountsPerC { get; set; }
        public double SpanTcPerC { get; set; }
        public double DailySwingC { get; set; }
        public double WarmestAtH { get; set; }

        /// <summary>Temperature at run start minus the temperature at calibration, °C.</summary>
        public double TempOffsetC { get; set; }

        /// <summary>Unplug episodes: { unplugged at, plugged back at, power-on timeouts ms }.</summary>
        public List<long[]> Unplugs { get; } = new List<long[]>();

        /// <summary>A static load change of <paramref name="grams"/> spread linearly over <paramref name="durMs"/>.</summary>
        public void AddRamp(double tMs, double durMs, double grams)
        {
            _ramps.Add(new Ramp { T0 = tMs / 1000, Dur = Math.Max(durMs, 1) / 1000, Delta = grams });
        }

        /// <summary>A knock: a triangular force of <paramref name="grams"/> peak over <paramref name="durMs"/> (the shelf rings after it).</summary>
        public void AddKnock(double tMs, double durMs, double grams)
        {
            _pulses.Add(new Pulse { T0 = tMs / 1000, Dur = durMs / 1000, Amp = grams, FreqHz = 0 });
        }

        /// <summary>A vibration burst: a Hann-windowed sine of <paramref name="grams"/> amplitude.</summary>
        public void AddVibration(double tMs, double durMs, double grams, double freqHz)
        {
            _pulses.Add(new Pulse { T0 = tMs / 1000, Dur = durMs / 1000, Amp = grams, FreqHz = freqHz });
        }

        /// <summary>Temperature knot (time, °C relative to run start) of the piecewise-linear slow temperature.</summary>
        public void AddTemperatureKnot(double tMs, double celsius)
        {
            _tempKnots.Add(new[] { tMs / 1000, celsius });
        }

        /// <summary>Temperature relative to calibration, °C.</summary>
        public double TemperatureAt(double tS)
        {
            double slow = 0;
            if (_tempKnots.Count > 0)
            {
                slow = _tempKnots[_tempKnots.Count - 1][1];
                if (tS <= _tempKnots[0][0]) slow = _tempKnots[0][1];
                for (int i = 1; i < _tempKnots.Count; i++)
                {
                    if (tS < _tempKnots[i][0])
                    {
                        double[] a = _tempKnots[i - 1], b = _tempKnots[i];
                        slow = a[1] + ((b[1] - a[1]) * (tS - a[0]) / (b[0] - a[0]));
                        break;
                    }
                }
            }

            double daily = DailySwingC * Math.Cos(2 * Math.PI * ((tS / 3600) - WarmestAtH) / 24);
            return TempOffsetC + slow + daily;
        }

        /// <summary>Samples [0, durationMs) into the trace, as the driver would deliver them.</summary>
        public void Render(ShelfTrace trace, long durationMs, Random rng)
        {
            _ramps.Sort((a, b) => a.T0.CompareTo(b.T0));
            _pulses.Sort((a, b) => a.T0.CompareTo(b.T0));
            _tempKnots.Sort((a, b) => a[0].CompareTo(b[0]));
            int n = (int)(durationMs * Sps / 1000);
            int sub = Sps >= 80 ? 4 : 20;
            double period = 1.0 / Sps;
            double dt = period / sub;
            trace.TimesMs = new long[n];
            trace.Raw = new int[n];
            trace.Status = new SampleStatus[n];
            trace.Count = n;

            var activeRamps = new List<Ramp>();
            var activePulses = new List<Pulse>();
            int rampIdx = 0, pulseIdx = 0;
            double baseStatic = InitialGrams;
            double y = InitialGrams, v = 0;
            double creep = CreepFraction * InitialGrams;
            double[] tau = { 2, 20, 200 };
            double[] ou = new double[3];
            double[] decay = new double[3];
            double[] kick = new double[3];
            for (int k = 0; k < 3; k++)
            {
                ou[k] = DriftCountsPerTerm * Gauss(rng);
                decay[k] = Math.Exp(-period / tau[k]);
                kick[k] = DriftCountsPerTerm * Math.Sqrt(1 - (decay[k] * decay[k]));
            }

            double w2 = Omega * Omega, damp = 2 * Zeta * Omega;
            double t = -period;
            int unplugIdx = 0;
            for (int i = 0; i < n; i++)
            {
                // Conversion i is read at i periods and integrates the period before it.
                double sum = 0;
                double uStatic = baseStatic;
                for (int s = 0; s < sub; s++)
                {
                    t += dt;
                    while (rampIdx < _ramps.Count && _ramps[rampIdx].T0 <= t) activeRamps.Add(_ramps[rampIdx++]);
                    uStatic = baseStatic;
                    for (int r = activeRamps.Count - 1; r >= 0; r--)
                    {
                        Ramp ramp = activeRamps[r];
                        double f = (t - ramp.T0) / ramp.Dur;
                        if (f >= 1)
                        {
                            baseStatic += ramp.Delta;
                            uStatic += ramp.Delta;
                            activeRamps.RemoveAt(r);
                        }
                        else
                        {
                            uStatic += ramp.Delta * f;
                        }
                    }

                    while (pulseIdx < _pulses.Count && _pulses[pulseIdx].T0 <= t) activePulses.Add(_pulses[pulseIdx++]);
                    double uDyn = 0;
                    for (int p = activePulses.Count - 1; p >= 0; p--)
                    {
                        Pulse pulse = activePulses[p];
                        double f = (t - pulse.T0) / pulse.Dur;
                        if (f >= 1)
                        {
                            activePulses.RemoveAt(p);
                            continue;
                        }

                        if (pulse.FreqHz <= 0)
                        {
                            uDyn += pulse.Amp * (1 - Math.Abs((2 * f) - 1));
                        }
                        else
                        {
                            double env = Math.Sin(Math.PI * f);
                            uDyn += pulse.Amp * env * env * Math.Sin(2 * Math.PI * pulse.FreqHz * (t - pulse.T0));
                        }
                    }

                    double u = uStatic + uDyn;
                    v += dt * ((w2 * (u - y)) - (damp * v));
                    y += dt * v;
                    creep += dt / CreepTauS * ((CreepFraction * uStatic) - creep);
                    sum += y;
                }

                long tMs = (long)Math.Round(i * 1000.0 / Sps);
                trace.TimesMs[i] = tMs;
                for (int k = 0; k < 3; k++) ou[k] = (ou[k] * decay[k]) + (kick[k] * Gauss(rng));
                double white = WhiteCounts * Gauss(rng);

                while (unplugIdx < Unplugs.Count && tMs >= Unplugs[unplugIdx][1] + Unplugs[unplugIdx][2]) unplugIdx++;
                if (unplugIdx < Unplugs.Count && tMs >= Unplugs[unplugIdx][0])
                {
                    long[] u = Unplugs[unplugIdx];
                    trace.Raw[i] = 0;
                    if (tMs < u[1])
                    {
                        // DOUT floats high: the driver sees conversions time out, and after 1 s declares the chip gone.
                        trace.Status[i] = tMs - u[0] < 1000 ? SampleStatus.ReadyTimeout : SampleStatus.NoSensor;
                    }
                    else
                    {
                        // Plugged back: the chip powers up and the first conversion comes after its settling time.
                        trace.Status[i] = SampleStatus.ReadyTimeout;
                    }

                    continue;
                }

                double temp = TemperatureAt(tMs / 1000.0);
                double grams = (sum / sub) + creep;
                double counts = ZeroCounts + (ZeroTcCountsPerC * temp) + (CountsPerGram * (1 + (SpanTcPerC * temp)) * grams)
                                + ou[0] + ou[1] + ou[2] + white;
                if (SpikeProbability > 0 && rng.NextDouble() < SpikeProbability)
                {
                    counts = rng.NextDouble() < 0.5
                        ? MinCounts + (rng.NextDouble() * (MaxCounts - (double)MinCounts))
                        : counts + ((rng.Next(2) * 2) - 1) * (1 << (12 + rng.Next(9)));
                }

                trace.Raw[i] = (int)Math.Max(MinCounts, Math.Min(MaxCounts, Math.Round(counts)));
                trace.Status[i] = SampleStatus.Ok;
            }
        }

        /// <summary>Raw counts a technician's average of <paramref name="samples"/> conversions would give with <paramref name="grams"/> net on the empty lane, at calibration temperature.</summary>
        public double CalibrationMean(double grams, int samples, Random rng)
        {
            double drift = DriftCountsPerTerm * Math.Sqrt(3) * Gauss(rng);
            return ZeroCounts + (CountsPerGram * grams * (1 + CreepFraction)) + drift + (WhiteCounts / Math.Sqrt(samples) * Gauss(rng));
        }

        public static double Gauss(Random rng)
        {
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        private struct Ramp
        {
            public double T0;
            public double Dur;
            public double Delta;
        }

        private struct Pulse
        {
            public double T0;
            public double Dur;
            public double Amp;
            public double FreqHz;
        }
    }
}
