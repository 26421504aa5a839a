using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Beacons.Emulator;
using Beacons.Emulator.Monitor;
using Beacons.Tests.Integration.Firmware;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Chain
{
    /// <summary>
    /// A chain of two stores on real brokers: each store's mosquitto bridges to a central mosquitto over TLS with the
    /// store's own credentials, using deploy/chain/store-bridge.conf and central-acl.conf as shipped. Virtual shelf
    /// nodes pick in both stores while the central broker is killed and restarted; a chain-level monitor on the central
    /// broker must see every stock event of both stores, in seq order per (device, boot), duplicates only as repeated
    /// seq; and one store's bridge credentials cannot publish into the other store's subtree centrally.
    /// </summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class StoreBridgeTests
    {
        private const int Picks = 12;
        private const int FirstPickMs = 6_000;
        private const int PickEveryMs = 3_000;
        private const int UplinkCutAtMs = 12_000;
        private const int UplinkBackAtMs = 26_000;

        private static readonly string[] Stores = { "s001", "s002" };

        [TestMethod]
        [Timeout(180_000)]
        public void TwoStoresBridged_UplinkCutAndRestored_EveryStockEventArrivesCentrallyInOrder()
        {
            string work = Path.Combine(Path.GetTempPath(), "chain-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(work);
            var central = CentralOptions(work);
            using MosquittoBroker centralBroker = MosquittoBroker.Start(central);
            var storeBrokers = new List<MosquittoBroker>();
            var nodes = new List<VirtualStoreNode>();
            var view = new StoreView();
            bool passed = false;
            try
            {
                foreach (string store in Stores)
                {
                    var options = new MosquittoOptions { Persistence = true };
                    foreach (string line in BridgeLines(store, centralBroker))
                    {
                        options.ExtraConfig.Add(line);
                    }

                    storeBrokers.Add(MosquittoBroker.Start(options));
                }

                using var monitor = new StoreSubscriber($"mqtts://127.0.0.1:{centralBroker.TlsPort}", "retail/v1", null, view,
                    "chain-ops", Password("chain-ops"), centralBroker.CaFile);
                for (int i = 0; i < Stores.Length; i++)
                {
                    nodes.Add(ShelfNode(Stores[i], storeBrokers[i]));
                }

                var clock = Stopwatch.StartNew();
                foreach (VirtualStoreNode node in nodes)
                {
                    node.Boot();
                }

                bool cut = false, restored = false;
                while (clock.ElapsedMilliseconds < 120_000 && !(restored && AllPicksSeen(view)))
                {
                    if (!cut && clock.ElapsedMilliseconds >= UplinkCutAtMs)
                    {
                        centralBroker.Stop(); // kill -9: the uplink is gone without a goodbye
                        cut = true;
                    }

                    if (cut && !restored && clock.ElapsedMilliseconds >= UplinkBackAtMs)
                    {
                        centralBroker.Start();
                        restored = true;
                    }

                    Thread.Sleep(200);
                }

                string seen = string.Join(", ", view.StockEvents.Select(e => $"{e.Device}#{e.Boot}.{e.Seq}:{e.Type}"));
                Assert.IsTrue(restored, "the uplink was cut and restored");
                foreach (string store in Stores)
                {
                    string device = store + "/n01";
                    long[] seqs = view.StockEvents.Where(e => e.Device == device && e.Type == "pick").Select(e => e.Seq).ToArray();
                    long[] distinct = seqs.Distinct().ToArray();
                    int duringCut = Enumerable.Range(0, Picks).Count(i => FirstPickMs + (i * PickEveryMs) is >= UplinkCutAtMs and < UplinkBackAtMs);
                    Console.WriteLine($"chain: {device}: {Picks} picks made ({duringCut} while the uplink was down {UplinkCutAtMs / 1000}-{UplinkBackAtMs / 1000} s), " +
                        $"{distinct.Length} received centrally, {seqs.Length - distinct.Length} duplicate deliveries (same seq), {clock.ElapsedMilliseconds / 1000.0:F1} s until all arrived");
                    Assert.AreEqual(Picks, distinct.Length, $"{device}: every pick arrives centrally; seen {seen}");

                    // In order per (device, boot): a redelivered message repeats an earlier seq, it never jumps back past one.
                    long[] firstArrival = seqs.Where((s, i) => Array.IndexOf(seqs, s) == i).ToArray();
                    CollectionAssert.AreEqual(firstArrival.OrderBy(s => s).ToArray(), firstArrival, $"{device}: in seq order; seen {seen}");
                }

                Assert.IsTrue(view.Nodes.All(n => n.Gaps == 0), "no seq gaps: " + string.Join(",", view.Nodes.Select(n => n.Key + "=" + n.Gaps)));
                BridgeStatesVisibleCentrally(centralBroker);

                CrossStorePublishIsRefused(centralBroker);
                passed = true;
            }
            finally
            {
                foreach (VirtualStoreNode node in nodes)
                {
                    node.Kill();
                }

                foreach (MosquittoBroker broker in storeBrokers)
                {
                    if (!passed)
                    {
                        Console.WriteLine("--- store broker log ---\n" + broker.Log); // why a bridge lost or held messages
                    }

                    broker.Dispose();
                }

                Directory.Delete(work, true);
            }
        }

        /// <summary>Each store's bridge reports its uplink retained on chain/v1/bridges/&lt;store&gt;/state: chain ops see "1" for both.</summary>
        private static void BridgeStatesVisibleCentrally(MosquittoBroker central)
        {
            using BrokerWatch ops = BrokerWatch.Plain(central.Port);
            ops.Connect(MqttProbe.NewId("ops"), "chain-ops", Password("chain-ops"));
            ops.SubscribeAndWait("chain/v1/bridges/+/state");
            var states = new Dictionary<string, string>();
            while (states.Count < Stores.Length && ops.Received.TryTake(out WatchedMessage msg, 5000))
            {
                states[msg.Topic] = msg.Text;
            }

            foreach (string store in Stores)
            {
                Assert.IsTrue(states.TryGetValue($"chain/v1/bridges/{store}/state", out string state) && state == "1",
                    $"{store}'s uplink state: {string.Join(", ", states.Select(kv => kv.Key + "=" + kv.Value))}\n{central.Log}");
            }
        }

        /// <summary>s001's bridge credentials publish into s001 centrally, but what they send into s002 is dropped by the ACL.</summary>
        private static void CrossStorePublishIsRefused(MosquittoBroker central)
        {
            using BrokerWatch ops = BrokerWatch.Plain(central.Port);
            ops.Connect(MqttProbe.NewId("ops"), "chain-ops", Password("chain-ops"));
            ops.SubscribeAndWait("retail/v1/+/intruder/#");

            using BrokerWatch rogue = BrokerWatch.Plain(central.Port);
            rogue.Connect(MqttProbe.NewId("rogue"), "bridge-s001", Password("bridge-s001"));
            rogue.Publish("retail/v1/s002/intruder/events/stock", "{\"type\":\"pick\"}");
            rogue.Publish("retail/v1/s001/intruder/events/stock", "{\"type\":\"pick\"}");

            WatchedMessage first = ops.NextMessage();
            Assert.AreEqual("retail/v1/s001/intruder/events/stock", first.Topic, "its own store's subtree passes");
            Assert.IsFalse(ops.Received.TryTake(out WatchedMessage other, 1000), "s002's subtree refused, yet got " + other?.Topic);
        }

        private static bool AllPicksSeen(StoreView view) =>
            Stores.All(s => view.StockEvents.Where(e => e.Device == s + "/n01" && e.Type == "pick").Select(e => e.Seq).Distinct().Count() >= Picks);

        private static VirtualStoreNode ShelfNode(string store, MosquittoBroker storeBroker)
        {
            var scenario = new LoadCellScenario(355, 20);
            for (int i = 0; i < Picks; i++)
            {
                scenario.Pick(FirstPickMs + (i * PickEveryMs));
            }

            var cell = new LoadCellModel(new LoadCellParameters(), scenario, store == "s001" ? 21 : 22);
            VirtualStoreNode node = ProvisionedNode.Create("chain-node-", $$"""
                {"schema":1,"store":"{{store}}","device":"n01","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},
                 "lanes":[{"id":"A1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, storeBroker.Url);
            new Hx711Chip(cell, 10).AttachTo(node.Node.Board, 19, 23);
            return node;
        }

        private static MosquittoOptions CentralOptions(string work)
        {
            var options = new MosquittoOptions { Tls = true, AllowAnonymous = false, Persistence = true };
            options.Users["chain-ops"] = Password("chain-ops");
            string template = File.ReadAllText(Path.Combine(Contract.ContractSchemas.RepoRoot(), "deploy", "chain", "central-acl.conf"));

            // The template carries s001's bridge block; every further store gets the same block with its own id.
            int start = template.IndexOf("user bridge-s001", StringComparison.Ordinal);
            int end = template.IndexOf("\n\n", start, StringComparison.Ordinal);
            string block = template.Substring(start, end - start);
            var acl = new StringBuilder(template);
            foreach (string store in Stores)
            {
                options.Users["bridge-" + store] = Password("bridge-" + store);
                if (store != "s001")
                {
                    acl.Append('\n').Append(block.Replace("s001", store)).Append('\n');
                }
            }

            options.AclFile = Path.Combine(work, "central-acl.conf");
            File.WriteAllText(options.AclFile, acl.ToString());
            return options;
        }

        /// <summary>deploy/chain/store-bridge.conf as shipped, its placeholders filled for this store.</summary>
        private static IEnumerable<string> BridgeLines(string store, MosquittoBroker central)
        {
            string template = File.ReadAllText(Path.Combine(Contract.ContractSchemas.RepoRoot(), "deploy", "chain", "store-bridge.conf"));
            string filled = template
                .Replace("${STORE}", store)
                .Replace("${CENTRAL_HOST}", "127.0.0.1")
                .Replace("${CENTRAL_PORT}", central.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Replace("${CENTRAL_CA}", central.CaFile)
                .Replace("${BRIDGE_PASSWORD}", Password("bridge-" + store));
            Assert.IsFalse(filled.Contains("${"), "every placeholder filled");

            // The quick restart keeps the test short; the shipped 2..30 s backoff is for a real uplink.
            return filled.Split('\n').Select(l => l.StartsWith("restart_timeout", StringComparison.Ordinal) ? "restart_timeout 1 2" : l);
        }

        private static string Password(string user) => "pw-" + user + "-7f3a";
    }
}
