using Beacons.Shared.Common;
using Beacons.Shared.Messaging;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Formats proximity payloads (docs/privacy.md, "Events"). No RSSI or distance is published: a per-phone
    /// signal-strength series is a fingerprint of a person's path, and the zone already says what a consumer needs.
    /// <list type="bullet">
    /// <item>enter/dwell/exit: <c>{"type","zone","seq","ts",["id"],["pid"],["dwellS"],["tMs"]}</c> (only for a
    /// consenting shopper under a consented policy, so id is always present on them).</item>
    /// <item>aggregate: <c>{"type":"aggregate","zone","seq","ts","bucket","bucketS","count","hist",["tMs"]}</c>.</item>
    /// </list>
    /// </summary>
    public sealed class ProximityEventWriter
    {
        private readonly JsonWriter _json = new JsonWriter(192);

        /// <summary>Adds <c>tMs</c> (the trace time at which the event was decided): replay output only.</summary>
        public bool IncludeTraceTime { get; set; }

        /// <summary>A visit event. <paramref name="id"/>/<paramref name="pid"/> null = omitted; <paramref name="dwellS"/> &lt; 0 = omitted.</summary>
        public string Visit(string type, string zone, long seq, long unixMs, string id, string pid, long dwellS, long traceMs)
        {
            _json.Clear().BeginObject().String("type", type).String("zone", zone).Number("seq", seq)
                .String("ts", UnixTime.ToIso(unixMs));
            if (id != null)
            {
                _json.String("id", id);
            }

            if (pid != null)
            {
                _json.String("pid", pid);
            }

            if (dwellS >= 0)
            {
                _json.Number("dwellS", dwellS);
            }

            return Finish(traceMs);
        }

        /// <summary>A k-anonymous bucket aggregate.</summary>
        public string Aggregate(string zone, long seq, long unixMs, long bucketStartUnixMs, int bucketS, int count, int[] hist, long traceMs)
        {
            _json.Clear().BeginObject().String("type", "aggregate").String("zone", zone).Number("seq", seq)
                .String("ts", UnixTime.ToIso(unixMs)).String("bucket", UnixTime.ToIso(bucketStartUnixMs))
                .Number("bucketS", bucketS).Number("count", count).BeginArray("hist");
            for (int i = 0; i < hist.Length; i++)
            {
                _json.Item(hist[i]);
            }

            _json.EndArray();
            return Finish(traceMs);
        }

        private string Finish(long traceMs)
        {
            if (IncludeTraceTime)
            {
                _json.Number("tMs", traceMs);
            }

            return _json.EndObject().ToString();
        }
    }
}
