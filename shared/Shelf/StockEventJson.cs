using System.Text;
using Beacons.Shared.Messaging;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Compact JSON of a stock event, fields in a fixed order:
    /// <c>{"type":"pick","lane":"A1","items":11,"quantity":2,"grams":-701.2,"confidence":0.98,"boot":12,"seq":5,"ts":"…Z","tMs":12345}</c>.
    /// Fault events add <c>"reason"</c> (the fault), unexplained events <c>"reason":"check-lane"</c>, and level events
    /// add <c>"state"</c>, <c>"ratePerH"</c>, <c>"emptyInS"</c> (null when unknown), <c>"noiseG"</c> (the lane's measured
    /// noise RMS, g) and <c>"minItemG"</c> (smallest item it counts reliably, g; both null until measured), all after
    /// <c>confidence</c>. Grams have one decimal, confidence and rate two: standard
    /// "F" formats only, identical on the device and the host.
    /// </summary>
    public static class StockEventJson
    {
        /// <summary>Appends the payload of <paramref name="e"/> to <paramref name="sb"/>.</summary>
        /// <param name="seq">Event sequence number (per boot, from 1).</param>
        /// <param name="tsIso">ISO 8601 UTC time of the event (see Common.UnixTime.AppendIso).</param>
        /// <param name="includeTMs">Write <c>tMs</c> (replays: the trace time of the deciding sample).</param>
        public static void Write(StringBuilder sb, StockEvent e, long boot, long seq, string tsIso, bool includeTMs)
        {
            sb.Append("{\"type\":\"").Append(StockEventKindNames.Name(e.Kind)).Append('"');
            sb.Append(",\"lane\":");
            Quoted(sb, e.Lane);
            sb.Append(",\"items\":").Append(e.Items);
            sb.Append(",\"quantity\":").Append(e.Quantity);
            sb.Append(",\"grams\":");
            Fixed(sb, e.Grams, 1);
            sb.Append(",\"confidence\":");
            Fixed(sb, e.Confidence, 2);
            if (e.Kind == StockEventKind.Fault)
            {
                sb.Append(",\"reason\":\"").Append(StockEventKindNames.FaultName(e.Fault)).Append('"');
            }

            if (e.Kind == StockEventKind.Unexplained)
            {
                sb.Append(",\"reason\":\"").Append(StockEventKindNames.CheckLane).Append('"');
            }

            if (e.Kind == StockEventKind.Level)
            {
                sb.Append(",\"state\":\"").Append(StockEventKindNames.LevelName(e.Level)).Append('"');
                sb.Append(",\"ratePerH\":");
                Fixed(sb, e.RatePerHour, 2);
                sb.Append(",\"emptyInS\":");
                if (e.EmptyInS < 0)
                {
                    sb.Append("null");
                }
                else
                {
                    sb.Append(e.EmptyInS);
                }

                sb.Append(",\"noiseG\":");
                Positive(sb, e.NoiseGrams, 2);
                sb.Append(",\"minItemG\":");
                Positive(sb, e.MinItemGrams, 1);
            }

            sb.Append(",\"boot\":").Append(boot);
            sb.Append(",\"seq\":").Append(seq);
            sb.Append(",\"ts\":");
            Quoted(sb, tsIso);

            // No wall clock yet (SNTP has not run): ts is null, and the node's uptime says when it happened.
            if (includeTMs || tsIso == null)
            {
                sb.Append(",\"tMs\":").Append(e.TMs);
            }

            sb.Append('}');
        }

        /// <summary>
        /// Appends <paramref name="value"/> with 1 or 2 decimals; NaN and infinities become null, and a value that
        /// rounds to zero is written without a minus sign.
        /// </summary>
        private static void Fixed(StringBuilder sb, double value, int decimals)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                sb.Append("null");
                return;
            }

            double half = decimals == 1 ? 0.05 : 0.005;
            if (value < half && value > -half)
            {
                value = 0;
            }

            sb.Append(value.ToString(decimals == 1 ? "F1" : "F2"));
        }

        /// <summary>A measured figure: null while unknown (≤ 0), else <see cref="Fixed"/>.</summary>
        private static void Positive(StringBuilder sb, double value, int decimals)
        {
            if (!(value > 0))
            {
                sb.Append("null");
                return;
            }

            Fixed(sb, value, decimals);
        }

        private static void Quoted(StringBuilder sb, string value)
        {
            if (value == null)
            {
                sb.Append("null");
                return;
            }

            JsonWriter.AppendQuoted(sb, value);
        }
    }
}
