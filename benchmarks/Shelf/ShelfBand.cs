using System.Collections.Generic;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>How foreign loads (not stock) appear in a band's traces.</summary>
    public enum ForeignLoads
    {
        None = 0,

        /// <summary>A lean, a bag or a resting hand of a non-integer multiple of the unit ((k + 0.25..0.75) units).</summary>
        NonInteger = 1,

        /// <summary>Same, but within ±4 % of a whole number of units (1–4): it looks like stock on weight alone.</summary>
        NearInteger = 2,
    }

    /// <summary>
    /// One band of the corpus: the nominal lane with one axis moved. Nominal: SNR 100:1, picks/restocks 15–60 s apart,
    /// item weight variation 2 %, 1–3 items per event, no foreign loads, no unplugging. Every trace also has drift,
    /// temperature ramps, creep, knocks and vibration; one in four runs at 80 SPS.
    /// </summary>
    public sealed class ShelfBand
    {
        public string Name { get; set; }

        /// <summary>Axis the band varies (snr, spacing, variation, foreign, quantity, unplug).</summary>
        public string Axis { get; set; }

        /// <summary>Unit weight ÷ white-noise RMS (grams, per sample at 10 SPS; 80 SPS samples are 1.8× noisier).</summary>
        public double Snr { get; set; } = 100;

        /// <summary>Start-to-start spacing of stock events, s.</summary>
        public double GapMinS { get; set; } = 15;

        public double GapMaxS { get; set; } = 60;

        /// <summary>Every stock event is two hands of the same kind, the second starting 0.3–1.2 s after the first.</summary>
        public bool OverlappingHands { get; set; }

        /// <summary>Coefficient of variation of one item's weight.</summary>
        public double ItemCv { get; set; } = 0.02;

        public int MinQuantity { get; set; } = 1;

        public int MaxQuantity { get; set; } = 3;

        public ForeignLoads Foreign { get; set; }

        /// <summary>Unplug/replug episodes per trace.</summary>
        public int Unplugs { get; set; }

        /// <summary>Why the band cannot be solved by any method, or null. Printed with the table.</summary>
        public string PhysicalLimit { get; set; }

        public static List<ShelfBand> All()
        {
            var bands = new List<ShelfBand>();
            foreach (double snr in new double[] { 2, 5, 10, 20, 50, 100, 500 })
            {
                bands.Add(new ShelfBand
                {
                    Name = $"snr {snr:0}:1",
                    Axis = "snr",
                    Snr = snr,
                    PhysicalLimit = snr < 3
                        ? "unit < 3x noise RMS: a single sample cannot tell k from k+1 items, and even a 1 s mean of a settled level " +
                          "(10 samples at 10 SPS) has sigma = unit/6.3, i.e. k+1/2 is only ~3 sigma away before drift, creep, the 80 SPS noise " +
                          "or a hand's residual push eat the margin; a decision within ~1 s is error-prone for any method, waiting longer " +
                          "helps only while the lane stays still"
                        : null,
                });
            }

            bands.Add(new ShelfBand { Name = "gap overlap", Axis = "spacing", GapMinS = 15, GapMaxS = 40, OverlappingHands = true });
            bands.Add(new ShelfBand { Name = "gap 2-3 s", Axis = "spacing", GapMinS = 2, GapMaxS = 3 });
            bands.Add(new ShelfBand { Name = "gap 3-8 s", Axis = "spacing", GapMinS = 3, GapMaxS = 8 });
            bands.Add(new ShelfBand { Name = "gap 8-30 s", Axis = "spacing", GapMinS = 8, GapMaxS = 30 });
            bands.Add(new ShelfBand { Name = "gap 1-2 min", Axis = "spacing", GapMinS = 60, GapMaxS = 120 });
            foreach (double cv in new[] { 0.0, 0.02, 0.05, 0.08 })
            {
                bands.Add(new ShelfBand { Name = $"item cv {cv * 100:0} %", Axis = "variation", ItemCv = cv });
            }

            bands.Add(new ShelfBand { Name = "foreign non-int", Axis = "foreign", Foreign = ForeignLoads.NonInteger, GapMinS = 40, GapMaxS = 90 });
            bands.Add(new ShelfBand { Name = "foreign near-int", Axis = "foreign", Foreign = ForeignLoads.NearInteger, GapMinS = 40, GapMaxS = 90 });
            bands.Add(new ShelfBand { Name = "qty 1-5", Axis = "quantity", MinQuantity = 1, MaxQuantity = 5 });
            bands.Add(new ShelfBand { Name = "unplug/replug", Axis = "unplug", Unplugs = 2 });
            return bands;
        }
    }
}
