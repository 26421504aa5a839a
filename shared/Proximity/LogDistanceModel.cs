using System;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Log-distance path loss: RSSI(d) = P₁ₘ − 10·n·log₁₀(d), with P₁ₘ the node's measured power at 1 m (dBm) and n the
    /// path-loss exponent, both calibrated per node. Zone edges are turned into RSSI thresholds once, so the per-sample
    /// path compares dBm values and never takes a logarithm. On the device Pow/Log10 compute in single precision
    /// (~7 significant digits: a metre figure is good to ~1e-6 relative, far finer than RSSI resolves).
    /// </summary>
    public sealed class LogDistanceModel
    {
        /// <param name="measuredPowerDbm">Median RSSI at 1 m, -100..-20 dBm.</param>
        /// <param name="pathLossExponent">n, 1.5–6.</param>
        public LogDistanceModel(double measuredPowerDbm, double pathLossExponent)
        {
            MeasuredPowerDbm = measuredPowerDbm;
            PathLossExponent = pathLossExponent;
        }

        public double MeasuredPowerDbm { get; }

        public double PathLossExponent { get; }

        /// <summary>Estimated distance in metres for an RSSI in dBm.</summary>
        public double DistanceMeters(double rssiDbm)
        {
            return Math.Pow(10.0, (MeasuredPowerDbm - rssiDbm) / (10.0 * PathLossExponent));
        }

        /// <summary>Expected RSSI in dBm at <paramref name="meters"/> (&gt; 0).</summary>
        public double RssiAtMeters(double meters)
        {
            return RssiAt(MeasuredPowerDbm, PathLossExponent, meters);
        }

        /// <summary>Expected RSSI in dBm at <paramref name="meters"/> (&gt; 0) for the given constants.</summary>
        public static double RssiAt(double measuredPowerDbm, double pathLossExponent, double meters)
        {
            return measuredPowerDbm - 10.0 * pathLossExponent * Math.Log10(meters);
        }
    }
}
