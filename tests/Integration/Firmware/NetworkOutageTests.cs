using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
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
    /// The sampling loop never waits on the network: a shelf node boots with Wi-Fi down for a minute, then meets a
    /// broker that accepts TCP and never sends CONNACK, then the broker comes back. Its HX711 must be read at its own
    /// rate throughout, and a pick made during the outage must arrive once the broker is back.
    /// </summary>
    [TestClass]
    public sealed class NetworkOutageTests
    {
        private const int WifiDownMs = 60_000;
        private const int BlackholeUntilMs = 66_000;
        private const int PickAtMs = 20_000;

        [TestMethod]
        [Timeout(240_000)]
        public void WifiDownThenSilentBroker_SamplingKeepsItsPeriod_PickDeliveredAfterwards()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            using var proxy = new OutageProxy(broker.Port, blackhole: true);
            using var settings = new MqttSettingsOverride();
            settings.Settings.TimeoutOnConnection = 10_000; // the device's own setting; 30 s by default

            var scenario = new LoadCellScenario(355, 10).Pick(PickAtMs);
            var cell = new LoadCellModel(new LoadCellParameters(), scenario, 11);
            VirtualStoreNode node = ProvisionedNode.Create("outage-node-", $$"""
                {"schema":1,"store":"s001","device":"out1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},
                 "wifi":{"ssid":"store","password":"secret-pass","connectTimeoutMs":60000},
                 "lanes":[{"id":"A1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, $"mqtt://127.0.0.1:{proxy.Port}");
            var chip = new Hx711Chip(cell, 10);
            chip.AttachTo(node.Node.Board, 19, 23);

            using BrokerWatch watch = BrokerWatch.Plain(broker.Port);
            watch.Connect(MqttProbe.NewId("outage"));
            watch.SubscribeAndWait("retail/v1/s001/out1/events/stock");

            node.Node.WifiAvailable = false;
            var clock = Stopwatch.StartNew();
            node.Boot();
            WaitUntil(() => chip.ReadsCompleted > 0, 10_000, "the HX711 is never read");
            chip.ResetReadGaps();

            var picks = new List<JsonElement>();
            long deliveredAtMs = -1;
            bool wifiBack = false;
            while (clock.ElapsedMilliseconds < 150_000 && deliveredAtMs < 0)
            {
                if (!wifiBack && clock.ElapsedMilliseconds >= WifiDownMs)
                {
                    node.Node.WifiAvailable = true;
                    wifiBack = true;
                }

                if (proxy.Blackhole && clock.ElapsedMilliseconds >= BlackholeUntilMs)
                {
                    proxy.Blackhole = false;
                }

                if (watch.Received.TryTake(out WatchedMessage msg, 200))
                {
                    JsonElement e = JsonDocument.Parse(Encoding.UTF8.GetString(msg.Message)).RootElement;
                    if (e.GetProperty("type").GetString() == "pick")
                    {
                        picks.Add(e);
                        deliveredAtMs = clock.ElapsedMilliseconds;
                    }
                }
            }

            double periodUs = chip.ConversionPeriodUs;
            double gapUs = chip.LongestReadGapUs;
            int reads = chip.ReadsCompleted;
            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            string figures = $"largest HX711 sampling gap {gapUs / 1000:F0} ms (period {periodUs / 1000:F0} ms), {reads} reads in " +
                $"{clock.ElapsedMilliseconds / 1000} s, {proxy.Swallowed} connect(s) swallowed by the silent broker, pick delivered at " +
                $"{deliveredAtMs / 1000.0:F1} s";
            Console.WriteLine(figures);

            Assert.IsTrue(proxy.Swallowed >= 1, "the node never met the silent broker: " + figures);
            Assert.AreEqual(1, picks.Count, "the pick made during the outage arrives once: " + figures);
            Assert.AreEqual(1, picks[0].GetProperty("quantity").GetInt32());
            Assert.IsTrue(deliveredAtMs >= BlackholeUntilMs, "delivered only once the broker answered: " + figures);
            Assert.IsTrue(gapUs <= 2 * periodUs, figures);
        }

        private static void WaitUntil(Func<bool> condition, int timeoutMs, string failure)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.ElapsedMilliseconds > timeoutMs)
                {
                    Assert.Fail(failure);
                }

                System.Threading.Thread.Sleep(20);
            }
        }
    }
}
