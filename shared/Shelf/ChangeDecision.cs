namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// What a newly settled level means against the decided one: a whole number of items (explained), nothing (back
    /// within the drift gate), or a load that is no whole number of items (unexplained: a hand or an elbow resting on
    /// the lane, a foreign object). Holds the unexplained episode's clock; counters only, nothing allocated.
    /// </summary>
    /// <remarks>
    /// The confidence floor turns the residual into a yes/no: a change is explained only when
    /// confidence = 1 − residual/(unit/2) ≥ <see cref="ConfidenceFloor"/>, i.e. the residual is at most a fifth of an
    /// item (and within the lane's tolerance). Packaged goods vary by ±5–10 % of their weight, so one item typically
    /// lands at confidence ≥ 0.8 and two items with correlated ±10 % error at 0.6; a resting hand of +136 g on a 52 g
    /// lane (confidence 0.23) or +30 g (0.15) does not. No pick or restock is ever published below the floor.
    /// </remarks>
    public sealed class ChangeDecision
    {
        /// <summary>Lowest confidence at which a change is counted as a pick or restock (residual ≤ 0.2 unit).</summary>
        public const double ConfidenceFloor = 0.6;

        /// <summary>
        /// An unexplained settled change that lasts this long (from the first settled unexplained reading) is reported
        /// as <see cref="StockEventKind.Unexplained"/>, ms. Hands and elbows rest 4–12 s; 20 s leaves a margin so a
        /// lean that ends is never reported, and is short enough that staff hear about a stuck load within a minute.
        /// </summary>
        public const int UnexplainedHoldMs = 20000;

        private const long NoTime = long.MinValue;

        private long _holdSinceMs = NoTime;

        /// <summary>Signed item change of the last evaluation (0 when nearer to no change).</summary>
        public int Quantity { get; private set; }

        /// <summary>|Δ − quantity·unit| of the last evaluation, g.</summary>
        public double ResidualGrams { get; private set; }

        /// <summary>1 − residual/(unit/2) of the last evaluation, 0–1.</summary>
        public double Confidence { get; private set; }

        /// <summary>Whether the residual of the last evaluation was within the lane's tolerance.</summary>
        public bool Clean { get; private set; }

        /// <summary>Whether the last evaluation is a whole, non-zero number of items at or above the confidence floor.</summary>
        public bool Explained
        {
            get { return Quantity != 0 && Clean && Confidence >= ConfidenceFloor; }
        }

        /// <summary>Whether an unexplained change is being held (its clock is running).</summary>
        public bool Holding
        {
            get { return _holdSinceMs != NoTime; }
        }

        /// <summary>Quantizes <paramref name="deltaGrams"/> (new level minus decided level) against one item.</summary>
        public void Evaluate(double deltaGrams, double unitGrams, double toleranceGrams)
        {
            int quantity;
            double residual;
            double confidence;
            Clean = ItemQuantizer.Quantize(deltaGrams, unitGrams, toleranceGrams, out quantity, out residual, out confidence);
            Quantity = quantity;
            ResidualGrams = residual;
            Confidence = confidence;
        }

        /// <summary>
        /// Holds an unexplained change seen at <paramref name="nowMs"/> (the clock starts at the first one).
        /// Returns true once it has lasted <see cref="UnexplainedHoldMs"/>: time to report it.
        /// </summary>
        public bool Hold(long nowMs)
        {
            if (_holdSinceMs == NoTime)
            {
                _holdSinceMs = nowMs;
            }

            return nowMs - _holdSinceMs >= UnexplainedHoldMs;
        }

        /// <summary>Ends the held episode (the weight came back, was explained, or was reported).</summary>
        public void EndHold()
        {
            _holdSinceMs = NoTime;
        }
    }
}
