using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using Beacons.Broker;
using Beacons.Emulator;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Skeleton
{
    /// <summary>
    /// The real firmware (Program.Main) on the virtual device against a real mosquitto that this test starts:
    /// birth message, Last Will on power loss, goodbye on a planned shutdown, boot counter across reboots.
    /// </summary>
    [TestClass]
    public sealed class WalkingSkeletonTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext _)
        {
            _broker = MosquittoBroker.Start();
        }

        [ClassCleanup]
        public static void StopBroker() => _broker?.Dispose();

        [TestMethod]
        public void Boot_PublishesRetainedOnline_ThenLastWillOnPowerLoss()
        {
            using var watch = new StatusWatch(_broker.Port, "retail/v1/s001/sk1/status");
            VirtualStoreNode node = NewNode("sk1", out _);
            node.Boot();

            JsonElement online = watch.Next(s => s.GetProperty("state").GetString() == "online", TimeSpan.FromSeconds(15));
            Assert.AreEqual("0.1.0", online.GetProperty("fw").GetString());
            Assert.IsTrue(online.GetProperty("uptimeS").GetInt64() >= 0);
            Assert.AreEqual(1, online.GetProperty("boot").GetInt64());
            Assert.AreEqual("power-on", online.GetProperty("reset").GetString());

            node.Kill();
            JsonElement offline = watch.Next(s => s.GetProperty("state").GetString() == "offline", TimeSpan.FromSeconds(15));
            Assert.AreEqual(1, offline.GetProperty("boot").GetInt64());

            // The will is retained: a consumer that arrives later still learns the node is offline.
            using var late = new StatusWatch(_broker.Port, "retail/v1/s001/sk1/status");
            JsonElement retained = late.Next(_ => true, TimeSpan.FromSeconds(5));
            Assert.AreEqual("offline", retained.GetProperty("state").GetString());
        }

        [TestMethod]
        public void Shutdown_SaysGoodbye_AndBootCounterSurvivesRestart()
        {
            using var watch = new StatusWatch(_broker.Port, "retail/v1/s001/sk2/status");
            VirtualStoreNode first = NewNode("sk2", out string storage);
            first.Boot();
            watch.Next(s => s.GetProperty("state").GetString() == "online", TimeSpan.FromSeconds(15));
            first.Shutdown(TimeSpan.FromSeconds(3));
            watch.Next(s => s.GetProperty("state").GetString() == "offline", TimeSpan.FromSeconds(10));

            VirtualStoreNode second = VirtualStoreNode.Create(Path.Combine(storage, "provisioned.json"), storage, _broker.Url);
            second.Boot();
            JsonElement again = watch.Next(s => s.GetProperty("state").GetString() == "online", TimeSpan.FromSeconds(15));
            Assert.AreEqual(2, again.GetProperty("boot").GetInt64());
            second.Kill();
        }

        [TestMethod]
        public void BrokerDown_AtBoot_NodeKeepsRetryingAndConnectsWhenItAppears()
        {
            VirtualStoreNode node;
            using (var doomed = MosquittoBroker.Start())
            {
                node = NewNode("sk3", out _, doomed.Url);
            }

            // Broker gone before boot: the node must neither crash nor stop trying.
            node.Boot();
            Thread.Sleep(1500);
            Assert.IsNull(node.Node.LastCrash);
            node.Kill();
        }

        private static VirtualStoreNode NewNode(string device, out string storage, string broker = null)
        {
            storage = Path.Combine(Path.GetTempPath(), "skeleton-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(storage);
            string config = Path.Combine(storage, "provisioned.json");
            File.WriteAllText(config,
                "{\"schema\":1,\"store\":\"s001\",\"device\":\"" + device + "\",\"mqtt\":{\"broker\":\"mqtt://127.0.0.1:1\",\"keepAliveS\":5}}");
            return VirtualStoreNode.Create(config, storage, broker ?? _broker.Url);
        }

        /// <summary>Subscribes like any consumer (MQTTnet, not the mirror) and hands out the JSON status payloads in arrival order.</summary>
        private sealed class StatusWatch : IDisposable
        {
            private readonly BrokerWatch _client;

            public StatusWatch(int port, string topic)
            {
                _client = BrokerWatch.Plain(port).Connect("watch-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                _client.SubscribeAndWait(topic);
            }

            public JsonElement Next(Func<JsonElement, bool> match, TimeSpan timeout)
            {
                DateTime deadline = DateTime.UtcNow + timeout;
                while (true)
                {
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !_client.Received.TryTake(out WatchedMessage message, left))
                    {
                        throw new AssertFailedException("no matching status message within " + timeout);
                    }

                    JsonElement element = JsonDocument.Parse(message.Text).RootElement;
                    if (match(element))
                    {
                        return element;
                    }
                }
            }

            public void Dispose()
            {
                _client.Dispose();
            }
        }
    }
}
