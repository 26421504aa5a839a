namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Maps a filtered RSSI to a zone: bands innermost first, each up to its <c>maxMeters</c>; index
    /// <see cref="Outside"/> means beyond the outermost band. A change of zone needs the RSSI to be past the boundary by
    /// the hysteresis margin, so a phone standing on an edge does not flap between zones.
    /// </summary>
    public sealed class ZoneClassifier
    {
        private readonly double[] _thresholdsDbm;
        private readonly double _hysteresisDb;

        public ZoneClassifier(ProximityOptions options)
        {
            var model = new LogDistanceModel(options.MeasuredPowerDbm, options.PathLossExponent);
            Names = options.ZoneNames;
            _thresholdsDbm = new double[Names.Length];
            for (int i = 0; i < Names.Length; i++)
            {
                _thresholdsDbm[i] = model.RssiAtMeters(options.ZoneMaxMeters[i]);
            }

            _hysteresisDb = options.HysteresisDb;
        }

        /// <summary>Zone names by index.</summary>
        public string[] Names { get; }

        /// <summary>The index meaning "beyond the outermost zone" (= number of zones).</summary>
        public int Outside
        {
            get { return Names.Length; }
        }

        /// <summary>RSSI (dBm) at the outer edge of zone <paramref name="index"/>.</summary>
        public double ThresholdDbm(int index)
        {
            return _thresholdsDbm[index];
        }

        /// <summary>The zone of <paramref name="rssiDbm"/> without hysteresis.</summary>
        public int Classify(double rssiDbm)
        {
            for (int i = 0; i < _thresholdsDbm.Length; i++)
            {
                if (rssiDbm >= _thresholdsDbm[i])
                {
                    return i;
                }
            }

            return Outside;
        }

        /// <summary>
        /// The zone after a new estimate, starting from <paramref name="current"/> (-1 = none yet: no hysteresis).
        /// Moving inwards needs the RSSI to clear the boundary by the margin upwards, moving outwards downwards.
        /// </summary>
        public int Next(int current, double rssiDbm)
        {
            int raw = Classify(rssiDbm);
            if (current < 0 || raw == current)
            {
                return raw;
            }

            if (raw < current)
            {
                int inward = Classify(rssiDbm - _hysteresisDb);
                return inward < current ? inward : current;
            }

            int outward = Classify(rssiDbm + _hysteresisDb);
            return outward > current ? outward : current;
        }
    }
}
