using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Beacons.Shared.Messaging;
using Beacons.Shared.Proximity;
using Beacons.Shared.Shelf;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// The firmware's Home Assistant discovery documents against Home Assistant's documented discovery rules
    /// (<see cref="HomeAssistantRules"/>) and docs/schemas/ha-discovery.schema.json, and every value and availability
    /// template evaluated against the payloads the firmware's own formatters produce for the topics they read.
    /// </summary>
    [TestClass]
    public sealed class HomeAssistantContractTests
    {
        private const string Prefix = "homeassistant";
        private static readonly string[] Lanes = { "a1", "b.2" };
        private static readonly string[] Zones = { "near", "endcap-3" };

        [TestMethod]
        public void Documents_FollowHomeAssistantsDiscoveryRulesAndTheSchema()
        {
            List<(string Topic, string Payload)> docs = Documents(Discovery("s001", "n01"));
            Assert.AreEqual(1 + (4 * Lanes.Length) + (2 * Zones.Length), docs.Count);
            foreach ((string topic, string payload) in docs)
            {
                HomeAssistantRules.Check(topic, Prefix, payload);
                ContractSchemas.AssertValid("ha-discovery", payload);
            }

            // Compact: abbreviated keys and the full device entry only once keep each document well under 512 B.
            int largest = docs.Max(d => Encoding.UTF8.GetByteCount(d.Payload));
            Assert.IsTrue(largest < 512, "largest discovery document " + largest + " B");
            CollectionAssert.AreEquivalent(new[] { "sensor", "binary_sensor" }, docs.Select(d => d.Topic.Split('/')[1]).Distinct().ToArray());
        }

        [TestMethod]
        public void UniqueIds_UniqueAcrossEntitiesAndNodesAndMatchTheirTopic()
        {
            var ids = new HashSet<string>();
            var topics = new HashSet<string>();
            foreach (HomeAssistantDiscovery ha in new[] { Discovery("s001", "n01"), Discovery("s001", "n02"), Discovery("s002", "n01") })
            {
                foreach ((string topic, string payload) in Documents(ha))
                {
                    Dictionary<string, JsonElement> keys = HomeAssistantRules.Check(topic, Prefix, payload);
                    string id = keys["unique_id"].GetString();
                    Assert.IsTrue(ids.Add(id), "unique_id twice: " + id);
                    Assert.IsTrue(topics.Add(topic), "topic twice: " + topic);
                    string[] levels = topic.Split('/');
                    Assert.AreEqual(levels[2] + "_" + levels[3], id, "unique_id = <node_id>_<object_id>");
                }
            }

            // Lane ids a_1 and a.1 are different lanes: their object ids must differ too.
            var tricky = new HomeAssistantDiscovery(Prefix, "s001", "n01", new TopicTree("retail/v1", "s001", "n01"), "0.1.0", "m", null,
                new[] { "a_1", "a.1", "a-1" }, null, null, 300);
            Assert.AreEqual(tricky.Count, Documents(tricky).Select(d => d.Topic).Distinct().Count());
        }

        [TestMethod]
        public void OneDeviceRegistryEntryPerNode_WithModelSwVersionAndConfigurationUrl()
        {
            var full = new List<Dictionary<string, JsonElement>>();
            List<(string Topic, string Payload)> docs = Documents(Discovery("s001", "n01"));
            foreach ((string topic, string payload) in docs)
            {
                Dictionary<string, JsonElement> keys = HomeAssistantRules.Check(topic, Prefix, payload);
                Assert.AreEqual("s001-n01", HomeAssistantRules.DeviceId(keys), topic);
                if (keys["device"].EnumerateObject().Count() > 1)
                {
                    full.Add(keys);
                }
            }

            Assert.AreEqual(1, full.Count, "one document carries the device entry; the others link to it by identifier");
            JsonElement device = full[0]["device"];
            Assert.AreEqual("ESP32 store node (shelf scanner)", device.GetProperty("mdl").GetString());
            Assert.AreEqual("0.1.0", device.GetProperty("sw").GetString());
            Assert.AreEqual("https://docs.example/retail/mqtt.md", device.GetProperty("cu").GetString());
            Assert.AreEqual("Node s001/n01", device.GetProperty("name").GetString());
        }

        [TestMethod]
        public void Availability_FollowsTheRetainedStatusAndItsLastWill()
        {
            var topics = new TopicTree("retail/v1", "s001", "n01");
            var w = new JsonWriter(256);
            var status = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "0.1.0", UptimeS = 5, FreeHeapBytes = 1024, ResetReason = "power-on", ConfigVersion = 2, Boot = 3 };
            status.WriteJson(w);
            string online = w.ToString();
            status.State = NodeStatus.SafeMode;
            status.ConfigError = "lanes[0].unitGrams: must be between 1 and 50000";
            status.WriteJson(w);
            string safeMode = w.ToString();
            string lastWill = NodeStatus.OfflinePayload("0.1.0", 3);
            foreach ((string topic, string payload) in Documents(Discovery("s001", "n01")))
            {
                Dictionary<string, JsonElement> keys = HomeAssistantRules.Check(topic, Prefix, payload);
                if (topic.EndsWith("/status/config", StringComparison.Ordinal))
                {
                    // The status entity itself stays available and shows offline / safe-mode.
                    Assert.IsFalse(keys.ContainsKey("availability_topic"), topic);
                    string[] options = keys["options"].EnumerateArray().Select(o => o.GetString()).ToArray();
                    foreach (string p in new[] { online, safeMode, lastWill })
                    {
                        string state = JinjaSubset.Render(keys["value_template"].GetString(), p);
                        CollectionAssert.Contains(options, state, p);
                        Assert.AreEqual(JsonDocument.Parse(p).RootElement.GetProperty("state").GetString(), state);
                    }

                    continue;
                }

                Assert.AreEqual(topics.Status, keys["availability_topic"].GetString(), topic);
                string template = keys["availability_template"].GetString();
                Assert.AreEqual("online", JinjaSubset.Render(template, online), topic);
                Assert.AreEqual("offline", JinjaSubset.Render(template, lastWill), "the Last Will makes " + topic + " unavailable");
                Assert.AreEqual("offline", JinjaSubset.Render(template, safeMode), topic);
            }
        }

        [TestMethod]
        public void Templates_ExtractTheirFieldFromTheFirmwaresRealPayloads()
        {
            Dictionary<string, List<string>> real = RealPayloads();
            var seen = new HashSet<string>();
            foreach ((string topic, string payload) in Documents(Discovery("s001", "n01")))
            {
                Dictionary<string, JsonElement> keys = HomeAssistantRules.Check(topic, Prefix, payload);
                string stateTopic = keys["state_topic"].GetString();
                if (keys.TryGetValue("json_attributes_topic", out JsonElement attributes))
                {
                    Assert.AreEqual(stateTopic, attributes.GetString(), topic);
                }

                if (topic.EndsWith("/status/config", StringComparison.Ordinal))
                {
                    continue; // Availability_FollowsTheRetainedStatusAndItsLastWill
                }

                Assert.IsTrue(real.TryGetValue(stateTopic, out List<string> payloads) && payloads.Count > 0, topic + ": no real payload on " + stateTopic);
                string template = keys["value_template"].GetString();
                string objectId = topic.Split('/')[3];
                foreach (string p in payloads)
                {
                    JsonElement json = JsonDocument.Parse(p).RootElement;
                    Assert.AreEqual(JsonValueKind.Object, json.ValueKind, "json_attributes need an object");
                    string rendered = JinjaSubset.Render(template, p);
                    if (objectId.EndsWith("_items", StringComparison.Ordinal))
                    {
                        Assert.AreEqual(json.GetProperty("items").GetInt64().ToString(), rendered, p);
                    }
                    else if (objectId.EndsWith("_state", StringComparison.Ordinal))
                    {
                        CollectionAssert.Contains(keys["options"].EnumerateArray().Select(o => o.GetString()).ToArray(), rendered, p);
                        Assert.AreEqual(json.GetProperty("state").GetString(), rendered);
                        seen.Add("state:" + rendered);
                    }
                    else if (objectId.EndsWith("_empty_in", StringComparison.Ordinal))
                    {
                        JsonElement empty = json.GetProperty("emptyInS");
                        Assert.AreEqual(empty.ValueKind == JsonValueKind.Null ? "None" : empty.GetInt64().ToString(), rendered, p);
                        Assert.IsTrue(rendered == "None" || long.TryParse(rendered, out long s) && s >= 0, "a duration or unknown: " + rendered);
                        seen.Add(rendered == "None" ? "empty:unknown" : "empty:seconds");
                    }
                    else if (objectId.EndsWith("_problem", StringComparison.Ordinal))
                    {
                        Assert.AreEqual(json.GetProperty("state").GetString() == "fault" ? "ON" : "OFF", rendered, p);
                        seen.Add("problem:" + rendered);
                    }
                    else if (objectId.EndsWith("_visitors", StringComparison.Ordinal))
                    {
                        Assert.AreEqual(json.GetProperty("count").GetInt64().ToString(), rendered, p);
                    }
                    else if (objectId.EndsWith("_occupancy", StringComparison.Ordinal))
                    {
                        Assert.AreEqual(json.GetProperty("count").GetInt64() > 0 ? "ON" : "OFF", rendered, p);
                        seen.Add("occupancy:" + rendered);
                    }
                    else
                    {
                        Assert.Fail("no expectation for " + objectId);
                    }
                }
            }

            foreach (string expected in new[] { "state:ok", "state:low", "state:empty", "state:fault", "empty:unknown", "empty:seconds", "problem:ON", "problem:OFF", "occupancy:ON" })
            {
                Assert.IsTrue(seen.Contains(expected), expected + " never rendered; seen " + string.Join(",", seen));
            }
        }

        [TestMethod]
        public void Evaluator_RejectsWhatItCannotEvaluate()
        {
            string level = "{\"type\":\"level\",\"lane\":\"a1\",\"items\":3,\"state\":\"low\",\"emptyInS\":null}";
            Assert.AreEqual("3", JinjaSubset.Render("{{ value_json.items }}", level));
            Assert.AreEqual("low", JinjaSubset.Render("{{ value_json['state'] }}", level));
            Assert.AreEqual("None", JinjaSubset.Render("{{ value_json.emptyInS }}", level));
            Assert.AreEqual("ON", JinjaSubset.Render("{{ 'ON' if value_json.items > 2 else 'OFF' }}", level));
            Assert.ThrowsExactly<NotSupportedException>(() => JinjaSubset.Render("{{ value_json.items | int }}", level));
            Assert.ThrowsExactly<NotSupportedException>(() => JinjaSubset.Render("{% if value_json.items %}ON{% endif %}", level));
            Assert.ThrowsExactly<NotSupportedException>(() => JinjaSubset.Render("{{value_json.items}}", level));
            Assert.ThrowsExactly<NotSupportedException>(() => JinjaSubset.Render("{{ 'ON' if value_json.state > 2 else 'OFF' }}", level));
            Assert.ThrowsExactly<NotSupportedException>(() => JinjaSubset.Render("{{ 'ON' if value_json.emptyInS > 0 else 'OFF' }}", level));
            Assert.ThrowsExactly<KeyNotFoundException>(() => JinjaSubset.Render("{{ value_json.count }}", level));
        }

        [TestMethod]
        public void Rules_RejectWhatHomeAssistantRejects()
        {
            const string ok = "\"uniq_id\":\"s-n_x\",\"stat_t\":\"t\",\"val_tpl\":\"{{ value_json.state }}\",\"dev\":{\"ids\":[\"s-n\"]}";
            HomeAssistantRules.Check("homeassistant/sensor/s-n/x/config", Prefix, "{" + ok + "}");
            Rejected("homeassistant/sensor/s-n/x/config", "{\"uniq_id\":\"s-n_x\",\"val_tpl\":\"{{ value_json.state }}\",\"dev\":{\"ids\":[\"s-n\"]}}", "no state topic");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"state_topic\":\"t\"}", "abbreviated and full key");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"stat_tp\":\"t\"}", "misspelt key");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"dev_cla\":\"enum\"}", "enum without options");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"dev_cla\":\"enum\",\"ops\":[\"a\"],\"unit_of_meas\":\"items\"}", "enum with a unit");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"dev_cla\":\"duration\",\"unit_of_meas\":\"items\"}", "duration in items");
            Rejected("homeassistant/binary_sensor/s-n/x/config", "{" + ok + ",\"ops\":[\"a\"]}", "options on a binary sensor");
            Rejected("homeassistant/binary_sensor/s-n/x/config", "{" + ok + ",\"dev_cla\":\"fault\"}", "no such binary_sensor class");
            Rejected("homeassistant/sensor/s-n/x.y/config", "{" + ok + "}", "object id with a dot");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"ent_cat\":\"config\"}", "config category on a sensor");
            Rejected("homeassistant/sensor/s-n/x/config", "{" + ok + ",\"avty_t\":\"s\"}", "availability on a JSON status without a template");
            Rejected("homeassistant/sensor/s-n/x/config", "{\"uniq_id\":\"s-n_x\",\"stat_t\":\"t\",\"dev\":{\"ids\":[\"s-n\"],\"cu\":\"docs/mqtt.md\"}}", "relative configuration_url");
        }

        private static void Rejected(string topic, string payload, string why)
        {
            try
            {
                HomeAssistantRules.Check(topic, Prefix, payload);
            }
            catch (AssertFailedException)
            {
                return;
            }

            Assert.Fail("accepted: " + why);
        }

        private static HomeAssistantDiscovery Discovery(string store, string device) =>
            new HomeAssistantDiscovery(Prefix, store, device, new TopicTree("retail/v1", store, device), "0.1.0", "ESP32 store node (shelf scanner)",
                "https://docs.example/retail/mqtt.md", Lanes, new[] { "Cola 0.5 l", null }, Zones, 300);

        private static List<(string Topic, string Payload)> Documents(HomeAssistantDiscovery ha)
        {
            var w = new JsonWriter(512);
            var docs = new List<(string, string)>();
            for (int i = 0; i < ha.Count; i++)
            {
                docs.Add((ha.Topic(i), ha.Document(w, i)));
            }

            return docs;
        }

        /// <summary>Retained level payloads of each lane from the production chain, and zone aggregates from the real writer, by topic.</summary>
        private static Dictionary<string, List<string>> RealPayloads()
        {
            var topics = new TopicTree("retail/v1", "s001", "n01");
            var real = new Dictionary<string, List<string>>();
            foreach (string laneId in Lanes)
            {
                var payloads = new Payloads();
                var lane = new LaneOptions { Id = laneId, UnitGrams = 100, LowItems = 3, EmptyItems = 0, CountsPerGram = 200, ZeroCounts = 10000 };
                lane.Validate("lane");
                var replay = new ShelfReplay(lane, 1795000000000, payloads);
                int items = 6;
                long t = 0;
                for (int i = 0; i < 800; i++, t += 100)
                {
                    if (i % 100 == 50 && items > 0)
                    {
                        items -= items >= 4 ? 2 : 1;
                    }

                    bool unplugged = i >= 700 && i < 760;
                    replay.Push(t, unplugged ? -1 : 10000 + (200 * 100 * items) + ((i * 7919) % 60) - 30, unplugged ? SampleStatus.NoSensor : SampleStatus.Ok);
                }

                List<string> levels = payloads.All.Where(p => JsonDocument.Parse(p).RootElement.GetProperty("type").GetString() == "level").ToList();

                // The chain's fault event is not a level; the firmware (ShelfLanes) retains a level in state fault
                // beside it, formatted like this (RunningNodeContractTests sees the firmware's own).
                var fault = new StockEvent();
                fault.Clear();
                fault.Lane = laneId;
                fault.Items = 0;
                fault.Level = LaneLevel.Fault;
                var sb = new StringBuilder();
                StockEventJson.Write(sb, fault, 1, 0, "2026-11-18T11:07:50Z", false);
                levels.Add(sb.ToString());
                levels.ForEach(l => ContractSchemas.AssertValid("stock-event", l));
                real[topics.StockLevel(laneId)] = levels;
            }

            var writer = new ProximityEventWriter();
            var zones = new ZoneLevels(topics, Zones);
            foreach (string zone in Zones)
            {
                foreach (int count in new[] { 5, 9 })
                {
                    string aggregate = writer.Aggregate(zone, count, 1795000300000, 1795000000000, 300, count, new[] { 1, 2, count - 3, 0, 0, 0 }, 0);
                    string topic = zones.TopicFor(aggregate);
                    Assert.AreEqual(topics.Zone(zone), topic);
                    if (!real.TryGetValue(topic, out List<string> list))
                    {
                        real[topic] = list = new List<string>();
                    }

                    list.Add(aggregate);
                    ContractSchemas.AssertValid("proximity-event", aggregate);
                }
            }

            return real;
        }

        private sealed class Payloads : IStockPayloadListener
        {
            public List<string> All { get; } = new List<string>();

            public void OnStockPayload(string payload) => All.Add(payload);
        }
    }
}
