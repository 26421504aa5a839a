using System.Text;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Runs a recorded HX711 trace of one lane through the production <see cref="LaneProcessor"/>, for
    /// <c>replay --trace file.csv --unit-grams G --counts-per-gram F --zero N [--sps 10] [--config device.json] [--lane ID]</c>.
    /// Rows are <c>time_ms,raw</c> (raw = signed count at gain 128; a header line, blank lines and <c>#</c> comments are
    /// skipped), pushed one at a time. Every event goes to the listener as the payload the node would publish, with
    /// <c>seq</c> from 1, <c>ts</c> = start + time_ms, and <c>tMs</c> = the time_ms of the sample that decided it.
    /// A raw of -1 (all ones) is what a floating DOUT reads, so an unplugged stretch in a trace shows as a fault.
    /// </summary>
    public sealed class ShelfReplay : IStockListener
    {
        /// <summary>The boot number replay payloads carry (a replay is one boot of one node).</summary>
        public const long ReplayBoot = 1;

        private readonly LaneProcessor _processor;
        private readonly IStockPayloadListener _output;
        private readonly long _startUnixMs;
        private readonly StringBuilder _payload = new StringBuilder(256);
        private readonly StringBuilder _ts = new StringBuilder(32);
        private long _lastMs = long.MinValue;
        private long _seq;

        /// <param name="lane">The lane's options (unitGrams, countsPerGram, offsetCounts, sps…); validated.</param>
        /// <param name="startUnixMs">Unix ms of trace time 0 (used for <c>ts</c>).</param>
        /// <param name="output">Receives each payload.</param>
        public ShelfReplay(LaneOptions lane, long startUnixMs, IStockPayloadListener output)
        {
            _output = output;
            _startUnixMs = startUnixMs;
            _processor = new LaneProcessor(lane, this);
        }

        /// <summary>The chain being replayed (its state can be inspected after the run).</summary>
        public LaneProcessor Processor
        {
            get { return _processor; }
        }

        /// <summary>Rows accepted.</summary>
        public long Rows { get; private set; }

        /// <summary>Rows rejected.</summary>
        public long BadRows { get; private set; }

        /// <summary>Payloads written.</summary>
        public long Events
        {
            get { return _seq; }
        }

        /// <summary>
        /// Reads the <c>lanes</c> array of a device JSON document (nothing else in it is looked at).
        /// Throws <see cref="ConfigException"/> with keys like <c>lanes[0].unitGrams</c>.
        /// </summary>
        public static LaneOptions[] ReadLanes(string deviceJson)
        {
            ConfigSection root = ConfigSection.ParseDocument(deviceJson);
            ConfigSection[] lanes = root.SectionArray("lanes", 4);
            var result = new LaneOptions[lanes.Length];
            for (int i = 0; i < lanes.Length; i++)
            {
                result[i] = LaneOptions.Read(lanes[i]);
            }

            return result;
        }

        /// <summary>Pushes one sample read correctly by the driver.</summary>
        public void Push(long tMs, int rawCounts)
        {
            Push(tMs, rawCounts, SampleStatus.Ok);
        }

        /// <summary>Pushes one sample slot with the driver's status.</summary>
        public void Push(long tMs, int rawCounts, SampleStatus status)
        {
            Rows++;
            _lastMs = tMs;
            _processor.Push(tMs, rawCounts, status);
        }

        /// <summary>
        /// Parses and pushes one trace line. Returns null when it was used or skipped, else why it was rejected (the
        /// caller reports it with the line number; the row counts in <see cref="BadRows"/>).
        /// </summary>
        public string PushLine(string line)
        {
            if (line == null)
            {
                return null;
            }

            int i = 0;
            int n = line.Length;
            while (i < n && (line[i] == ' ' || line[i] == '\t'))
            {
                i++;
            }

            if (i == n || line[i] == '#' || line[i] == '\r' || (line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))
            {
                return null;
            }

            long time;
            if (!ParseInteger(line, ref i, out time) || time < 0)
            {
                return Bad("time_ms must be a whole number of milliseconds >= 0");
            }

            SkipSpaces(line, ref i);
            if (i >= n || line[i] != ',')
            {
                return Bad("expected 2 fields: time_ms,raw");
            }

            i++;
            SkipSpaces(line, ref i);
            long raw;
            if (!ParseInteger(line, ref i, out raw) || raw < -8388608 || raw > 8388607)
            {
                return Bad("raw must be a signed 24-bit count (-8388608..8388607)");
            }

            SkipSpaces(line, ref i);
            if (i < n)
            {
                return Bad("expected 2 fields: time_ms,raw");
            }

            if (time < _lastMs)
            {
                return Bad("time_ms goes backwards (rows must be in time order)");
            }

            Push(time, (int)raw);
            return null;
        }

        /// <summary>Formats the event as its payload and hands it on (called by the chain).</summary>
        public void OnStockEvent(StockEvent e)
        {
            _seq++;
            _ts.Clear();
            UnixTime.AppendIso(_ts, _startUnixMs + e.TMs);
            _payload.Clear();
            StockEventJson.Write(_payload, e, ReplayBoot, _seq, _ts.ToString(), true);
            _output.OnStockPayload(_payload.ToString());
        }

        private string Bad(string why)
        {
            BadRows++;
            return why;
        }

        private static void SkipSpaces(string s, ref int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
            {
                i++;
            }
        }

        private static bool ParseInteger(string s, ref int i, out long value)
        {
            value = 0;
            bool negative = false;
            if (i < s.Length && (s[i] == '-' || s[i] == '+'))
            {
                negative = s[i] == '-';
                i++;
            }

            int digits = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                if (digits > 15)
                {
                    return false;
                }

                value = (value * 10) + (s[i] - '0');
                digits++;
                i++;
            }

            if (negative)
            {
                value = -value;
            }

            return digits > 0;
        }
    }
}
