using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Beacons.Emulator;
using Beacons.Shared.Messaging;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>Signed remote commands to the real firmware over a real broker: one result each; bad ones change nothing.</summary>
    [TestClass]
    public sealed class CommandNodeTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        [TestMethod]
        public void SignedCommands_ResultPerCommand_ReplayAndForgeryRejected()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var cell = new LoadCellModel(new LoadCellParameters(), new LoadCellScenario(355, 10), 5);
            VirtualStoreNode node = ProvisionedNode.Create("cmd-node-", $$"""
                {"schema":1,"store":"s001","device":"c1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},"commands":{"key":"{{Key}}"},
                 "lanes":[{"id":"a1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, $"mqtt://127.0.0.1:{broker.Port}");
            new Hx711Chip(cell, 10).AttachTo(node.Node.Board, 19, 23);
            using BrokerWatch ops = BrokerWatch.Plain(broker.Port);
            ops.Connect(MqttProbe.NewId("ops"));
            ops.SubscribeAndWait("retail/v1/s001/c1/#");
            node.Boot();
            Next(ops, t => t.EndsWith("/status"));

            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            string setLane = CommandAuthenticator.Sign(Key, Body("k1", now, "0123456789abcdef", "\"cmd\":\"set-lane\",\"lane\":\"a1\",\"lowItems\":5"));
            Send(ops, setLane);
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "k1", true, null);

            Send(ops, setLane);
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "k1", false, "replayed");

            Send(ops, CommandAuthenticator.Sign(Key, Body("k2", now, "0123456789abcdee", "\"cmd\":\"set-lane\",\"lane\":\"a1\",\"unitGrams\":-5")));
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "k2", false, "invalid");

            Send(ops, CommandAuthenticator.Sign(new string('f', 64), Body("k3", now, "0123456789abcded", "\"cmd\":\"reboot\"")));
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "k3", false, "unauthorized");

            Send(ops, "{\"cmd\":\"reboot\"}");
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), null, false, "malformed");

            Send(ops, CommandAuthenticator.Sign(Key, Body("k4", now - 3600, "0123456789abcdec", "\"cmd\":\"status\"")));
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "k4", false, "stale");

            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
        }

        [TestMethod]
        public void CapturedReboot_ReplayedAfterTheReboot_Replayed()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            VirtualStoreNode node = ProvisionedNode.Create("cmd-node-", $$"""
                {"schema":1,"store":"s001","device":"c1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},"commands":{"key":"{{Key}}"} }
                """, $"mqtt://127.0.0.1:{broker.Port}");
            using BrokerWatch ops = BrokerWatch.Plain(broker.Port);
            ops.Connect(MqttProbe.NewId("ops"));
            ops.SubscribeAndWait("retail/v1/s001/c1/#");
            node.Boot();
            Next(ops, t => t.EndsWith("/status"));

            string captured = CommandAuthenticator.Sign(Key, Body("r1", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "00112233445566778899aabbccddeeff", "\"cmd\":\"reboot\""));
            Send(ops, captured);
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "r1", true, null);
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (node.Node.BootCount < 2 && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(100);
            }

            Assert.AreEqual(2, node.Node.BootCount, "the reboot command rebooted the node");
            JsonElement status;
            do
            {
                status = Next(ops, t => t.EndsWith("/status"));
            }
            while (status.GetProperty("state").GetString() != "online" || status.GetProperty("boot").GetInt64() < 2);

            // Well inside the ±300 s skew window, nonce memory empty after the reboot: only the floor on flash stops it.
            Send(ops, captured);
            AssertResult(Next(ops, t => t.EndsWith("/cmd/result")), "r1", false, "replayed");
            Assert.AreEqual(2, node.Node.BootCount, "the replay did not reboot the node");

            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
        }

        private static string Body(string id, long ts, string nonce, string rest) =>
            $"{{\"id\":\"{id}\",\"device\":\"c1\",\"ts\":{ts},\"nonce\":\"{nonce}\",{rest}}}";

        private static void Send(BrokerWatch ops, string payload) =>
            ops.Publish("retail/v1/s001/c1/cmd", payload);

        private static JsonElement Next(BrokerWatch probe, Func<string, bool> topic)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (probe.Received.TryTake(out WatchedMessage msg, 500) && topic(msg.Topic))
                {
                    return JsonDocument.Parse(Encoding.UTF8.GetString(msg.Message)).RootElement;
                }
            }

            throw new AssertFailedException("no matching message");
        }

        private static void AssertResult(JsonElement result, string id, bool ok, string code)
        {
            Assert.AreEqual(ok, result.GetProperty("ok").GetBoolean(), result.GetRawText());
            if (id != null)
            {
                Assert.AreEqual(id, result.GetProperty("id").GetString(), result.GetRawText());
            }

            if (code != null)
            {
                Assert.AreEqual(code, result.GetProperty("code").GetString(), result.GetRawText());
            }
        }
    }
}
