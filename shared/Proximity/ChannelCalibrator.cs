using System;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Fits this node's log-distance channel, RSSI(d) = P₁ₘ − 10·n·log₁₀(d), from the iBeacon frames of the store's
    /// other nodes at the distances the manifest gives (<see cref="ChannelCalibrationOptions"/>). Each neighbour keeps
    /// its last <see cref="HistoryPerNeighbour"/> RSSI samples; a fit takes each neighbour's median (fading and people
    /// passing through the link average out) and solves the least-squares line with weak priors on the configured
    /// constants, so one neighbour still yields a sound P₁ₘ and two neighbours at similar distances cannot throw n to an
    /// extreme. The fit is between nodes; <see cref="ChannelCalibrationOptions.PhoneOffsetDb"/> turns it into a phone's
    /// 1 m power (phones transmit differently and are carried against a body). Samples are normalized by the
    /// neighbour's own advertised 1 m power, so a store mixing node hardware stays comparable.
    /// <para>RAM: 32 bytes per neighbour plus a 32-byte scratch; <see cref="Observe"/> and <see cref="Fit"/> allocate
    /// nothing. Not thread-safe: <see cref="ProximityTracker"/> calls it under its lock.</para>
    /// </summary>
    public sealed class ChannelCalibrator
    {
        /// <summary>Samples kept per neighbour (a few minutes of scan windows).</summary>
        public const int HistoryPerNeighbour = 32;

        /// <summary>The 1 m power samples are normalized to (the iBeacon default, what nodes advertise unless told).</summary>
        public const int ReferenceMeasuredPowerDbm = -59;

        /// <summary>
        /// Spread of one neighbour's median around the model (static shadowing by shelves, the neighbour's antenna): the
        /// weight of each neighbour against the priors.
        /// </summary>
        public const double NeighbourSigmaDb = 4.0;

        /// <summary>Spread allowed around the configured 1 m power: weak, the fit should move it.</summary>
        public const double PriorPowerSigmaDb = 8.0;

        /// <summary>Spread allowed around the configured exponent: neighbours at 5–30 m pin n only loosely.</summary>
        public const double PriorExponentSigma = 0.5;

        private const int IBeaconLength = 23;

        private readonly ChannelCalibrationOptions _options;
        private readonly double[] _x;
        private readonly sbyte[] _history;
        private readonly int[] _count;
        private readonly sbyte[] _scratch = new sbyte[HistoryPerNeighbour];
        private readonly double _priorPowerDbm;
        private readonly double _priorExponent;

        /// <param name="options">Validated calibration options.</param>
        /// <param name="configuredMeasuredPowerDbm">The configured phone 1 m power (the prior, and the answer until a fit).</param>
        /// <param name="configuredPathLossExponent">The configured exponent (likewise).</param>
        public ChannelCalibrator(ChannelCalibrationOptions options, double configuredMeasuredPowerDbm, double configuredPathLossExponent)
        {
            _options = options;
            int n = options.NeighbourCount;
            _x = new double[n];
            for (int i = 0; i < n; i++)
            {
                _x[i] = 10.0 * Math.Log10(options.NeighbourDistanceM[i]);
            }

            _history = new sbyte[n * HistoryPerNeighbour];
            _count = new int[n];
            _priorPowerDbm = configuredMeasuredPowerDbm - options.PhoneOffsetDb;
            _priorExponent = configuredPathLossExponent;
            MeasuredPowerDbm = configuredMeasuredPowerDbm;
            PathLossExponent = configuredPathLossExponent;
        }

        /// <summary>Phone 1 m power in use: the fitted one after a successful <see cref="Fit"/>, else the configured one.</summary>
        public double MeasuredPowerDbm { get; private set; }

        /// <summary>Exponent in use (fitted or configured, as above).</summary>
        public double PathLossExponent { get; private set; }

        /// <summary>True once a fit had at least one neighbour with enough samples.</summary>
        public bool Fitted { get; private set; }

        /// <summary>Neighbours with at least <c>minSamples</c> samples in the last fit.</summary>
        public int NeighboursUsed { get; private set; }

        /// <summary>RMS of the neighbours' medians around the fitted line, dB (0 with one neighbour).</summary>
        public double ResidualDb { get; private set; }

        /// <summary>Neighbour frames taken (all time).</summary>
        public long Samples { get; private set; }

        /// <summary>iBeacon frames of the store's UUID from a node not in the list (a new node, or a stale manifest).</summary>
        public long UnknownNodes { get; private set; }

        /// <summary>Samples held for neighbour <paramref name="index"/> (at most <see cref="HistoryPerNeighbour"/>).</summary>
        public int Held(int index)
        {
            return _count[index] < HistoryPerNeighbour ? _count[index] : HistoryPerNeighbour;
        }

        /// <summary>
        /// An iBeacon frame: <paramref name="ad"/>[<paramref name="offset"/>..+<paramref name="length"/>) is the
        /// manufacturer data after Apple's company id (0x02 0x15, UUID, major, minor, 1 m power). Returns true when it
        /// came from a listed neighbour and was kept.
        /// </summary>
        public bool Observe(byte[] ad, int offset, int length, int rssiDbm)
        {
            if (length < IBeaconLength || offset < 0 || offset + IBeaconLength > ad.Length || ad[offset] != 0x02 || ad[offset + 1] != 0x15)
            {
                return false;
            }

            byte[] uuid = _options.Uuid;
            for (int i = 0; i < 16; i++)
            {
                if (ad[offset + 2 + i] != uuid[i])
                {
                    return false;
                }
            }

            int major = (ad[offset + 18] << 8) | ad[offset + 19];
            int minor = (ad[offset + 20] << 8) | ad[offset + 21];
            int index = -1;
            for (int i = 0; i < _x.Length; i++)
            {
                if (_options.NeighbourMajor[i] == major && _options.NeighbourMinor[i] == minor)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                UnknownNodes++;
                return false;
            }

            int advertised = (sbyte)ad[offset + 22];
            if (advertised >= 0 || rssiDbm < -127 || rssiDbm > 20)
            {
                // A 1 m power of 0 dBm or more is no calibrated beacon; such a frame says nothing about distance.
                return false;
            }

            int normalized = rssiDbm - (advertised - ReferenceMeasuredPowerDbm);

            if (normalized < -127)
            {
                normalized = -127;
            }
            else if (normalized > 0)
            {
                normalized = 0;
            }

            _history[index * HistoryPerNeighbour + _count[index] % HistoryPerNeighbour] = (sbyte)normalized;
            // Wraps after 2^31 samples; only "≥ HistoryPerNeighbour" matters by then.
            _count[index] = _count[index] == int.MaxValue ? HistoryPerNeighbour : _count[index] + 1;
            Samples++;
            return true;
        }

        /// <summary>
        /// Fits the channel from the samples held. With no neighbour ready, keeps what is in use and returns false.
        /// </summary>
        public bool Fit()
        {
            double w = 1.0 / (NeighbourSigmaDb * NeighbourSigmaDb);
            double a = 1.0 / (PriorPowerSigmaDb * PriorPowerSigmaDb);
            double b = 1.0 / (PriorExponentSigma * PriorExponentSigma);
            double sw = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
            int used = 0;
            for (int i = 0; i < _x.Length; i++)
            {
                int held = Held(i);
                if (held < _options.MinSamples)
                {
                    continue;
                }

                double y = Median(i, held);
                double x = _x[i];
                sw += w;
                sx += w * x;
                sxx += w * x * x;
                sy += w * y;
                sxy += w * x * y;
                used++;
            }

            NeighboursUsed = used;
            if (used == 0)
            {
                return false;
            }

            // Normal equations of Σw(y − P + n·x)² + a(P − P0)² + b(n − n0)², with y = P − n·x.
            double a11 = sw + a, a22 = sxx + b;
            double b1 = sy + a * _priorPowerDbm, b2 = -sxy + b * _priorExponent;
            double det = a11 * a22 - sx * sx;
            double power = (b1 * a22 + sx * b2) / det;
            double exponent = (a11 * b2 + sx * b1) / det;
            if (exponent < 1.5)
            {
                exponent = 1.5;
            }
            else if (exponent > 6.0)
            {
                exponent = 6.0;
            }

            double ss = 0;
            for (int i = 0; i < _x.Length; i++)
            {
                int held = Held(i);
                if (held >= _options.MinSamples)
                {
                    double r = Median(i, held) - (power - exponent * _x[i]);
                    ss += r * r;
                }
            }

            ResidualDb = Math.Sqrt(ss / used);
            double phone = power + _options.PhoneOffsetDb;
            MeasuredPowerDbm = phone < -100 ? -100 : phone > -20 ? -20 : phone;
            PathLossExponent = exponent;
            Fitted = true;
            return true;
        }

        private double Median(int index, int held)
        {
            int start = index * HistoryPerNeighbour;
            for (int i = 0; i < held; i++)
            {
                sbyte v = _history[start + i];
                int j = i - 1;
                while (j >= 0 && _scratch[j] > v)
                {
                    _scratch[j + 1] = _scratch[j];
                    j--;
                }

                _scratch[j + 1] = v;
            }

            return (held & 1) == 1 ? _scratch[held / 2] : (_scratch[held / 2 - 1] + _scratch[held / 2]) / 2.0;
        }
    }
}
