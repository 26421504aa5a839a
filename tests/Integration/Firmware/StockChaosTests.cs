using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Beacons.Emulator;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>
    /// At-least-once delivery of stock events through broker outages: the real firmware on a virtual node picks items
    /// off a simulated lane while a real mosquitto is killed and restarted 5 times. A durable consumer (persistent
    /// session, QoS 1) must end up with every seq of the boot: 0 lost, duplicates only ever with the same seq.
    /// </summary>
    [TestClass]
    public sealed class StockChaosTests
    {
        [TestMethod]
        public void BrokerRestartedFiveTimes_ConsumerSeesEverySeq()
        {
            using MosquittoBroker broker = MosquittoBroker.Start(new MosquittoOptions { Persistence = true });
            var scenario = new LoadCellScenario(100, 40);
            for (int i = 0; i < 14; i++)
            {
                scenario.Pick(5000 + i * 3000);
            }

            var cell = new LoadCellModel(new LoadCellParameters { NoiseCountsRms = 30 }, scenario, 11);
            VirtualStoreNode node = ProvisionedNode.Create("chaos-", $$"""
                {"schema":1,"store":"s001","device":"cx1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":5},
                 "lanes":[{"id":"a1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":100,"lowItems":0,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, $"mqtt://127.0.0.1:{broker.Port}");
            new Hx711Chip(cell, 10).AttachTo(node.Node.Board, 19, 23);

            using var consumer = new DurableConsumer(broker.Port, "retail/v1/s001/cx1/events/stock");
            node.Boot();

            for (int outage = 0; outage < 5; outage++)
            {
                Thread.Sleep(6000);
                broker.Terminate();
                Thread.Sleep(1500);
                broker.Start();
                broker.WaitUntilAccepting(TimeSpan.FromSeconds(10));
            }

            // Let the backlog drain: the node's backoff may be up to a few seconds after the last restart.
            DateTime deadline = DateTime.UtcNow.AddSeconds(40);
            while (DateTime.UtcNow < deadline && !(consumer.MaxSeq >= 14 && consumer.Missing().Length == 0 && scenario.Actions.Count > 0 && cell.Items <= 26))
            {
                Thread.Sleep(500);
            }

            Thread.Sleep(2000);
            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            long[] missing = consumer.Missing();
            Assert.IsTrue(consumer.MaxSeq >= 14, $"events seen up to seq {consumer.MaxSeq}: {consumer.Describe()}");
            Assert.AreEqual(0, missing.Length, "lost seqs: " + string.Join(",", missing) + " / " + consumer.Describe());
            Assert.IsTrue(consumer.Boots.Count == 1, "one boot");
            Assert.IsTrue(consumer.DuplicatesAlwaysSameSeq, "a duplicate payload under a different seq");
        }

        /// <summary>
        /// A store-ops consumer with a persistent session that reconnects by itself after every outage; MQTTnet's
        /// client, independent of the virtual device's M2Mqtt mirror the firmware runs on.
        /// </summary>
        private sealed class DurableConsumer : IDisposable
        {
            private readonly int _port;
            private readonly string _topic;
            private readonly string _clientId = "chaos-consumer-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            private readonly ConcurrentDictionary<long, string> _bySeq = new ConcurrentDictionary<long, string>();
            private readonly Thread _keeper;
            private volatile bool _stop;
            private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

            public DurableConsumer(int port, string topic)
            {
                _port = port;
                _topic = topic;
                _client.ApplicationMessageReceivedAsync += e =>
                {
                    Record(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                    return Task.CompletedTask;
                };
                Connect();
                _keeper = new Thread(Keep) { IsBackground = true };
                _keeper.Start();
            }

            public long MaxSeq => _bySeq.Keys.DefaultIfEmpty(0).Max();

            public HashSet<long> Boots { get; } = new HashSet<long>();

            public bool DuplicatesAlwaysSameSeq { get; private set; } = true;

            public long[] Missing()
            {
                long max = MaxSeq;
                return Enumerable.Range(1, (int)max).Select(i => (long)i).Where(s => !_bySeq.ContainsKey(s)).ToArray();
            }

            public string Describe() => string.Join(" ", _bySeq.Keys.OrderBy(k => k));

            private void Record(string body)
            {
                JsonElement json = JsonDocument.Parse(body).RootElement;
                long seq = json.GetProperty("seq").GetInt64();
                lock (Boots)
                {
                    Boots.Add(json.GetProperty("boot").GetInt64());
                }

                if (!_bySeq.TryAdd(seq, body) && _bySeq[seq] != body)
                {
                    DuplicatesAlwaysSameSeq = false;
                }
            }

            private void Connect()
            {
                MqttClientOptions options = new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", _port)
                    .WithProtocolVersion(MqttProtocolVersion.V311)
                    .WithClientId(_clientId)
                    .WithCleanSession(false)
                    .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                    .WithTimeout(TimeSpan.FromSeconds(5))
                    .Build();
                if (_client.ConnectAsync(options).GetAwaiter().GetResult().ResultCode == MqttClientConnectResultCode.Success)
                {
                    _client.SubscribeAsync(_topic, MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
                }
            }

            private void Keep()
            {
                while (!_stop)
                {
                    Thread.Sleep(100);
                    if (!_client.IsConnected)
                    {
                        try
                        {
                            Connect();
                        }
                        catch (Exception)
                        {
                            // Broker still down: try again shortly.
                        }
                    }
                }
            }

            public void Dispose()
            {
                _stop = true;
                try
                {
                    _client.DisconnectAsync().GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    // Already gone.
                }

                _client.Dispose();
            }
        }
    }
}
