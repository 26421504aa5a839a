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
        private readonly double[] _edgesM;
        private readonly double _hysteresisDb;

        public ZoneClassifier(ProximityOptions options)
        {
            Names = options.ZoneNames;
            _edgesM = options.ZoneMaxMeters;
            _thresholdsDbm = new double[Names.Length];
            _hysteresisDb = options.HysteresisDb;
            SetChannel(options.MeasuredPowerDbm, options.PathLossExponent);
        }

        /// <summary>1 m power of the channel the thresholds are computed for, dBm.</summary>
        public double MeasuredPowerDbm { get; private set; }

        /// <summary>Exponent of the channel the thresholds are computed for.</summary>
        public double PathLossExponent { get; private set; }

        /// <summary>
        /// Moves the zone edges to a newly fitted channel (<see cref="ChannelCalibrator"/>). Phones keep their zone
        /// until their next sample is classified against the new edges. Allocates nothing.
        /// </summary>
        public void SetChannel(double measuredPowerDbm, double pathLossExponent)
        {
            MeasuredPowerDbm = measuredPowerDbm;
            PathLossExponent = pathLossExponent;
            for (int i = 0; i < Names.Length; i++)
            {
                _thresholdsDbm[i] = LogDistanceModel.RssiAt(measuredPowerDbm, pathLossExponent, _edgesM[i]);
            }
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
