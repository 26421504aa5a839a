using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Beacons.Emulator;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.Tests.Integration.Mqtt;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>
    /// Issue 12, item 4: the whole firmware on a virtual node with four HX711 lanes on the ESP32's two SPI buses (two
    /// per bus, re-muxed between reads, pins of hardware/pinouts.md), each chip under a different load, publishing to a
    /// real mosquitto. Every lane must report its own item count, every chip must be read at its conversion rate, and
    /// no lane may report a missing sensor.
    /// </summary>
    [TestClass]
    public sealed class ShelfFourLaneTests
    {
        // Lane, DOUT, PD_SCK, bus, unit grams, items on the tray (each lane a different load).
        private static readonly (string Id, int Dout, int PdSck, int Bus, double Unit, int Items)[] Lanes =
        {
            ("A1", 19, 23, 1, 355, 10),
            ("B1", 34, 26, 2, 200, 7),
            ("A2", 35, 32, 1, 500, 4),
            ("B2", 36, 33, 2, 120, 12),
        };

        [TestMethod]
        public void FourLanesOnTwoBuses_EachReportsItsLoad_EachChipReadAtItsRate_NoneMissing()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var cells = new LoadCellModel[Lanes.Length];
            var lanesJson = new StringBuilder();
            for (int i = 0; i < Lanes.Length; i++)
            {
                var l = Lanes[i];
                cells[i] = new LoadCellModel(new LoadCellParameters(), new LoadCellScenario(l.Unit, l.Items), 11 + i);
                lanesJson.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $$"""{"id":"{{l.Id}}","doutPin":{{l.Dout}},"pdSckPin":{{l.PdSck}},"spiBus":{{l.Bus}},"unitGrams":{{l.Unit}},"lowItems":1,"emptyItems":0,{{ProvisionedNode.Calibration(cells[i])}}}""");
            }

            VirtualStoreNode node = ProvisionedNode.Create("shelf-4lanes-", $$"""
                {"schema":1,"store":"s001","device":"sh4","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},
                 "lanes":[{{lanesJson}}]}
                """, $"mqtt://127.0.0.1:{broker.Port}");
            var chips = new Hx711Chip[Lanes.Length];
            for (int i = 0; i < Lanes.Length; i++)
            {
                chips[i] = new Hx711Chip(cells[i], 10);
                chips[i].AttachTo(node.Node.Board, Lanes[i].Dout, Lanes[i].PdSck);
            }

            using BrokerWatch watch = BrokerWatch.Plain(broker.Port);
            watch.Connect(MqttProbe.NewId("shelf4"));
            watch.SubscribeAndWait("retail/v1/s001/sh4/#");
            node.Boot();

            // Wait until every lane has published its level, then measure the read rate over a fixed window.
            var levels = new Dictionary<string, int>();
            var messages = new List<string>();
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && levels.Count < Lanes.Length)
            {
                Collect(watch, levels, messages, 500);
            }

            int[] before = chips.Select(c => c.ReadsCompleted).ToArray();
            int[] resetsBefore = chips.Select(c => c.Resets).ToArray();
            DateTime windowStart = DateTime.UtcNow;
            while (DateTime.UtcNow < windowStart.AddSeconds(4))
            {
                Collect(watch, levels, messages, 200);
            }

            int[] after = chips.Select(c => c.ReadsCompleted).ToArray();
            int[] resetsAfter = chips.Select(c => c.Resets).ToArray();
            double seconds = (DateTime.UtcNow - windowStart).TotalSeconds;
            node.Kill();

            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            string log = string.Join("\n", messages);
            for (int i = 0; i < Lanes.Length; i++)
            {
                var l = Lanes[i];
                Assert.IsTrue(levels.ContainsKey(l.Id), $"lane {l.Id} published no level:\n{log}");
                Assert.AreEqual(l.Items, levels[l.Id], $"lane {l.Id} items:\n{log}");

                // 10 SPS per chip; two lanes share each bus, so allow for a conversion missed now and then.
                double rate = (after[i] - before[i]) / seconds;
                Assert.IsTrue(rate >= 7.0 && rate <= 10.5, $"lane {l.Id} chip read at {rate:F1}/s, expected about 10/s");
                Assert.AreEqual(resetsBefore[i], resetsAfter[i], $"lane {l.Id}: re-muxing powered its chip down (PD_SCK high > 60 µs)");
            }

            Assert.IsFalse(log.Contains("\"type\":\"fault\"", StringComparison.Ordinal), "no lane may fault (noSensor):\n" + log);
        }

        private static void Collect(BrokerWatch watch, Dictionary<string, int> levels, List<string> messages, int waitMs)
        {
            if (!watch.Received.TryTake(out WatchedMessage msg, waitMs))
            {
                return;
            }

            string text = Encoding.UTF8.GetString(msg.Message);
            if (msg.Topic.Contains("/stock/", StringComparison.Ordinal) || msg.Topic.EndsWith("/events/stock", StringComparison.Ordinal))
            {
                messages.Add(msg.Topic + " " + text);
                JsonElement e = JsonDocument.Parse(text).RootElement;
                if (e.GetProperty("type").GetString() == "level" && e.TryGetProperty("lane", out JsonElement lane) && lane.ValueKind == JsonValueKind.String)
                {
                    levels[lane.GetString()] = e.GetProperty("items").GetInt32();
                }
            }
        }
    }
}
