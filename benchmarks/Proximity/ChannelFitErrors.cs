using System;
using System.Collections.Generic;
using System.Globalization;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// Fitted-vs-true channel constants per node (issue 14): the error of the fit next to the error of the store-wide
    /// configured constants it replaces, so the table shows what calibration buys.
    /// </summary>
    public sealed class ChannelFitErrors
    {
        private readonly List<double> _fitP = new(), _fitN = new(), _cfgP = new(), _cfgN = new();
        private int _nodes, _unfitted;

        public int Stores { get; private set; }

        public void Add(Store store, StoreSimulation sim, ProximityOptions configured, List<string> lines)
        {
            Stores++;
            lines?.Add($"  store {store.Seed}:   node  neighbours  true n  fitted n  (configured {F(configured.PathLossExponent, 2)})   true P1m  fitted P1m  (configured {configured.MeasuredPowerDbm})   residual");
            for (int n = 0; n < store.Nodes.Length; n++)
            {
                NodeTruth t = store.Nodes[n];
                ChannelCalibrator c = sim.Ours[n].Tracker.Calibration;
                _nodes++;
                if (c == null || !c.Fitted)
                {
                    _unfitted++;
                    lines?.Add($"                {n,4}  not fitted");
                    continue;
                }

                _fitP.Add(c.MeasuredPowerDbm - t.MeasuredPowerDbm);
                _fitN.Add(c.PathLossExponent - t.PathLossExponent);
                _cfgP.Add(configured.MeasuredPowerDbm - t.MeasuredPowerDbm);
                _cfgN.Add(configured.PathLossExponent - t.PathLossExponent);
                lines?.Add($"                {n,4}  {c.NeighboursUsed,10}  {F(t.PathLossExponent, 2),6}  {F(c.PathLossExponent, 2),8}  {"",16}   {F(t.MeasuredPowerDbm, 1),8}  {F(c.MeasuredPowerDbm, 1),10}  {"",18}   {F(c.ResidualDb, 1),5} dB");
            }
        }

        public void Print()
        {
            Console.WriteLine($"  over all {_nodes} nodes ({_unfitted} not fitted): error = value − truth, mean ± sd");
            Console.WriteLine($"    P1m:  fitted {Stat(_fitP)} dB   configured {Stat(_cfgP)} dB");
            Console.WriteLine($"    n:    fitted {Stat(_fitN)}      configured {Stat(_cfgN)}");
        }

        private static string Stat(List<double> v)
        {
            if (v.Count == 0) return "-";
            double mean = 0, ss = 0;
            foreach (double x in v) mean += x;
            mean /= v.Count;
            foreach (double x in v) ss += (x - mean) * (x - mean);
            return $"{F(mean, 2)} ± {F(Math.Sqrt(ss / Math.Max(1, v.Count - 1)), 2)}";
        }

        private static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
    }
}
