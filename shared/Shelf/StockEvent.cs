namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// One stock event as a lane decides it. The lane reuses a single instance for every event (no allocation per
    /// event), so a listener must format or copy it (<see cref="CopyFrom"/>) before returning.
    /// </summary>
    public sealed class StockEvent
    {
        public StockEvent()
        {
            Clear();
        }

        public StockEventKind Kind { get; set; }

        /// <summary>Lane id (a topic level, e.g. <c>A1</c>).</summary>
        public string Lane { get; set; }

        /// <summary>Items on the lane after the event (≥ 0).</summary>
        public int Items { get; set; }

        /// <summary>Items picked or restocked (≥ 1 for pick/restock, 0 for the other kinds, unexplained included).</summary>
        public int Quantity { get; set; }

        /// <summary>
        /// Grams: the signed weight change for pick (negative), restock (positive) and unexplained; the lane's net load for level,
        /// low, empty and fault (the last known one for fault).
        /// </summary>
        public double Grams { get; set; }

        /// <summary>How well the weight matched a whole number of items, 0–1 (1 = exactly).</summary>
        public double Confidence { get; set; }

        /// <summary>Time of the sample at which the event was decided, in the caller's milliseconds (trace time in replays).</summary>
        public long TMs { get; set; }

        /// <summary>Fault reason (<see cref="StockFault.None"/> except for fault events).</summary>
        public StockFault Fault { get; set; }

        /// <summary>The lane's state after the event (written in level payloads).</summary>
        public LaneLevel Level { get; set; }

        /// <summary>Depletion rate in items per hour (≥ 0; 0 = no picks seen yet). Written in level payloads.</summary>
        public double RatePerHour { get; set; }

        /// <summary>Predicted seconds until the lane is empty at <see cref="RatePerHour"/>, or -1 when unknown. Level payloads.</summary>
        public long EmptyInS { get; set; }

        /// <summary>Measured noise RMS of the lane's readings, g (0 = not yet known). Level payloads.</summary>
        public double NoiseGrams { get; set; }

        /// <summary>Smallest item weight the lane counts reliably at that noise, g (0 = not yet known). Level payloads.</summary>
        public double MinItemGrams { get; set; }

        /// <summary>Resets every field (lane null, items 0, confidence 1, empty-in unknown).</summary>
        public void Clear()
        {
            Kind = StockEventKind.Level;
            Lane = null;
            Items = 0;
            Quantity = 0;
            Grams = 0;
            Confidence = 1.0;
            TMs = 0;
            Fault = StockFault.None;
            Level = LaneLevel.Unknown;
            RatePerHour = 0;
            EmptyInS = -1;
            NoiseGrams = 0;
            MinItemGrams = 0;
        }

        /// <summary>Copies every field of <paramref name="other"/> into this instance.</summary>
        public void CopyFrom(StockEvent other)
        {
            Kind = other.Kind;
            Lane = other.Lane;
            Items = other.Items;
            Quantity = other.Quantity;
            Grams = other.Grams;
            Confidence = other.Confidence;
            TMs = other.TMs;
            Fault = other.Fault;
            Level = other.Level;
            RatePerHour = other.RatePerHour;
            EmptyInS = other.EmptyInS;
            NoiseGrams = other.NoiseGrams;
            MinItemGrams = other.MinItemGrams;
        }
    }
}
