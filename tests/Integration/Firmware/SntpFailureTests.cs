using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using Beacons.Emulator;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>
    /// A store whose firewall blocks SNTP: the node's clock reads 1970. It must still reach its (plain) broker, send
    /// its stock events flagged — ts null, uptime tMs, boot — rather than dated 1970, and date them once SNTP answers.
    /// </summary>
    [TestClass]
    public sealed class SntpFailureTests
    {
        private const int FirstPickMs = 8_000;
        private const int SntpBackMs = 16_000;
        private const int SecondPickMs = 22_000;

        [TestMethod]
        [Timeout(120_000)]
        public void SntpBlockedAtBoot_NodeStillConnects_EventsFlaggedUntilTheClockArrives()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var scenario = new LoadCellScenario(355, 10).Pick(FirstPickMs).Pick(SecondPickMs);
            var cell = new LoadCellModel(new LoadCellParameters(), scenario, 17);
            VirtualStoreNode node = ProvisionedNode.Create("sntp-node-", $$"""
                {"schema":1,"store":"s001","device":"nt1","mqtt":{"broker":"mqtt://127.0.0.1:{{broker.Port}}","keepAliveS":10},
                 "wifi":{"ssid":"store","password":"secret-pass","connectTimeoutMs":5000},
                 "lanes":[{"id":"A1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, null);
            new Hx711Chip(cell, 10).AttachTo(node.Node.Board, 19, 23);

            using BrokerWatch watch = BrokerWatch.Plain(broker.Port);
            watch.Connect(MqttProbe.NewId("sntp"));
            watch.SubscribeAndWait("retail/v1/s001/nt1/events/stock");
            watch.SubscribeAndWait("retail/v1/s001/nt1/status");

            node.Node.SntpAvailable = false;
            var clock = Stopwatch.StartNew();
            node.Boot();
            var picks = new List<(long AtMs, long TickMs, JsonElement Event)>();
            bool online = false;
            while (clock.ElapsedMilliseconds < 60_000 && picks.Count < 2)
            {
                if (!node.Node.SntpAvailable && clock.ElapsedMilliseconds >= SntpBackMs)
                {
                    node.Node.SntpAvailable = true;
                }

                if (!watch.Received.TryTake(out WatchedMessage msg, 200))
                {
                    continue;
                }

                JsonElement e = JsonDocument.Parse(Encoding.UTF8.GetString(msg.Message)).RootElement;
                if (msg.Topic.EndsWith("/status", StringComparison.Ordinal))
                {
                    online |= e.GetProperty("state").GetString() == "online";
                }
                else if (e.GetProperty("type").GetString() == "pick")
                {
                    picks.Add((clock.ElapsedMilliseconds, Environment.TickCount64, e));
                }
            }

            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            Assert.IsTrue(online, "with SNTP blocked the node never came online");
            Assert.AreEqual(2, picks.Count, "both picks arrive");

            JsonElement before = picks[0].Event;
            Assert.IsTrue(picks[0].AtMs < SntpBackMs, "the first pick is sent while SNTP is still blocked, not held back");
            Assert.AreEqual(JsonValueKind.Null, before.GetProperty("ts").ValueKind, "no 1970 date on the wire: " + before);
            long tMs = before.GetProperty("tMs").GetInt64();
            // The node's monotonic clock (Environment.TickCount64: uptime on the device, the host's tick count here).
            Assert.IsTrue(tMs <= picks[0].TickMs && tMs > picks[0].TickMs - 10_000, "tMs is the node's clock at the pick: " + before);
            Assert.IsTrue(before.GetProperty("boot").GetInt64() >= 1);

            JsonElement after = picks[1].Event;
            DateTime ts = DateTime.Parse(after.GetProperty("ts").GetString(), null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime();
            Assert.IsTrue(Math.Abs((DateTime.UtcNow - ts).TotalSeconds) < 60, "dated by the real clock once SNTP answered: " + after);
            Assert.IsFalse(after.TryGetProperty("tMs", out _), "a dated event needs no uptime: " + after);
        }
    }
}
