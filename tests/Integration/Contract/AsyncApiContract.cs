using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using YamlDotNet.RepresentationModel;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>One channel of docs/asyncapi.yaml with what its operation's MQTT binding says.</summary>
    internal sealed record ContractChannel(string Name, string Address, Regex Pattern, string Schema, string Action, int Qos, bool Retain, string ContentType = "application/json")
    {
        /// <summary>A binary payload (bundle chunks): its schema documents it, no JSON example or validation applies.</summary>
        public bool IsBinary => ContentType == "application/octet-stream";
    }

    /// <summary>
    /// docs/asyncapi.yaml read as data (YamlDotNet; anchors and aliases resolved): each channel's address as a topic
    /// pattern (a <c>{parameter}</c> is one level), the schema file its message payload references, and QoS and retain
    /// from the MQTT binding of the operation on it. Malformed entries fail the test that loads them.
    /// </summary>
    internal static class AsyncApiContract
    {
        private static readonly Lazy<IReadOnlyList<ContractChannel>> Loaded = new Lazy<IReadOnlyList<ContractChannel>>(Load);

        public static IReadOnlyList<ContractChannel> Channels => Loaded.Value;

        public static YamlMappingNode Root()
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(ContractSchemas.RepoRoot(), "docs", "asyncapi.yaml")))
            {
                yaml.Load(reader);
            }

            return (YamlMappingNode)yaml.Documents[0].RootNode;
        }

        /// <summary>The channel whose address matches <paramref name="topic"/>, or null.</summary>
        public static ContractChannel Match(string topic)
        {
            ContractChannel[] hits = Channels.Where(c => c.Pattern.IsMatch(topic)).ToArray();
            Assert.IsTrue(hits.Length <= 1, topic + " matches " + string.Join(", ", hits.Select(h => h.Name)));
            return hits.Length == 0 ? null : hits[0];
        }

        private static IReadOnlyList<ContractChannel> Load()
        {
            YamlMappingNode root = Root();
            var channels = (YamlMappingNode)root["channels"];
            var operations = (YamlMappingNode)root["operations"];
            var schemas = (YamlMappingNode)((YamlMappingNode)root["components"])["schemas"];
            var result = new List<ContractChannel>();
            foreach (KeyValuePair<YamlNode, YamlNode> entry in channels.Children)
            {
                string name = entry.Key.ToString();
                var channel = (YamlMappingNode)entry.Value;
                string address = channel["address"].ToString();
                var messages = (YamlMappingNode)channel["messages"];
                Assert.AreEqual(1, messages.Children.Count, name + ": one message per channel");
                var message = (YamlMappingNode)messages.Children.Values.Single();
                var payload = (YamlMappingNode)message["payload"];
                string contentType = message.Children.ContainsKey("contentType") ? message["contentType"].ToString() : "application/json";
                string component = Suffix(payload["$ref"].ToString(), "#/components/schemas/", name);
                string file = ((YamlMappingNode)schemas[component])["$ref"].ToString();
                Match m = Regex.Match(file, @"^\./schemas/(?<n>[a-z-]+)\.schema\.json$");
                Assert.IsTrue(m.Success, name + ": schema reference " + file);

                YamlMappingNode[] ops = operations.Children.Values.Cast<YamlMappingNode>()
                    .Where(o => ((YamlMappingNode)o["channel"])["$ref"].ToString() == "#/channels/" + name).ToArray();
                Assert.AreEqual(1, ops.Length, name + ": exactly one operation");
                YamlMappingNode op = ops[0];
                Assert.IsTrue(op.Children.ContainsKey("bindings"), name + ": QoS and retain belong in an MQTT binding");
                var mqtt = (YamlMappingNode)((YamlMappingNode)op["bindings"])["mqtt"];
                int qos = int.Parse(mqtt["qos"].ToString());
                Assert.IsTrue(qos is >= 0 and <= 2, name + ": qos " + qos);
                bool retain = bool.Parse(mqtt["retain"].ToString());
                Assert.AreEqual("0.2.0", mqtt["bindingVersion"].ToString(), name);

                var pattern = new Regex("^" + string.Join("/", address.Split('/').Select(l => l.StartsWith('{') && l.EndsWith('}') ? "[^/+#]+" : Regex.Escape(l))) + "$");
                result.Add(new ContractChannel(name, address, pattern, m.Groups["n"].Value, op["action"].ToString(), qos, retain, contentType));
            }

            return result;
        }

        private static string Suffix(string value, string prefix, string context)
        {
            Assert.IsTrue(value.StartsWith(prefix, StringComparison.Ordinal), context + ": " + value);
            return value.Substring(prefix.Length);
        }
    }
}
