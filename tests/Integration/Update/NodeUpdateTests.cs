using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using Beacons.Emulator;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using Beacons.Tests.Integration.Firmware;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Beacons.Tests.Integration.Update
{
    /// <summary>
    /// One virtual node over a real mosquitto takes an app bundle the test publishes (retained manifest and chunks, as
    /// the release tool does): it downloads it chunk by chunk, reboots into it through the virtual loader and confirms it
    /// after its probation; then a bundle that crashes on boot is rolled back with nobody touching the node.
    /// </summary>
    [TestClass]
    public sealed class NodeUpdateTests
    {
        private const string CommandKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private const string ReleaseKeyHex = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
        private const int ChunkBytes = 1024;
        private static readonly byte[] ReleaseKey = Hex.TryDecode(ReleaseKeyHex);

        [TestMethod]
        public void Update_DownloadedRebootedConfirmed_ThenACrashingBundleRolledBack()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            VirtualStoreNode node = ProvisionedNode.Create("update-node-", $$"""
                {"schema":1,"store":"s001","device":"u1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},"statusIntervalS":10,
                 "commands":{"key":"{{CommandKey}}"},"update":{"releaseKey":"{{ReleaseKeyHex}}","probationS":10} }
                """, $"mqtt://127.0.0.1:{broker.Port}");
            using BrokerWatch ops = BrokerWatch.Plain(broker.Port);
            ops.Connect(MqttProbe.NewId("ops"));
            ops.SubscribeAndWait("retail/v1/s001/u1/#");
            using IMqttClient publisher = Publisher(broker.Port);
            node.Boot();
            JsonElement first = Status(ops, s => s.GetProperty("state").GetString() == "online", 20);
            Assert.AreEqual("factory", first.GetProperty("bundle").GetString());
            Assert.AreEqual(0, first.GetProperty("bundleSeq").GetInt64());

            // A good bundle: two files, the entry a few chunks long.
            Publish(publisher, 42, "1.5.0", Pe(3000, null), Pe(2500, null));
            Command(ops, "u-42", "\"cmd\":\"update\",\"seq\":42");
            AssertResult(ops, "u-42", true, null);
            Status(ops, s => State(s) == "staged", 60);
            JsonElement probation = Status(ops, s => State(s) == "probation" && s.GetProperty("bundleSeq").GetInt64() == 42, 60);
            Assert.AreEqual("1.5.0", probation.GetProperty("bundle").GetString());
            Assert.AreEqual("update", probation.GetProperty("reset").GetString());
            Assert.IsTrue(probation.GetProperty("freeHeap").GetInt64() <= (100 * 1024) - 5500, "the bundle's bytes are resident: " + probation.GetRawText());
            Status(ops, s => State(s) == "confirmed" && s.GetProperty("bundleSeq").GetInt64() == 42, 60);
            Assert.AreEqual(2, node.Node.BootCount, "one reboot into the bundle");

            // Not newer: refused without touching anything.
            Command(ops, "u-42b", "\"cmd\":\"update\",\"seq\":42");
            AssertResult(ops, "u-42b", false, "invalid");

            // A bad build: its entry crashes on boot. Two probation boots, then the loader boots 42 again.
            Publish(publisher, 43, "1.6.0-bad", Pe(3000, null), Pe(2500, VirtualLoader.CrashMarker));
            Command(ops, "u-43", "\"cmd\":\"update\",\"seq\":43");
            AssertResult(ops, "u-43", true, null);
            Status(ops, s => State(s) == "staged" && s.GetProperty("update").GetProperty("seq").GetInt64() == 43, 60);
            JsonElement rolledBack = Status(ops, s => State(s) == "rolled-back", 90);
            Assert.AreEqual(42, rolledBack.GetProperty("bundleSeq").GetInt64(), rolledBack.GetRawText());
            Assert.AreEqual("1.5.0", rolledBack.GetProperty("bundle").GetString());
            Assert.AreEqual(43, rolledBack.GetProperty("update").GetProperty("seq").GetInt64());
            Assert.AreEqual(2 + 1 + BootSelector.MaxTrialBoots, node.Node.BootCount, "reboot into 43, its second trial boot, then back to 42");

            // Never retried: the same bundle is refused.
            Command(ops, "u-43b", "\"cmd\":\"update\",\"seq\":43");
            AssertResult(ops, "u-43b", false, "invalid");

            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
        }

        /// <summary>Bytes that look like a nanoFramework .pe (the NFMRK2 marker first), optionally with a test marker.</summary>
        private static byte[] Pe(int size, string marker)
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            Encoding.ASCII.GetBytes("NFMRK2").CopyTo(bytes, 0);
            if (marker != null)
            {
                Encoding.ASCII.GetBytes(marker).CopyTo(bytes, 100);
            }

            return bytes;
        }

        /// <summary>The manifest and every chunk, retained at QoS 1, as tools/flash release publishes them.</summary>
        private static void Publish(IMqttClient publisher, long seq, string version, byte[] shared, byte[] entry)
        {
            byte[][] files = { shared, entry };
            string[] names = { "Beacons.Shared.pe", "Beacons.Firmware.pe" };
            var body = new StringBuilder("{\"bundle\":\"" + version + "\",\"seq\":" + seq + ",\"entry\":\"Beacons.Firmware\",\"heapKB\":20,\"chunkBytes\":" + ChunkBytes + ",\"files\":[");
            for (int f = 0; f < files.Length; f++)
            {
                body.Append(f == 0 ? "" : ",").Append("{\"name\":\"" + names[f] + "\",\"size\":" + files[f].Length + ",\"mac\":\"" + Hex.Encode(HMACSHA256.HashData(ReleaseKey, files[f])) + "\"}");
            }

            body.Append("]}");
            const string fw = "retail/v1/s001/fw/";
            Retain(publisher, BundleChunk.ManifestTopic(fw, seq), Encoding.UTF8.GetBytes(SignedEnvelope.Seal(ReleaseKey, body.ToString())));
            for (int f = 0; f < files.Length; f++)
            {
                for (int c = 0; c * ChunkBytes < files[f].Length; c++)
                {
                    int n = Math.Min(ChunkBytes, files[f].Length - (c * ChunkBytes));
                    Retain(publisher, BundleChunk.Topic(fw, seq, f, c), BundleChunk.Seal(ReleaseKey, seq, f, c, files[f], c * ChunkBytes, n));
                }
            }
        }

        private static IMqttClient Publisher(int port)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId(MqttProbe.NewId("release")).WithCleanSession().Build();
            using var patience = new CancellationTokenSource(MqttProbe.Patience);
            client.ConnectAsync(options, patience.Token).GetAwaiter().GetResult();
            return client;
        }

        private static void Retain(IMqttClient client, string topic, byte[] payload)
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build();
            using var patience = new CancellationTokenSource(MqttProbe.Patience);
            client.PublishAsync(message, patience.Token).GetAwaiter().GetResult();
        }

        private static void Command(BrokerWatch ops, string id, string rest)
        {
            string body = $"{{\"id\":\"{id}\",\"device\":\"u1\",\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},\"nonce\":\"{Guid.NewGuid():N}\",{rest}}}";
            ops.Publish("retail/v1/s001/u1/cmd", CommandAuthenticator.Sign(CommandKey, body));
        }

        private static string State(JsonElement status) =>
            status.TryGetProperty("update", out JsonElement u) ? u.GetProperty("state").GetString() : null;

        // Messages taken while waiting for another kind (a result while statuses arrive), in arrival order.
        private static readonly System.Collections.Generic.List<WatchedMessage> Held = new System.Collections.Generic.List<WatchedMessage>();

        /// <summary>The next message whose topic ends with <paramref name="suffix"/>: held ones first, others held back.</summary>
        private static bool Next(BrokerWatch ops, string suffix, DateTime deadline, out WatchedMessage found)
        {
            int i = Held.FindIndex(m => m.Topic.EndsWith(suffix));
            if (i >= 0)
            {
                found = Held[i];
                Held.RemoveAt(i);
                return true;
            }

            while (DateTime.UtcNow < deadline)
            {
                if (ops.Received.TryTake(out WatchedMessage msg, 500))
                {
                    if (msg.Topic.EndsWith(suffix))
                    {
                        found = msg;
                        return true;
                    }

                    Held.Add(msg);
                }
            }

            found = null;
            return false;
        }

        private static JsonElement Status(BrokerWatch ops, Func<JsonElement, bool> match, int seconds)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
            string last = null;
            while (DateTime.UtcNow < deadline)
            {
                if (Next(ops, "/status", deadline, out WatchedMessage msg))
                {
                    last = msg.Text;
                    JsonElement status = JsonDocument.Parse(msg.Message).RootElement;
                    if (status.GetProperty("state").GetString() == "online" && match(status))
                    {
                        return status;
                    }
                }
            }

            throw new AssertFailedException("no matching status within " + seconds + " s; last: " + last);
        }

        private static void AssertResult(BrokerWatch ops, string id, bool ok, string code)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (Next(ops, "/cmd/result", deadline, out WatchedMessage msg))
                {
                    JsonElement result = JsonDocument.Parse(msg.Message).RootElement;
                    Assert.AreEqual(id, result.GetProperty("id").GetString(), msg.Text);
                    Assert.AreEqual(ok, result.GetProperty("ok").GetBoolean(), msg.Text);
                    if (code != null)
                    {
                        Assert.AreEqual(code, result.GetProperty("code").GetString(), msg.Text);
                    }

                    return;
                }
            }

            throw new AssertFailedException("no result for " + id);
        }
    }
}
