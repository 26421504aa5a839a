using System;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// The reference point: how Tasmota's HX711 driver (xsns_34) turns samples into weight changes, re-implemented from
    /// its description. One sample every 100 ms; every 10 samples the 20 % highest and lowest are dropped and the rest
    /// averaged (trimmed mean); a measurement more than 4 g from the last one marks the weight as changing; the next
    /// measurement within 4 g of its predecessor is the new stable weight, and the change since the previous stable
    /// weight, divided by the unit weight and rounded, is the quantity. No spike filter of its own beyond the trim, no
    /// auto-zero, no fault handling (a timed-out read is skipped).
    /// </summary>
    public sealed class TasmotaStyleBaseline
    {
        public const int Samples = 10;
        public const double DeltaGrams = 4.0;

        private readonly double[] _buffer = new double[Samples];
        private readonly double[] _sorted = new double[Samples];
        private readonly LaneOptions _lane;
        private readonly Action<long, StockEventKind, int> _onEvent;
        private readonly int _decimation;
        private int _n;
        private int _tick;
        private bool _hasLast;
        private double _last;
        private double _stable;
        private bool _changing;

        public TasmotaStyleBaseline(LaneOptions lane, Action<long, StockEventKind, int> onEvent)
        {
            _lane = lane;
            _onEvent = onEvent;
            _decimation = lane.Sps / 10;
        }

        public void Push(long tMs, int raw, SampleStatus status)
        {
            if (_tick++ % _decimation != 0 || status != SampleStatus.Ok)
            {
                return;
            }

            _buffer[_n++] = (raw - _lane.ZeroCounts) / _lane.CountsPerGram;
            if (_n < Samples)
            {
                return;
            }

            _n = 0;
            Array.Copy(_buffer, _sorted, Samples);
            Array.Sort(_sorted);
            int trim = Samples / 5;
            double sum = 0;
            for (int i = trim; i < Samples - trim; i++)
            {
                sum += _sorted[i];
            }

            double weight = sum / (Samples - (2 * trim));
            if (!_hasLast)
            {
                _hasLast = true;
                _last = weight;
                _stable = weight;
                return;
            }

            if (Math.Abs(weight - _last) > DeltaGrams)
            {
                _changing = true;
            }
            else if (_changing)
            {
                _changing = false;
                int q = (int)Math.Round((weight - _stable) / _lane.UnitGrams);
                if (q != 0)
                {
                    _onEvent(tMs, q < 0 ? StockEventKind.Pick : StockEventKind.Restock, Math.Abs(q));
                }

                _stable = weight;
            }

            _last = weight;
        }
    }
}
