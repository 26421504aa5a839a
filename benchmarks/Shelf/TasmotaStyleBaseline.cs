using System;
using Beacons.Shared.Shelf;

namespace Beacons.Benchmarks.Shelf
{
    /// <summary>
    /// The reference point: Tasmota's HX711 driver (tasmota/tasmota_xsns_sensor/xsns_34_hx711.ino, HxEvery100mSecond)
    /// re-implemented step by step, plus the consumer that turns its weight messages into stock events.
    /// <list type="bullet">
    /// <item>One read every 100 ms (FUNC_EVERY_100_MSECOND; at 80 SPS that is the conversion ready at the tick). A read
    /// that times out returns -1 and is skipped without advancing the sample count.</item>
    /// <item>Every 10 reads: sorted, the 2 highest and 2 lowest dropped, the other 6 averaged in integer arithmetic,
    /// times <c>weight_precision</c> = raw_absolute; weight = (raw_absolute - offset) / scale in whole grams (integer
    /// division), clamped at 0 (no negative weights).</item>
    /// <item>Change detection with <c>weight_delta</c> (Sensor34 9): |weight - weight_diff| &gt; delta sets weight_diff =
    /// weight and marks a change; the next measurement with |weight - weight_diff| &lt; delta publishes the weight
    /// (the JSON weight-change message, Sensor34 8 1).</item>
    /// </list>
    /// Calibration as the technician measured it (the same numbers ours gets): offset = the tare's raw × precision, scale
    /// = counts per gram × precision rounded to an integer (Sensor34 2's result). Precision (Sensor34 2 &lt;w&gt; &lt;p&gt;,
    /// 1–10) is set to 10 when fewer than 200 counts per gram would make the integer scale coarse, else 1; delta is the
    /// representable Sensor34 9 value nearest half a unit (at least 1 g): a technician's sensible settings, not the
    /// defaults (4 g, precision 1). Half a unit is the baseline's best on the training seeds (0.1–0.9 unit scanned with
    /// BENCH_TASMOTA_DELTA: 0.5 gave the most right and, with 0.6, the fewest errors), so it is compared at its best. The consumer counts items from each published weight as round(weight / item) — kinder than
    /// Tasmota's own Count field, which truncates ((weight × 10) / weight_item) and is omitted below 2 — and reports the
    /// change in count since the previous message as a pick or a restock. A foreign load that persists past a message
    /// therefore changes the count: for this method that is a false event. No fault handling, no auto-zero. Kept quirk of
    /// the original: both tests are strict, so a measurement exactly delta grams from weight_diff neither restarts nor
    /// ends the change, and a level that settles exactly delta away stays unpublished until the next change.
    /// BENCH_TASMOTA_TRACE=1 prints every measurement and message.
    /// </summary>
    public sealed class TasmotaStyleBaseline
    {
        public const int Samples = 10;

        /// <summary>weight_delta as a fraction of a unit (tuned on the training seeds; BENCH_TASMOTA_DELTA overrides it for tuning).</summary>
        public static readonly double DeltaUnits = double.TryParse(Environment.GetEnvironmentVariable("BENCH_TASMOTA_DELTA"),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : 0.5;

        private readonly long[] _reads = new long[Samples];
        private readonly double _unit;
        private readonly Action<long, StockEventKind, int> _onEvent;
        private readonly long _precision;
        private readonly long _scale;
        private readonly long _offset;
        private long _nextTickMs = long.MinValue;
        private int _sampleCount;
        private long _weightDiff;
        private bool _weightChanged;
        private bool _hasCount;
        private int _count;

        public TasmotaStyleBaseline(LaneOptions lane, Action<long, StockEventKind, int> onEvent)
        {
            _unit = lane.UnitGrams;
            _onEvent = onEvent;
            _precision = Math.Abs(lane.CountsPerGram) < 200 ? 10 : 1;
            _scale = Math.Max(1, (long)Math.Round(lane.CountsPerGram * _precision));
            _offset = (long)Math.Round(lane.ZeroCounts) * _precision;
            Delta = DeltaFor(DeltaUnits * lane.UnitGrams);
        }

        /// <summary>weight_delta in force, g.</summary>
        public long Delta { get; }

        /// <summary>The Sensor34 9 value nearest <paramref name="grams"/>: codes 1–100 give 0–99 g, 101–255 give 110–1650 g.</summary>
        public static long DeltaFor(double grams)
        {
            if (grams < 1) return 1;
            if (grams < 104.5) return Math.Min(99, (long)Math.Round(grams));
            long code = Math.Max(101, Math.Min(255, (long)Math.Round(((grams - 100) / 10) + 100)));
            return ((code - 100) * 10) + 100;
        }

        public void Push(long tMs, int raw, SampleStatus status)
        {
            if (_nextTickMs == long.MinValue) _nextTickMs = tMs;
            if (tMs < _nextTickMs) return;
            _nextTickMs += 100;
            if (_nextTickMs <= tMs) _nextTickMs = tMs + 100;
            if (status != SampleStatus.Ok || raw == -1) return;

            _reads[_sampleCount++] = raw;
            if (_sampleCount < Samples) return;
            _sampleCount = 0;
            Array.Sort(_reads);
            long sumRaw = 0;
            for (int i = 2; i < Samples - 2; i++) sumRaw += _reads[i];
            long rawAbsolute = sumRaw / (Samples - 4) * _precision;
            long weight = (rawAbsolute - _offset) / _scale;
            if (weight < 0) weight = 0;
            if (Trace) Console.WriteLine($"    tasmota t={tMs} weight={weight}");

            if (Math.Abs(weight - _weightDiff) > Delta)
            {
                _weightDiff = weight;
                _weightChanged = true;
            }
            else if (_weightChanged && Math.Abs(weight - _weightDiff) < Delta)
            {
                _weightChanged = false;
                Publish(tMs, weight);
            }
        }

        private static readonly bool Trace = Environment.GetEnvironmentVariable("BENCH_TASMOTA_TRACE") == "1";

        private void Publish(long tMs, long weight)
        {
            int count = (int)Math.Round(weight / _unit);
            if (Trace) Console.WriteLine($"    tasmota publish t={tMs} weight={weight} count={count}");
            if (_hasCount && count != _count)
            {
                int q = count - _count;
                _onEvent(tMs, q < 0 ? StockEventKind.Pick : StockEventKind.Restock, Math.Abs(q));
            }

            _hasCount = true;
            _count = count;
        }
    }
}
