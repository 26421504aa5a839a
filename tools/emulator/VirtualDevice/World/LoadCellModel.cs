using System;
using System.Collections.Generic;

namespace Beacons.VirtualDevice.World
{
    /// <summary>
    /// A shelf lane on a strain-gauge load cell, up to the HX711's ADC code, simulated in 1 ms steps:
    /// <list type="bullet">
    /// <item>the applied load: tray + the items (each with its own weight around the unit weight) + hands (a pick presses
    /// briefly then lifts over ~0.2 s; a restock sets down with a small overshoot; a lean presses for a while);</item>
    /// <item>the shelf's mechanics: a damped 2nd-order response to the applied load (settling time and damping ratio from
    /// <see cref="LoadCellParameters"/>); a bump is a velocity impulse, so it rings and dies away;</item>
    /// <item>creep: the output drifts exponentially toward (1 + creep fraction) × load over minutes, and recovers the same way;</item>
    /// <item>temperature: a daily sine plus a bounded random walk, moving the zero (ppm of rated output per °C) and the
    /// span (ppm of reading per °C);</item>
    /// <item>the HX711: each result is the mean of the signal over its conversion period (100 ms at 10 SPS, 12.5 ms at
    /// 80 SPS), scaled by the gain, plus white noise (more at 80 SPS: the datasheet's 90 nV against 50 nV), rare
    /// spikes, rounded and clamped to the 24-bit rails like the real converter.</item>
    /// </list>
    /// Deterministic for a seed. Time only moves forward: asking for an earlier time returns the state at the latest one.
    /// </summary>
    public sealed class LoadCellModel : IHx711AnalogInput
    {
        private const int MinCounts = -8388608;
        private const int MaxCounts = 8388607;
        private const int RingMs = 128;

        private readonly LoadCellParameters _p;
        private readonly LoadCellScenario _scenario;
        private readonly Random _random;
        private readonly List<double> _items = new List<double>();
        private readonly List<Transient> _transients = new List<Transient>();
        private readonly double[] _ring = new double[RingMs];
        private readonly double _omega;
        private readonly double _cpg128;
        private readonly double _zeroCounts128;
        private int _nextAction;
        private long _simMs = -1;
        private long _latestQueryMs;
        private double _x;
        private double _v;
        private double _creep;
        private double _walk;
        private double _temperature;
        private double _committedGrams;

        /// <param name="parameters">Physics of the lane (validated).</param>
        /// <param name="scenario">What happens on the lane.</param>
        /// <param name="seed">Seed of every random draw (item weights, noise, spikes, temperature walk).</param>
        public LoadCellModel(LoadCellParameters parameters, LoadCellScenario scenario, int seed)
        {
            _p = parameters ?? throw new ArgumentNullException(nameof(parameters));
            _p.Validate();
            _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
            _random = new Random(seed);
            _omega = 4.0 / (_p.DampingRatio * _p.SettleMs / 1000.0);
            _cpg128 = _p.CountsPerGramAtGain128;
            _zeroCounts128 = _p.ZeroBalanceCounts;
            for (int i = 0; i < scenario.InitialItems; i++)
            {
                _items.Add(NewItem());
            }

            _committedGrams = _p.TrayGrams + Sum(_items);
            _x = _committedGrams;
            _temperature = TemperatureAt(0);
            for (int i = 0; i < RingMs; i++)
            {
                _ring[i] = Signal();
            }
        }

        public LoadCellParameters Parameters => _p;

        /// <summary>Optional clock (ms) for <see cref="Connected"/>; without it, the latest time asked for is used.</summary>
        public Func<long> ClockMs { get; set; }

        /// <summary>Whether the module is plugged in now (see <see cref="ClockMs"/>).</summary>
        public bool Connected => _scenario.ConnectedAt(ClockMs != null ? ClockMs() : _latestQueryMs);

        /// <summary>Items on the lane at the simulated time.</summary>
        public int Items => _items.Count;

        /// <summary>Mass of the items on the lane at the simulated time, g.</summary>
        public double ItemGrams => _committedGrams - _p.TrayGrams;

        /// <summary>Temperature at the simulated time, °C.</summary>
        public double TemperatureCelsius => _temperature;

        /// <summary>Ideal counts per gram at <paramref name="channelGain"/> (the truth a calibration estimates).</summary>
        public double CountsPerGram(int channelGain) => _cpg128 * channelGain / 128.0;

        /// <summary>Ideal raw count of the empty lane (tray on, reference temperature, no creep) at <paramref name="channelGain"/>.</summary>
        public double ZeroCounts(int channelGain) => (_zeroCounts128 + (_cpg128 * _p.TrayGrams)) * channelGain / 128.0;

        /// <summary>Whether the module is plugged in at <paramref name="tMs"/>.</summary>
        public bool ConnectedAt(long tMs) => _scenario.ConnectedAt(tMs);

        /// <inheritdoc />
        public int CountsAt(long tMs, int channelGain)
        {
            if (channelGain != 128 && channelGain != 64 && channelGain != 32)
            {
                throw new ArgumentOutOfRangeException(nameof(channelGain), channelGain, "128, 64 or 32");
            }

            AdvanceTo(tMs);
            int periodMs = 1000 / _p.Sps;
            double sum = 0;
            for (int i = 0; i < periodMs; i++)
            {
                sum += _ring[(int)((_simMs - i) & (RingMs - 1))];
            }

            double grams = sum / periodMs;
            double scale = channelGain / 128.0;
            double noiseRms = _p.NoiseCountsRms * (_p.Sps == 80 ? 1.8 : 1.0) * scale;
            double counts = ((_zeroCounts128 + (_cpg128 * grams)) * scale) + (noiseRms * Gaussian());
            if (_p.SpikeProbability > 0 && _random.NextDouble() < _p.SpikeProbability)
            {
                double size = (0.05 + (0.95 * _random.NextDouble())) * 4194304.0;
                counts += _random.NextDouble() < 0.5 ? -size : size;
            }

            double rounded = Math.Round(counts);
            return rounded >= MaxCounts ? MaxCounts : (rounded <= MinCounts ? MinCounts : (int)rounded);
        }

        /// <summary>Runs the physics up to <paramref name="tMs"/> (no-op for earlier times).</summary>
        public void AdvanceTo(long tMs)
        {
            if (tMs > _latestQueryMs)
            {
                _latestQueryMs = tMs;
            }

            const double dt = 0.001;
            double omega2 = _omega * _omega;
            double damping = 2 * _p.DampingRatio * _omega;
            double creepStep = 1.0 / _p.CreepTauMs;
            while (_simMs < tMs)
            {
                _simMs++;
                while (_nextAction < _scenario.Actions.Count && _scenario.Actions[_nextAction].TMs <= _simMs)
                {
                    Start(_scenario.Actions[_nextAction++]);
                }

                if (_simMs % 100 == 0)
                {
                    UpdateTemperature();
                }

                double force = _committedGrams + Transients();
                _v += ((omega2 * (force - _x)) - (damping * _v)) * dt;
                _x += _v * dt;
                _creep += ((_p.CreepFraction * _x) - _creep) * creepStep;
                _ring[(int)(_simMs & (RingMs - 1))] = Signal();
            }
        }

        /// <summary>Load-equivalent grams the bridge reports now (drifts included, no noise), tray included.</summary>
        private double Signal()
        {
            double dT = _temperature - _p.ReferenceCelsius;
            double span = 1 + (_p.SpanTcPpmPerC * 1e-6 * dT);
            double zero = _p.ZeroTcPpmPerC * 1e-6 * _p.CapacityGrams * dT;
            return ((_x + _creep) * span) + zero;
        }

        private void Start(LoadCellAction a)
        {
            switch (a.Kind)
            {
                case LoadCellActionKind.Pick:
                {
                    double grams = 0;
                    for (int i = 0; i < a.Count && _items.Count > 0; i++)
                    {
                        grams += _items[_items.Count - 1];
                        _items.RemoveAt(_items.Count - 1);
                    }

                    _committedGrams -= grams;
                    _transients.Add(new Transient(_simMs, LoadCellActionKind.Pick, grams, Math.Max(20, a.DurationMs)));
                    break;
                }

                case LoadCellActionKind.Restock:
                {
                    double grams = 0;
                    for (int i = 0; i < a.Count; i++)
                    {
                        double item = NewItem();
                        _items.Add(item);
                        grams += item;
                    }

                    _committedGrams += grams;
                    _transients.Add(new Transient(_simMs, LoadCellActionKind.Restock, grams, Math.Max(20, a.DurationMs)));
                    break;
                }

                case LoadCellActionKind.Bump:
                    _v += a.Grams * _omega;
                    break;

                case LoadCellActionKind.Press:
                    _transients.Add(new Transient(_simMs, LoadCellActionKind.Press, a.Grams, Math.Max(200, a.DurationMs)));
                    break;
            }
        }

        /// <summary>Sum of the hands' contributions now; finished transients are dropped.</summary>
        private double Transients()
        {
            double total = 0;
            for (int i = _transients.Count - 1; i >= 0; i--)
            {
                Transient t = _transients[i];
                double tau = _simMs - t.StartMs;
                if (tau >= t.DurationMs)
                {
                    _transients.RemoveAt(i);
                    continue;
                }

                double u = tau / t.DurationMs;
                switch (t.Kind)
                {
                    case LoadCellActionKind.Pick:
                        // The hand presses on the item (+10 %) for the first 30 %, then lifts it off linearly.
                        total += u < 0.3 ? t.Grams * (1 + (0.1 * u / 0.3)) : t.Grams * 1.1 * (1 - ((u - 0.3) / 0.7));
                        break;
                    case LoadCellActionKind.Restock:
                        // Set down to +10 % over 70 % of the move, then the hand lets go; the committed mass already holds the items.
                        total += u < 0.7 ? -t.Grams + (t.Grams * 1.1 * u / 0.7) : t.Grams * 0.1 * (1 - ((u - 0.7) / 0.3));
                        break;
                    case LoadCellActionKind.Press:
                        double edge = Math.Min(100.0, t.DurationMs / 4.0);
                        double shape = tau < edge ? tau / edge : (tau > t.DurationMs - edge ? (t.DurationMs - tau) / edge : 1);
                        total += t.Grams * shape;
                        break;
                }
            }

            return total;
        }

        private void UpdateTemperature()
        {
            const double stepHours = 0.1 / 3600.0;
            _walk += (-_walk * stepHours / 2.0) + (_p.TemperatureWalkCelsius * Math.Sqrt(stepHours) * Gaussian());
            _temperature = TemperatureAt(_simMs) + _walk;
        }

        private double TemperatureAt(long tMs)
        {
            double hours = tMs / 3600000.0;
            return _p.ReferenceCelsius + (_p.DailySwingCelsius * Math.Cos(2 * Math.PI * (hours - _p.WarmestAtHours) / 24.0));
        }

        private double NewItem() => _scenario.UnitGrams * (1 + (_p.ItemWeightCv * Gaussian()));

        private double Gaussian()
        {
            double u1 = 1.0 - _random.NextDouble();
            double u2 = _random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        private static double Sum(List<double> values)
        {
            double s = 0;
            foreach (double v in values) s += v;
            return s;
        }

        private readonly struct Transient
        {
            public Transient(long startMs, LoadCellActionKind kind, double grams, long durationMs)
            {
                StartMs = startMs;
                Kind = kind;
                Grams = grams;
                DurationMs = durationMs;
            }

            public long StartMs { get; }
            public LoadCellActionKind Kind { get; }
            public double Grams { get; }
            public long DurationMs { get; }
        }
    }
}
