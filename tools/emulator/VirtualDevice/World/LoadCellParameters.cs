using System;

namespace Beacons.VirtualDevice.World
{
    /// <summary>
    /// The physical constants of one simulated shelf lane: the cell and its HX711 analog path, the tray, the
    /// mechanics, and the imperfections (noise, spikes, creep, temperature drift). Defaults: a 5 kg, 1 mV/V cell,
    /// ratiometric excitation, read at gain 128 and 10 SPS (≈ 429.5 counts/g), a 300 g tray, quiet electronics.
    /// </summary>
    public sealed class LoadCellParameters
    {
        /// <summary>Rated capacity of the cell, g.</summary>
        public double CapacityGrams { get; set; } = 5000;

        /// <summary>Rated output at capacity, mV per V of excitation (typ. 1–2).</summary>
        public double SensitivityMvPerV { get; set; } = 1.0;

        /// <summary>
        /// Bridge imbalance at no load as a fraction of rated output (±0.1 typical): the zero offset of the raw count.
        /// </summary>
        public double ZeroBalanceFraction { get; set; } = 0.02;

        /// <summary>Mass of the tray and fixtures resting on the cell, g.</summary>
        public double TrayGrams { get; set; } = 300;

        /// <summary>Output data rate (HX711 RATE pin): 10 or 80 SPS. Sets the conversion averaging window and the noise.</summary>
        public int Sps { get; set; } = 10;

        /// <summary>White noise at the ADC output, counts RMS at gain 128 and 10 SPS (the datasheet's 50 nV ≈ 20 counts; real shelves see 20–300).</summary>
        public double NoiseCountsRms { get; set; } = 40;

        /// <summary>Probability per conversion of a single-sample spike (a bit error, EMI hit).</summary>
        public double SpikeProbability { get; set; } = 0;

        /// <summary>Settling time (to 2 %) of the loaded shelf after a step, ms (0.3–1 s for a real lane).</summary>
        public double SettleMs { get; set; } = 600;

        /// <summary>Damping ratio of the shelf (0.3 rings, 1 is critical).</summary>
        public double DampingRatio { get; set; } = 0.6;

        /// <summary>Creep at constant load after long enough, as a fraction of the load (0.0002–0.001 for C3-class cells).</summary>
        public double CreepFraction { get; set; } = 0.0005;

        /// <summary>Time constant of creep and creep recovery, ms (several minutes).</summary>
        public double CreepTauMs { get; set; } = 600000;

        /// <summary>Temperature at which the cell was calibrated, °C.</summary>
        public double ReferenceCelsius { get; set; } = 21;

        /// <summary>Half the day's temperature swing, °C (a store: 1–4).</summary>
        public double DailySwingCelsius { get; set; } = 2;

        /// <summary>Time of day of the warmest point, hours after trace start.</summary>
        public double WarmestAtHours { get; set; } = 14;

        /// <summary>Random-walk step of the temperature, °C per √hour (air conditioning cycles, doors).</summary>
        public double TemperatureWalkCelsius { get; set; } = 0.3;

        /// <summary>Zero drift with temperature, ppm of rated output per °C (cell + HX711 offset; 10–50 typical).</summary>
        public double ZeroTcPpmPerC { get; set; } = 20;

        /// <summary>Span drift with temperature, ppm of reading per °C (5–50 typical).</summary>
        public double SpanTcPpmPerC { get; set; } = 15;

        /// <summary>Spread of the weight of individual items around the unit weight, as a coefficient of variation (0.01 = 1 %).</summary>
        public double ItemWeightCv { get; set; } = 0.01;

        /// <summary>Raw counts per gram at gain 128 (ratiometric: sensitivity · 2²⁴ · 128 / capacity).</summary>
        public double CountsPerGramAtGain128 => SensitivityMvPerV * 1e-3 * 16777216.0 * 128 / CapacityGrams;

        /// <summary>Raw count of the empty cell (no tray) at gain 128.</summary>
        public double ZeroBalanceCounts => ZeroBalanceFraction * SensitivityMvPerV * 1e-3 * 16777216.0 * 128;

        /// <summary>Checks the ranges; throws <see cref="ArgumentOutOfRangeException"/>.</summary>
        public void Validate()
        {
            if (Sps != 10 && Sps != 80) throw new ArgumentOutOfRangeException(nameof(Sps), Sps, "10 or 80");
            if (!(CapacityGrams > 0)) throw new ArgumentOutOfRangeException(nameof(CapacityGrams));
            if (!(SettleMs >= 50 && SettleMs <= 5000)) throw new ArgumentOutOfRangeException(nameof(SettleMs));
            if (!(DampingRatio > 0.05 && DampingRatio <= 2)) throw new ArgumentOutOfRangeException(nameof(DampingRatio));
            if (!(CreepTauMs > 0)) throw new ArgumentOutOfRangeException(nameof(CreepTauMs));
            if (NoiseCountsRms < 0 || SpikeProbability < 0 || SpikeProbability > 1) throw new ArgumentOutOfRangeException(nameof(NoiseCountsRms));
        }
    }
}
