using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Beacons.Emulator;
using Beacons.Shared.Messaging;
using Beacons.Tests.Integration.Firmware;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// The real firmware on the virtual device against a real mosquitto: every topic it publishes has a channel in
    /// docs/asyncapi.yaml, every payload matches that channel's schema, QoS is the binding's, and what the broker keeps
    /// retained is exactly what the bindings call retained (cmd/result not). Its Home Assistant documents follow Home
    /// Assistant's rules and their templates render the node's own retained payloads.
    /// </summary>
    [TestClass]
    public sealed class RunningNodeContractTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        [TestMethod]
        public void ShelfScannerNode_EveryPublicationMatchesTheContract()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var cell = new LoadCellModel(new LoadCellParameters(), new LoadCellScenario(355, 10), 5);
            VirtualStoreNode node = ProvisionedNode.Create("contract-node-", $$"""
                {"schema":1,"store":"s001","device":"h1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},"commands":{"key":"{{Key}}"},
                 "homeAssistant":{"discovery":true,"configurationUrl":"https://docs.example/retail/mqtt.md"},
                 "proximity":{"zones":[{"name":"near","maxMeters":1.5},{"name":"aisle_3","maxMeters":4}]},
                 "lanes":[{"id":"a1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,{{ProvisionedNode.Calibration(cell)}}},
                          {"id":"b.2","doutPin":34,"pdSckPin":26,"spiBus":2,"unitGrams":355,"lowItems":3,"emptyItems":0,{{ProvisionedNode.Calibration(cell)}}}]}
                """, $"mqtt://127.0.0.1:{broker.Port}");
            new Hx711Chip(cell, 10).AttachTo(node.Node.Board, 19, 23);
            var unplugged = new LoadCellModel(new LoadCellParameters(), new LoadCellScenario(355, 10).Unplug(4000, 120_000), 6);
            new Hx711Chip(unplugged, 10).AttachTo(node.Node.Board, 34, 26); // lane b.2 is unplugged after 4 s: a fault
            using MqttProbe live = MqttProbe.Plain(broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, live.Client.Connect(MqttProbe.NewId("contract")));
            live.SubscribeAndWait("#", MqttQoSLevel.AtLeastOnce);
            node.Boot();

            const int Discovery = 1 + (4 * 2) + (2 * 2);
            var seen = new List<MqttMsgPublishEventArgs>();
            var latest = new Dictionary<string, string>();
            bool commandSent = false;
            DateTime deadline = DateTime.UtcNow.AddSeconds(40);
            while (DateTime.UtcNow < deadline)
            {
                if (live.Received.TryTake(out MqttMsgPublishEventArgs msg, 200))
                {
                    seen.Add(msg);
                    latest[msg.Topic] = MqttProbe.Text(msg);
                }

                int docs = latest.Keys.Count(t => t.StartsWith("homeassistant/", StringComparison.Ordinal));
                bool levels = latest.ContainsKey("retail/v1/s001/h1/stock/a1") && latest.TryGetValue("retail/v1/s001/h1/stock/b.2", out string b2) && b2.Contains("\"state\":\"fault\"");
                if (!commandSent && docs == Discovery)
                {
                    long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    live.Client.Publish("retail/v1/s001/h1/cmd", Encoding.UTF8.GetBytes(CommandAuthenticator.Sign(Key,
                        $"{{\"id\":\"k1\",\"device\":\"h1\",\"ts\":{now},\"nonce\":\"0123456789abcdef\",\"cmd\":\"status\"}}")), null, null, MqttQoSLevel.AtLeastOnce, false);
                    commandSent = true;
                }

                if (docs == Discovery && levels && latest.ContainsKey("retail/v1/s001/h1/cmd/result") && latest.ContainsKey("retail/v1/s001/h1/privacy"))
                {
                    break;
                }
            }

            Assert.AreEqual(Discovery, latest.Keys.Count(t => t.StartsWith("homeassistant/", StringComparison.Ordinal)), "discovery documents: " + string.Join(", ", latest.Select(kv => kv.Key + " " + kv.Value)) + " crash " + node.Node.LastCrash);
            Assert.IsTrue(latest.ContainsKey("retail/v1/s001/h1/cmd/result"), "a command result");
            Assert.IsTrue(latest["retail/v1/s001/h1/stock/b.2"].Contains("\"state\":\"fault\""), "the unplugged lane's retained level says fault: " + latest["retail/v1/s001/h1/stock/b.2"]);

            // Every publication: a channel, its schema, its QoS.
            var channels = new HashSet<string>();
            foreach (MqttMsgPublishEventArgs msg in seen)
            {
                ContractChannel channel = AsyncApiContract.Match(msg.Topic);
                Assert.IsNotNull(channel, "no channel in docs/asyncapi.yaml for " + msg.Topic);
                ContractSchemas.AssertValid(channel.Schema, MqttProbe.Text(msg));
                if (channel.Action == "send")
                {
                    Assert.AreEqual(channel.Qos, (int)msg.QosLevel, msg.Topic + ": QoS of " + channel.Name);
                    channels.Add(channel.Name);
                }
            }

            // The Home Assistant documents against HA's rules, their templates against the node's own payloads.
            foreach (string topic in latest.Keys.Where(t => t.StartsWith("homeassistant/", StringComparison.Ordinal)))
            {
                Dictionary<string, JsonElement> keys = HomeAssistantRules.Check(topic, "homeassistant", latest[topic]);
                string stateTopic = keys["state_topic"].GetString();
                if (latest.TryGetValue(stateTopic, out string state))
                {
                    string rendered = JinjaSubset.Render(keys["value_template"].GetString(), state);
                    Assert.IsFalse(string.IsNullOrEmpty(rendered), topic);
                    if (topic.Contains("lane_b_2e2_problem"))
                    {
                        Assert.AreEqual("ON", rendered, "the unplugged lane's problem sensor");
                    }
                }
                else
                {
                    StringAssert.Contains(stateTopic, "/zones/", topic + ": only a zone waits for its first bucket");
                }

                if (keys.TryGetValue("availability_template", out JsonElement availability))
                {
                    Assert.AreEqual("online", JinjaSubset.Render(availability.GetString(), latest["retail/v1/s001/h1/status"]), topic);
                }
            }

            CollectionAssert.Contains(latest.Keys.ToList(), "homeassistant/sensor/s001-h1/zone_aisle_5f3_visitors/config");

            // The Last Will, then what the broker keeps retained: exactly the channels bound as retained.
            node.Kill();
            MqttMsgPublishEventArgs will;
            do
            {
                will = MqttProbe.Take(live.Received, "the Last Will");
            }
            while (will.Topic != "retail/v1/s001/h1/status" || !MqttProbe.Text(will).Contains("\"offline\""));
            ContractSchemas.AssertValid("node-status", MqttProbe.Text(will));

            using MqttProbe late = MqttProbe.Plain(broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, late.Client.Connect(MqttProbe.NewId("late")));
            late.SubscribeAndWait("#", MqttQoSLevel.AtLeastOnce);
            var retained = new Dictionary<string, ContractChannel>();
            while (late.Received.TryTake(out MqttMsgPublishEventArgs msg, 1000))
            {
                Assert.IsTrue(msg.Retain, msg.Topic);
                ContractChannel channel = AsyncApiContract.Match(msg.Topic);
                Assert.IsNotNull(channel, msg.Topic);
                Assert.IsTrue(channel.Retain, msg.Topic + " is retained but " + channel.Name + " is not bound retain: true");
                retained[msg.Topic] = channel;
            }

            Assert.IsFalse(retained.ContainsKey("retail/v1/s001/h1/cmd/result"), "cmd/result is not retained");
            foreach (string name in channels.Where(n => AsyncApiContract.Channels.Single(c => c.Name == n).Retain))
            {
                Assert.IsTrue(retained.Values.Any(c => c.Name == name), name + " is bound retain: true but nothing of it is retained");
            }

            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
        }
    }
}
