using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Beacons.Broker;
using Beacons.Emulator;
using Beacons.Firmware.Messaging;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using Beacons.Shared.Shelf;
using Beacons.VirtualDevice;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Beacons.Benchmarks.Messaging
{
    /// <summary>Figures for the MQTT contract: bytes per payload type, and sustained events/s into one mosquitto.</summary>
    public static class MessagingHarnesses
    {
        /// <summary><c>harness payload-sizes</c>: UTF-8 bytes of each payload type as the firmware formats it.</summary>
        public static int PayloadSizes()
        {
            var rows = new List<(string, string)>();
            var sb = new StringBuilder();
            var e = new StockEvent { Kind = StockEventKind.Pick, Lane = "a1", Items = 11, Quantity = 2, Grams = -701.2, Confidence = 0.98 };
            StockEventJson.Write(sb, e, 12, 4711, "2026-11-22T10:15:03.100Z", false);
            rows.Add(("stock event (pick)", sb.ToString()));
            sb.Clear();
            e.Kind = StockEventKind.Fault;
            e.Fault = StockFault.NoSensor;
            StockEventJson.Write(sb, e, 12, 4712, "2026-11-22T10:15:03.100Z", false);
            rows.Add(("stock event (fault)", sb.ToString()));
            sb.Clear();
            e.Kind = StockEventKind.Level;
            e.Level = LaneLevel.Low;
            e.RatePerHour = 1.5;
            e.EmptyInS = 26400;
            StockEventJson.Write(sb, e, 12, 0, "2026-11-22T10:15:03.100Z", false);
            rows.Add(("level (retained)", sb.ToString()));
            var w = new JsonWriter(512);
            new NodeStatus { State = "online", FirmwareVersion = "0.1.0", UptimeS = 86400, FreeHeapBytes = 61234, ResetReason = "power-on", ConfigVersion = 3, Boot = 12 }.WriteJson(w);
            rows.Add(("status (retained)", w.ToString()));
            rows.Add(("status Last Will", NodeStatus.OfflinePayload("0.1.0", 12)));
            var writer = new ProximityEventWriter();
            rows.Add(("proximity enter (consented)", writer.Visit("enter", "endcap-3", 18, 1795000000000, "399b1125ec7523ec", "5ea9633fb4bd1788", -1, 0)));
            rows.Add(("proximity aggregate", writer.Aggregate("endcap-3", 19, 1795000300000, 1795000000000, 300, 9, new[] { 1, 2, 3, 2, 1, 0 }, 0)));
            rows.Add(("privacy manifest", PrivacyManifest.Write(w, new PrivacyOptions(), new ProximityOptions())));
            rows.Add(("command result", CommandResult.Rejected(w, "c-42", "replayed", "nonce already used")));
            Console.WriteLine($"{"payload",-30} {"bytes",6}  example");
            foreach ((string name, string payload) in rows)
            {
                Console.WriteLine($"{name,-30} {Encoding.UTF8.GetByteCount(payload),6}  {payload}");
            }

            return 0;
        }

        /// <summary>
        /// <c>harness mqtt-throughput [nodes] [seconds]</c>: N virtual nodes' outboxes pushing QoS 1 stock events into a
        /// local mosquitto through the firmware's MqttLink, one consumer (MQTTnet's client, not the mirror) counting;
        /// prints sustained events/s.
        /// </summary>
        public static int Throughput(int nodes, int seconds)
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            long received = 0;
            using IMqttClient consumer = new MqttClientFactory().CreateMqttClient();
            consumer.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref received);
                return System.Threading.Tasks.Task.CompletedTask;
            };
            consumer.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", broker.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId("throughput-consumer")
                .Build()).GetAwaiter().GetResult();
            consumer.SubscribeAsync("retail/v1/+/+/events/stock", MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var threads = new List<Thread>();
            long published = 0;
            for (int n = 0; n < nodes; n++)
            {
                string device = $"n{n:000}";
                var node = new VirtualNode(device, System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tp-" + Guid.NewGuid().ToString("N")));
                var thread = new Thread(() =>
                {
                    using (node.Enter())
                    {
                        DeviceConfig config = DeviceConfig.Parse($"{{\"schema\":1,\"store\":\"s001\",\"device\":\"{device}\",\"mqtt\":{{\"broker\":\"mqtt://127.0.0.1:{broker.Port}\"}}}}");
                        var link = new MqttLink(config.Mqtt);
                        var topics = new TopicTree("retail/v1", "s001", device);
                        var outbox = new Outbox(64, 8, null, 1);
                        link.SetListener(outbox);
                        link.Connect(topics.Status, NodeStatus.OfflinePayload("0.1.0", 1));
                        var sb = new StringBuilder();
                        var e = new StockEvent { Kind = StockEventKind.Pick, Lane = "a1", Items = 11, Quantity = 1, Grams = -355, Confidence = 1 };
                        while (!stop.IsCancellationRequested)
                        {
                            if (outbox.Count < 60)
                            {
                                long seq = outbox.NextSeq();
                                sb.Clear();
                                StockEventJson.Write(sb, e, 1, seq, "2026-11-22T10:15:03Z", false);
                                outbox.Enqueue(OutboxClass.Stock, topics.StockEvents, null, sb.ToString(), 1, seq);
                                Interlocked.Increment(ref published);
                            }

                            outbox.Pump(link);
                            Thread.Sleep(1);
                        }

                        link.Disconnect();
                    }
                })
                { IsBackground = true };
                threads.Add(thread);
            }

            var watch = Stopwatch.StartNew();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            double elapsed = watch.Elapsed.TotalSeconds;
            Thread.Sleep(500);
            Console.WriteLine($"{nodes} nodes, {elapsed:F1} s: {Interlocked.Read(ref received)} stock events received of {Interlocked.Read(ref published)} enqueued, " +
                $"{Interlocked.Read(ref received) / elapsed:F0} events/s sustained (QoS 1, in-flight window 8 per node)");
            consumer.DisconnectAsync().GetAwaiter().GetResult();
            return 0;
        }
    }
}
