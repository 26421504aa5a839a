using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Beacons.Emulator.Monitor;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// What the page shows, as JSON, from a <see cref="StoreView"/>: per store its lanes, "runs out next", alerts
    /// (with their acknowledgement), nodes and zones. Zones carry counts and dwell only: no field of a proximity
    /// payload that could name a shopper is ever copied here, whatever the store's privacy policy allows.
    /// </summary>
    public static class ViewSnapshot
    {
        /// <summary>Lanes in a store's "runs out next" list.</summary>
        public const int RunsOutNextCount = 8;

        /// <summary>Alerts sent per store (the newest).</summary>
        public const int AlertsShown = 50;

        /// <param name="store">Only this store, or null for every store the subscriber sees (a chain-level user).</param>
        public static JsonObject Build(StoreView view, AlertAcks acks, string store, DateTime nowUtc)
        {
            IReadOnlyList<LaneState> lanes = view.Lanes;
            IReadOnlyList<NodeState> nodes = view.Nodes;
            IReadOnlyList<ZoneState> zones = view.Zones;
            IReadOnlyList<Alert> alerts = view.Alerts;
            var stores = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string key in nodes.Select(n => n.Key).Concat(lanes.Select(l => l.Key)))
            {
                stores.Add(StoreOf(key));
            }

            var storesJson = new JsonArray();
            foreach (string s in stores.Where(s => store == null || s == store))
            {
                storesJson.Add(Store(s, lanes, nodes, zones, alerts, acks, nowUtc));
            }

            return new JsonObject
            {
                ["now"] = nowUtc.ToString("O"),
                ["allStores"] = new JsonArray(stores.Select(s => (JsonNode)s).ToArray()),
                ["stores"] = storesJson,
            };
        }

        private static JsonObject Store(string store, IReadOnlyList<LaneState> lanes, IReadOnlyList<NodeState> nodes, IReadOnlyList<ZoneState> zones,
            IReadOnlyList<Alert> alerts, AlertAcks acks, DateTime now)
        {
            string prefix = store + "/";
            var lanesJson = new JsonArray();
            var next = new List<(DateTime At, JsonObject Lane)>();
            foreach (LaneState lane in lanes.Where(l => l.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                DateTime? emptyAt = DepletionPlot.PredictedEmptyUtc(lane);
                var json = new JsonObject
                {
                    ["key"] = lane.Key,
                    ["items"] = lane.Items < 0 ? null : lane.Items,
                    ["state"] = DisplayState(lane),
                    ["lastEvent"] = lane.LastEvent,
                    ["lastEventAt"] = lane.LastEventUtc == default ? null : lane.LastEventUtc.ToString("O"),
                    ["ratePerH"] = lane.RatePerH,
                    ["emptyAt"] = emptyAt?.ToString("O"),
                    ["emptyInS"] = emptyAt is DateTime at ? Math.Max(0, (at - now).TotalSeconds) : null,
                    ["version"] = Math.Max(lane.LevelUtc.Ticks, lane.LastEventUtc.Ticks).ToString(),
                };
                lanesJson.Add(json);
                if (emptyAt is DateTime e)
                {
                    next.Add((e, json));
                }
                else if (lane.Items == 0)
                {
                    next.Add((DateTime.MinValue, json));
                }
            }

            var nextJson = new JsonArray();
            foreach ((DateTime _, JsonObject lane) in next.OrderBy(n => n.At).Take(RunsOutNextCount))
            {
                nextJson.Add(new JsonObject { ["key"] = lane["key"]!.GetValue<string>(), ["items"] = lane["items"]?.DeepClone(), ["emptyAt"] = lane["emptyAt"]?.DeepClone(), ["state"] = lane["state"]!.GetValue<string>() });
            }

            var alertsJson = new JsonArray();
            var mine = new List<(int Id, Alert Alert)>();
            for (int i = 0; i < alerts.Count; i++)
            {
                if (alerts[i].Subject.StartsWith(prefix, StringComparison.Ordinal))
                {
                    mine.Add((i, alerts[i]));
                }
            }

            foreach ((int id, Alert alert) in mine.Skip(Math.Max(0, mine.Count - AlertsShown)).Reverse())
            {
                alertsJson.Add(new JsonObject
                {
                    ["id"] = id,
                    ["at"] = alert.AtUtc.ToString("O"),
                    ["subject"] = alert.Subject,
                    ["kind"] = alert.Kind,
                    ["detail"] = alert.Detail,
                    ["acked"] = acks.IsAcknowledged(id),
                });
            }

            var nodesJson = new JsonArray();
            foreach (NodeState node in nodes.Where(n => n.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                nodesJson.Add(new JsonObject
                {
                    ["key"] = node.Key,
                    ["state"] = node.State,
                    ["fw"] = node.Firmware,
                    ["boot"] = node.Boot,
                    ["uptimeS"] = node.UptimeS,
                    ["dropped"] = node.Dropped,
                    ["gaps"] = node.Gaps,
                    ["duplicates"] = node.Duplicates,
                    ["freeHeap"] = node.FreeHeap,
                    ["channel"] = node.Channel,
                    ["reset"] = node.Reset,
                    ["configError"] = node.ConfigError,
                    ["lastSeen"] = node.LastSeenUtc == default ? null : node.LastSeenUtc.ToString("O"),
                });
            }

            var zonesJson = new JsonArray();
            foreach (ZoneState zone in zones.Where(z => z.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                zonesJson.Add(new JsonObject
                {
                    ["key"] = zone.Key,
                    ["present"] = zone.Present,
                    ["lastAggregate"] = zone.Buckets == 0 ? null : zone.LastBucketCount,
                    ["aggregates"] = zone.Buckets,
                    ["lastDwellS"] = zone.LastDwellS > 0 ? zone.LastDwellS : null,
                });
            }

            return new JsonObject
            {
                ["store"] = store,
                ["lanes"] = lanesJson,
                ["runsOutNext"] = nextJson,
                ["alerts"] = alertsJson,
                ["nodes"] = nodesJson,
                ["zones"] = zonesJson,
            };
        }

        /// <summary>ok/low/empty/fault from the last level, or unexplained while a check-lane event is the newest news.</summary>
        public static string DisplayState(LaneState lane)
        {
            if (lane.LastEvent != null && lane.LastEvent.StartsWith("unexplained", StringComparison.Ordinal) && lane.LastEventUtc >= lane.LevelUtc)
            {
                return "unexplained";
            }

            return lane.State ?? "?";
        }

        public static string StoreOf(string key)
        {
            int slash = key.IndexOf('/');
            return slash < 0 ? key : key.Substring(0, slash);
        }
    }
}
