using System.Collections.Generic;
using System.IO;
using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using Beacons.Shared.Shelf;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// Every payload type the firmware emits, produced by the firmware's own formatting code, against the JSON Schemas
    /// that docs/asyncapi.yaml publishes to consumers.
    /// </summary>
    [TestClass]
    public sealed class PayloadSchemaTests
    {
        [TestMethod]
        public void NodeStatus_OnlineSafeModeAndLastWill_MatchSchema()
        {
            var w = new JsonWriter(256);
            var status = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "0.1.0", UptimeS = 5, FreeHeapBytes = 1024, ResetReason = "power-on", ConfigVersion = 2, Boot = 3 };
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            status.State = NodeStatus.SafeMode;
            status.ConfigError = "lanes[0].unitGrams: must be between 1 and 50000";
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            ContractSchemas.AssertValid("node-status", NodeStatus.OfflinePayload("0.1.0", 3));
            status.SetLaneCount(2);
            status.SetLane(0, "a1", 0.41, 5.0);
            status.SetLane(1, "a2", 0, 0);
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            foreach (string state in new[] { "idle", "downloading", "staged", "probation", "confirmed", "rolled-back", "failed" })
            {
                status.Bundle = "1.4.2";
                status.BundleSeq = 41;
                status.UpdateState = state;
                status.UpdateSeq = state == "idle" ? 0 : 42;
                status.UpdatePercent = 30;
                status.UpdateError = state == "failed" ? "manifest: bad signature" : null;
                status.WriteJson(w);
                ContractSchemas.AssertValid("node-status", w.ToString());
            }

            status.HasChannel = true;
            status.ChannelMeasuredPowerDbm = -59;
            status.ChannelPathLossExponent = 2;
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            StringAssert.Contains(w.ToString(), "\"channel\":{\"source\":\"configured\",\"measuredPowerDbm\":-59.0,\"pathLossExponent\":2.00,\"samples\":0}");
            status.ChannelFitted = true;
            status.ChannelMeasuredPowerDbm = -61.34;
            status.ChannelPathLossExponent = 2.713;
            status.ChannelNeighbours = 3;
            status.ChannelResidualDb = 2.06;
            status.ChannelSamples = 412;
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            StringAssert.Contains(w.ToString(), "\"channel\":{\"source\":\"neighbours\",\"measuredPowerDbm\":-61.3,\"pathLossExponent\":2.71,\"neighbours\":3,\"residualDb\":2.1,\"samples\":412}");
        }

        [TestMethod]
        public void BundleManifestEnvelope_MatchesSchema_AndOpensOnTheNode()
        {
            byte[] key = Beacons.Shared.Common.Hex.TryDecode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
            string body = "{\"bundle\":\"1.5.0\",\"seq\":42,\"entry\":\"Beacons.Firmware\",\"heapKB\":44,\"chunkBytes\":1024,\"files\":[{\"name\":\"a.pe\",\"size\":10,\"mac\":\"" + new string('0', 64) + "\"}]}";
            string envelope = SignedEnvelope.Seal(key, body);
            ContractSchemas.AssertValid("bundle-manifest", envelope);
            Beacons.Shared.Update.BundleManifest m = Beacons.Shared.Update.BundleManifest.Open(System.Text.Encoding.UTF8.GetBytes(envelope), key, out string error);
            Assert.IsNotNull(m, error);
            Assert.AreEqual(1024, m.ChunkBytes);
        }

        [TestMethod]
        public void SignedCommandAndResults_MatchSchema()
        {
            string key = new string('a', 64);
            ContractSchemas.AssertValid("signed-command", CommandAuthenticator.Sign(key, "{\"id\":\"c1\",\"device\":\"n01\",\"ts\":1,\"nonce\":\"0011223344556677\",\"cmd\":\"status\"}"));
            var w = new JsonWriter(128);
            ContractSchemas.AssertValid("command-result", CommandResult.Ok(w, "c1", "tare"));
            ContractSchemas.AssertValid("command-result", CommandResult.Rejected(w, null, "malformed", "expected {\"body\":\"...\",\"sig\":\"...\"}"));
            ContractSchemas.AssertValid("command-result", CommandResult.Rejected(w, "c2", "replayed", "nonce already used"));
        }

        [TestMethod]
        public void StockEvents_EveryTypeFromTheRealChain_MatchSchema()
        {
            // A lane driven through the production chain: level, picks (one of 2 items), low, empty, fault on unplug.
            var payloads = new Payloads();
            var lane = new LaneOptions { Id = "a1", UnitGrams = 100, LowItems = 3, EmptyItems = 0, CountsPerGram = 200, ZeroCounts = 10000 };
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
                replay.Push(t, unplugged ? -1 : 10000 + (int)(200 * 100 * items) + ((i * 7919) % 60) - 30, unplugged ? SampleStatus.NoSensor : SampleStatus.Ok);
            }

            // A lean that is no whole number of items and stays: unexplained (reason check-lane), count unchanged.
            var leaning = new ShelfReplay(lane, 1795000000000, payloads);
            for (int i = 0; i < 400; i++)
            {
                int grams = i < 50 ? 500 : 640;
                leaning.Push(i * 100L, 10000 + (200 * grams) + ((i * 7919) % 60) - 30, SampleStatus.Ok);
            }

            var types = new HashSet<string>();
            foreach (string payload in payloads.All)
            {
                ContractSchemas.AssertValid("stock-event", payload);
                types.Add(System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("type").GetString());
            }

            CollectionAssert.IsSubsetOf(new[] { "level", "pick", "low", "empty", "fault", "unexplained" }, new List<string>(types), string.Join(",", types));
        }

        [TestMethod]
        public void ProximityEventsAndManifest_MatchSchema()
        {
            var writer = new ProximityEventWriter();
            ContractSchemas.AssertValid("proximity-event", writer.Visit("enter", "near", 1, 1795000000000, "399b1125ec7523ec", "5ea9633fb4bd1788", -1, 0));
            ContractSchemas.AssertValid("proximity-event", writer.Visit("dwell", "endcap-3", 2, 1795000060000, "399b1125ec7523ec", null, 60, 0));
            ContractSchemas.AssertValid("proximity-event", writer.Visit("exit", "near", 3, 1795000141000, null, null, 141, 0));
            ContractSchemas.AssertValid("proximity-event", writer.Aggregate("near", 4, 1795000300000, 1795000000000, 300, 9, new[] { 1, 2, 3, 2, 1, 0 }, 0));
            writer.IncludeTraceTime = true;
            ContractSchemas.AssertValid("proximity-event", writer.Aggregate("near", 5, 1795000300000, 1795000000000, 300, 9, new[] { 1, 2, 3, 2, 1, 0 }, 1234));

            var w = new JsonWriter(512);
            var policy = new PrivacyOptions { Identifiers = IdentifierMode.Consented, StoreSecretHex = new string('a', 64) };
            string manifest = PrivacyManifest.Write(w, policy, new ProximityOptions());
            ContractSchemas.AssertValid("privacy-manifest", manifest);
            StringAssert.DoesNotMatch(manifest, new System.Text.RegularExpressions.Regex("aaaaaaaa"));
            ContractSchemas.AssertValid("privacy-manifest", PrivacyManifest.Write(w, new PrivacyOptions(), new ProximityOptions()));
        }

        [TestMethod]
        public void Schemas_RejectWhatTheContractForbids()
        {
            Assert.IsFalse(ContractSchemas.IsValid("node-status", "{\"state\":\"sleeping\",\"fw\":\"1\",\"boot\":1}"));
            Assert.IsFalse(ContractSchemas.IsValid("node-status", "{\"state\":\"online\",\"fw\":\"1\",\"boot\":1,\"password\":\"x\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("command-result", "{\"id\":\"c\",\"ok\":false,\"code\":\"oops\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("proximity-event", "{\"type\":\"aggregate\",\"zone\":\"z\",\"seq\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"bucket\":\"2026-01-01T00:00:00Z\",\"bucketS\":60,\"count\":5,\"hist\":[5],\"id\":\"0011223344556677\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("stock-event", "{\"type\":\"pick\",\"lane\":\"a1\",\"items\":1,\"quantity\":1,\"grams\":-1,\"boot\":1,\"seq\":1,\"ts\":\"yesterday\"}"));
        }
    
        private sealed class Payloads : IStockPayloadListener
        {
            public List<string> All { get; } = new List<string>();

            public void OnStockPayload(string payload) => All.Add(payload);
        }
    }
}
