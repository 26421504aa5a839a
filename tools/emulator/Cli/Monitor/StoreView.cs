using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Beacons.Emulator.Monitor
{
    /// <summary>
    /// What store ops know about their stores, built only from what the nodes publish (docs/mqtt.md): node status,
    /// lane levels, stock and proximity events. Also the consumer-side checks the contract makes possible: seq gaps
    /// and duplicates per (device, boot).
    /// </summary>
    public sealed class StoreView
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, NodeState> _nodes = new Dictionary<string, NodeState>();
        private readonly Dictionary<string, LaneState> _lanes = new Dictionary<string, LaneState>();
        private readonly Dictionary<string, ZoneState> _zones = new Dictionary<string, ZoneState>();
        private readonly List<Alert> _alerts = new List<Alert>();

        // Written on the subscriber's thread under _gate, read through copies: a test or page enumerating them while a
        // message arrives must not see the list change under it.
        private readonly List<(string Device, long Boot, long Seq, string Type)> _stockEvents = new List<(string, long, long, string)>();
        private readonly List<string> _proximityPayloads = new List<string>();
        private LaneRecord _record;

        /// <summary>Raised after each message that changed the view, with a one-line JSON description of the change.</summary>
        public event Action<string> Updated;

        /// <summary>
        /// Raised after each stock event or lane level, with the lane's figures at that moment: what a history keeps.
        /// Raised on the subscriber's thread, after <see cref="Updated"/>.
        /// </summary>
        public event Action<LaneRecord> Recorded;

        public IReadOnlyList<NodeState> Nodes { get { lock (_gate) return _nodes.Values.OrderBy(n => n.Key).Select(n => n.Clone()).ToList(); } }

        public IReadOnlyList<LaneState> Lanes { get { lock (_gate) return _lanes.Values.OrderBy(l => l.Key).Select(l => l.Clone()).ToList(); } }

        public IReadOnlyList<ZoneState> Zones { get { lock (_gate) return _zones.Values.OrderBy(z => z.Key).Select(z => z.Clone()).ToList(); } }

        public IReadOnlyList<Alert> Alerts { get { lock (_gate) return _alerts.ToList(); } }

        /// <summary>Every stock event seen, as (device key, boot, seq, type): what the end-to-end tests assert on. A copy.</summary>
        public IReadOnlyList<(string Device, long Boot, long Seq, string Type)> StockEvents { get { lock (_gate) return _stockEvents.ToList(); } }

        /// <summary>Every payload seen on a proximity topic, verbatim (for the privacy assertions). A copy.</summary>
        public IReadOnlyList<string> ProximityPayloads { get { lock (_gate) return _proximityPayloads.ToList(); } }

        /// <summary>Feeds one MQTT message. Malformed payloads are counted, never thrown.</summary>
        public void Apply(string topic, string payload, DateTime receivedUtc)
        {
            string[] levels = topic.Split('/');
            if (levels.Length < 5)
            {
                return;
            }

            // <prefix levels...>/<store>/<device>/<kind...>: the prefix has two levels by default (retail/v1).
            int kindAt = FindKind(levels);
            if (kindAt < 2)
            {
                return;
            }

            string store = levels[kindAt - 2];
            string device = levels[kindAt - 1];
            string deviceKey = store + "/" + device;
            string kind = string.Join('/', levels, kindAt, levels.Length - kindAt);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(payload).RootElement;
            }
            catch (JsonException)
            {
                lock (_gate)
                {
                    Node(deviceKey).Malformed++;
                }

                return;
            }

            string change;
            LaneRecord record;
            lock (_gate)
            {
                _record = null;
                NodeState node = Node(deviceKey);
                node.LastSeenUtc = receivedUtc;
                change = kind switch
                {
                    "status" => ApplyStatus(node, json, receivedUtc),
                    "events/stock" => ApplyStockEvent(node, json, receivedUtc),
                    "events/proximity" => ApplyProximity(node, json, payload),
                    "privacy" => null,
                    "cmd/result" => null,
                    _ when kind.StartsWith("stock/", StringComparison.Ordinal) => ApplyLevel(deviceKey, kind.Substring(6), json, receivedUtc),
                    _ => null,
                };
                record = _record;
                _record = null;
            }

            if (change != null)
            {
                Updated?.Invoke(change);
            }

            if (record != null)
            {
                Recorded?.Invoke(record);
            }
        }

        private static int FindKind(string[] levels)
        {
            for (int i = 2; i < levels.Length; i++)
            {
                if (levels[i] is "status" or "events" or "stock" or "privacy" or "cmd")
                {
                    return i;
                }
            }

            return -1;
        }

        private NodeState Node(string key)
        {
            if (!_nodes.TryGetValue(key, out NodeState node))
            {
                node = new NodeState { Key = key };
                _nodes[key] = node;
            }

            return node;
        }

        private string ApplyStatus(NodeState node, JsonElement json, DateTime now)
        {
            string previous = node.State;
            node.State = Str(json, "state") ?? "?";
            node.Firmware = Str(json, "fw") ?? node.Firmware;
            node.UptimeS = Long(json, "uptimeS") ?? node.UptimeS;
            node.Boot = Long(json, "boot") ?? node.Boot;
            node.ConfigError = Str(json, "configError");
            node.Dropped = Long(json, "dropped") ?? node.Dropped;
            node.FreeHeap = Long(json, "freeHeap") ?? node.FreeHeap;
            node.Reset = Str(json, "reset") ?? node.Reset;
            if (json.TryGetProperty("channel", out JsonElement channel) && channel.ValueKind == JsonValueKind.Object
                && channel.TryGetProperty("measuredPowerDbm", out JsonElement p1m) && p1m.ValueKind == JsonValueKind.Number
                && channel.TryGetProperty("pathLossExponent", out JsonElement n) && n.ValueKind == JsonValueKind.Number)
            {
                node.Channel = FormattableString.Invariant($"{Str(channel, "source") ?? "?"} {p1m.GetDouble():F1} dBm n {n.GetDouble():F2}, {Long(channel, "samples") ?? 0} samples");
            }

            if (node.State != previous)
            {
                node.Transitions.Add(node.State);
                if (node.State == "offline" || node.State == "safe-mode")
                {
                    _alerts.Add(new Alert(now, node.Key, node.State, node.State == "offline" ? "node offline" : node.ConfigError ?? "safe mode"));
                }
            }

            return Describe("node", node.Key, ("state", node.State), ("boot", node.Boot));
        }

        private string ApplyStockEvent(NodeState node, JsonElement json, DateTime now)
        {
            string type = Str(json, "type") ?? "?";
            long boot = Long(json, "boot") ?? node.Boot;
            long seq = Long(json, "seq") ?? -1;
            if (seq >= 0)
            {
                node.TrackSeq(boot, seq);
                _stockEvents.Add((node.Key, boot, seq, type));
            }

            string lane = Str(json, "lane") ?? "?";
            LaneState state = Lane(node.Key + "/" + lane);
            state.LastEvent = type == "unexplained"
                ? type + (Double(json, "grams") is double g ? $" {g:+0.0;-0.0} g" : "")
                : type + (Long(json, "quantity") is long q ? " " + q : "");
            state.LastEventUtc = now;
            if (Long(json, "items") is long items)
            {
                state.Items = items;
            }

            if (type is "low" or "empty" or "fault")
            {
                _alerts.Add(new Alert(now, node.Key + "/" + lane, type, Str(json, "reason") ?? $"{state.Items} left"));
            }
            else if (type == "unexplained")
            {
                // A load that is no whole number of items stayed on the lane: staff should look (reason check-lane).
                _alerts.Add(new Alert(now, node.Key + "/" + lane, type, "check lane: " + state.LastEvent.Substring(type.Length).Trim() + " unexplained"));
            }

            _record = new LaneRecord(now, state.Key, type, state.Items, Long(json, "quantity"), state.EmptyInS);
            return Describe("stock", node.Key + "/" + lane, ("type", type), ("items", state.Items), ("seq", seq));
        }

        private string ApplyLevel(string deviceKey, string lane, JsonElement json, DateTime now)
        {
            LaneState state = Lane(deviceKey + "/" + lane);
            state.Items = Long(json, "items") ?? state.Items;
            state.Grams = Double(json, "grams") ?? state.Grams;
            state.State = Str(json, "state") ?? state.State;
            state.EmptyInS = Double(json, "emptyInS");
            state.RatePerH = Double(json, "ratePerH");
            state.LevelUtc = now;
            _record = new LaneRecord(now, state.Key, "level", state.Items, null, state.EmptyInS);
            return Describe("lane", state.Key, ("items", state.Items), ("state", state.State));
        }

        private string ApplyProximity(NodeState node, JsonElement json, string payload)
        {
            _proximityPayloads.Add(payload);
            string type = Str(json, "type") ?? "?";
            string zone = Str(json, "zone") ?? "?";
            ZoneState z = Zone(node.Key + "/" + zone);
            switch (type)
            {
                case "enter":
                    z.Present++;
                    break;
                case "exit":
                    z.Present = Math.Max(0, z.Present - 1);
                    if (Double(json, "dwellS") is double dwell)
                    {
                        z.LastDwellS = dwell;
                    }

                    break;
                case "aggregate":
                    z.LastBucketCount = Long(json, "count") ?? z.LastBucketCount;
                    z.Buckets++;
                    break;
            }

            if (json.TryGetProperty("id", out _))
            {
                z.ConsentedIds++;
            }

            return Describe("zone", z.Key, ("type", type), ("present", z.Present));
        }

        private LaneState Lane(string key)
        {
            if (!_lanes.TryGetValue(key, out LaneState lane))
            {
                lane = new LaneState { Key = key };
                _lanes[key] = lane;
            }

            return lane;
        }

        private ZoneState Zone(string key)
        {
            if (!_zones.TryGetValue(key, out ZoneState zone))
            {
                zone = new ZoneState { Key = key };
                _zones[key] = zone;
            }

            return zone;
        }

        private static string Describe(string kind, string key, params (string Name, object Value)[] fields)
        {
            var dict = new Dictionary<string, object> { ["kind"] = kind, ["key"] = key };
            foreach ((string name, object value) in fields)
            {
                dict[name] = value;
            }

            return JsonSerializer.Serialize(dict);
        }

        private static string Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static long? Long(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long l) ? l : null;

        private static double? Double(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    }

    public sealed class NodeState
    {
        private readonly Dictionary<long, HashSet<long>> _seen = new Dictionary<long, HashSet<long>>();

        public string Key { get; set; }

        public string State { get; set; } = "?";

        public string Firmware { get; set; }

        public long UptimeS { get; set; }

        public long Boot { get; set; }

        public long Dropped { get; set; }

        /// <summary>Free managed heap in bytes from the last status, when the node publishes it.</summary>
        public long? FreeHeap { get; set; }

        /// <summary>Proximity nodes: the channel the zones use, e.g. "neighbours -61.3 dBm n 2.71, 412 samples" (status <c>channel</c>).</summary>
        public string Channel { get; set; }

        /// <summary>Why the node last reset (<c>power-on</c>, <c>command</c>, <c>config</c>), when published.</summary>
        public string Reset { get; set; }

        public string ConfigError { get; set; }

        public DateTime LastSeenUtc { get; set; }

        public int Malformed { get; set; }

        public long Duplicates { get; private set; }

        public long Gaps { get; private set; }

        public List<string> Transitions { get; private set; } = new List<string>();

        /// <summary>Counts duplicates (a seq seen twice in one boot) and gaps (seqs missing below the highest seen).</summary>
        public void TrackSeq(long boot, long seq)
        {
            if (!_seen.TryGetValue(boot, out HashSet<long> seen))
            {
                seen = new HashSet<long>();
                _seen[boot] = seen;
            }

            if (!seen.Add(seq))
            {
                Duplicates++;
            }

            long gaps = 0;
            foreach (KeyValuePair<long, HashSet<long>> b in _seen)
            {
                long max = b.Value.Max();
                gaps += max - b.Value.Count;
            }

            Gaps = gaps;
        }

        public NodeState Clone()
        {
            var c = (NodeState)MemberwiseClone();
            c.Transitions = new List<string>(Transitions);
            return c;
        }
    }

    public sealed class LaneState
    {
        public string Key { get; set; }

        public long Items { get; set; } = -1;

        public double Grams { get; set; }

        public string State { get; set; } = "?";

        public double? EmptyInS { get; set; }

        /// <summary>Depletion rate in items per hour from the last level, when the node has one.</summary>
        public double? RatePerH { get; set; }

        /// <summary>When the last level (and so <see cref="EmptyInS"/>) arrived.</summary>
        public DateTime LevelUtc { get; set; }

        public string LastEvent { get; set; }

        public DateTime LastEventUtc { get; set; }

        public LaneState Clone() => (LaneState)MemberwiseClone();
    }

    public sealed class ZoneState
    {
        public string Key { get; set; }

        public long Present { get; set; }

        public long LastBucketCount { get; set; }

        public long Buckets { get; set; }

        public double LastDwellS { get; set; }

        public long ConsentedIds { get; set; }

        public ZoneState Clone() => (ZoneState)MemberwiseClone();
    }

    /// <summary>One stock event or level of a lane (<c>store/device/lane</c>), as <see cref="StoreView.Recorded"/> reports it.</summary>
    /// <param name="Type"><c>level</c>, or the stock event's type (pick, restock, low, empty, fault, unexplained).</param>
    public sealed record LaneRecord(DateTime AtUtc, string LaneKey, string Type, long Items, long? Quantity, double? EmptyInS);

    public sealed record Alert(DateTime AtUtc, string Subject, string Kind, string Detail);
}
