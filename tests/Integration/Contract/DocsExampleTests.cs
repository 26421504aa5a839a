using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using YamlDotNet.RepresentationModel;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// docs/asyncapi.yaml is complete and well-formed, and every JSON example in docs/mqtt.md is valid against the
    /// schema of the channel its topic belongs to: a table row <c>| `topic` … | `{…}` |</c>, or a fenced block
    /// <c>```json topic=…</c>. A topic relative to the node (<c>stock/&lt;lane&gt;</c>) is taken under
    /// <c>retail/v1/s001/n01/</c> (a store-level one is written out from <c>retail/</c>), a <c>&lt;placeholder&gt;</c> as one level.
    /// </summary>
    [TestClass]
    public sealed class DocsExampleTests
    {
        private static readonly Regex Row = new Regex(@"^\|\s*`(?<topic>[^`]+)`[^|]*\|\s*`(?<json>\{.*\})`\s*\|\s*$");
        private static readonly Regex Fence = new Regex(@"^```json(?<info>.*)$");

        [TestMethod]
        public void AsyncApi_EveryChannelHasASchemaAndAnMqttBinding()
        {
            IReadOnlyList<ContractChannel> channels = AsyncApiContract.Channels;
            Assert.IsTrue(channels.Count >= 10, "channels: " + channels.Count);
            foreach (ContractChannel c in channels)
            {
                Assert.IsNotNull(ContractSchemas.Load(c.Schema), c.Name);
                Assert.IsTrue(c.Action is "send" or "receive", c.Name);
            }

            // The decisions the contract states, as bindings rather than prose.
            Assert.IsFalse(Channel("commandResult").Retain, "cmd/result is not retained: late subscribers must not see stale results");
            Assert.AreEqual(1, Channel("commandResult").Qos);
            Assert.IsTrue(Channel("status").Retain && Channel("stockLevel").Retain && Channel("zoneLevel").Retain && Channel("privacy").Retain);
            Assert.IsTrue(Channel("homeAssistantSensor").Retain && Channel("homeAssistantBinarySensor").Retain);
            Assert.AreEqual(0, Channel("proximityEvents").Qos);
            Assert.AreEqual(1, Channel("stockEvents").Qos);
            Assert.IsFalse(Channel("stockEvents").Retain);
            Assert.IsTrue(Channel("bundleManifest").Retain && Channel("bundleChunk").Retain, "bundles are retained: a node fetches each part when it wants it");
            Assert.IsTrue(Channel("bundleChunk").IsBinary && Channel("bundleChunk").Qos == 1);

            YamlMappingNode will = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)AsyncApiContract.Root()["servers"])["store-broker"])["bindings"])["mqtt"];
            var lastWill = (YamlMappingNode)will["lastWill"];
            Assert.AreEqual(Channel("status").Address, lastWill["topic"].ToString());
            Assert.AreEqual("1", lastWill["qos"].ToString());
            Assert.AreEqual("true", lastWill["retain"].ToString());
        }

        [TestMethod]
        public void MqttMd_EveryJsonExampleMatchesItsChannelSchema()
        {
            string[] lines = File.ReadAllLines(Path.Combine(ContractSchemas.RepoRoot(), "docs", "mqtt.md"));
            var examples = new List<(int Line, string Topic, string Json)>();
            for (int i = 0; i < lines.Length; i++)
            {
                Match row = Row.Match(lines[i]);
                if (row.Success)
                {
                    examples.Add((i + 1, row.Groups["topic"].Value, row.Groups["json"].Value));
                    continue;
                }

                Match fence = Fence.Match(lines[i]);
                if (fence.Success)
                {
                    Match topic = Regex.Match(fence.Groups["info"].Value, @"\btopic=(?<t>\S+)");
                    Assert.IsTrue(topic.Success, $"mqtt.md:{i + 1}: a ```json block names its topic (```json topic=...)");
                    int start = i + 1;
                    while (++i < lines.Length && !lines[i].StartsWith("```"))
                    {
                    }

                    examples.Add((start, topic.Groups["t"].Value, string.Join("\n", lines, start, i - start)));
                }
            }

            var covered = new HashSet<string>();
            foreach ((int line, string topic, string json) in examples)
            {
                string concrete = Regex.Replace(topic.StartsWith("homeassistant/") || topic.StartsWith("retail/") ? topic : "retail/v1/s001/n01/" + topic, "<[^>/]+>", "x1");
                ContractChannel channel = AsyncApiContract.Match(concrete);
                Assert.IsNotNull(channel, $"mqtt.md:{line}: no channel in asyncapi.yaml for {topic}");
                StringAssert.DoesNotMatch(json, new Regex("…"), $"mqtt.md:{line}: an example is complete");
                try
                {
                    ContractSchemas.AssertValid(channel.Schema, json);
                }
                catch (AssertFailedException ex)
                {
                    throw new AssertFailedException($"mqtt.md:{line} ({topic}): {ex.Message}");
                }

                covered.Add(channel.Name);
            }

            string[] missing = AsyncApiContract.Channels.Where(c => !c.IsBinary).Select(c => c.Name).Where(n => !covered.Contains(n)).ToArray();
            Assert.AreEqual(0, missing.Length, "channels without an example in docs/mqtt.md: " + string.Join(", ", missing));
        }

        [TestMethod]
        public void Schemas_RejectTheOldExamples()
        {
            // What docs/mqtt.md used to show: a stock/<lane> level without boot/seq/ts, and snake_case fields.
            Assert.IsFalse(ContractSchemas.IsValid("stock-event", "{\"type\":\"level\",\"lane\":\"a1\",\"items\":11,\"quantity\":0,\"grams\":3850.4,\"state\":\"ok\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("proximity-event", "{\"type\":\"dwell\",\"zone\":\"near\",\"seq\":2,\"ts\":\"2026-11-22T10:16:03Z\",\"id\":\"399b1125ec7523ec\",\"dwell_s\":60}"));
            Assert.IsFalse(ContractSchemas.IsValid("stock-event", "{\"type\":\"pick\",\"lane\":\"a/1\",\"items\":1,\"quantity\":1,\"grams\":-1,\"boot\":1,\"seq\":1,\"ts\":null}"), "a lane id is one topic level");
            Assert.IsFalse(ContractSchemas.IsValid("command-result", "{\"id\":\"c\",\"ok\":false,\"code\":\"timeout\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("ha-discovery", "{\"name\":\"x\",\"uniq_id\":\"s-n_x\",\"stat_t\":\"t\",\"val_tpl\":\"{{ value_json.x }}\",\"dev\":{\"ids\":[\"s-n\"]},\"state_topic\":\"t\"}"));
        }

        private static ContractChannel Channel(string name) => AsyncApiContract.Channels.Single(c => c.Name == name);
    }
}
