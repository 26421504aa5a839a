using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    /// The whole firmware on a virtual node weighing a simulated lane (load cell physics behind a protocol-level
    /// HX711), publishing to a real mosquitto: a pick becomes one stock event, unplugging the sensor becomes a fault
    /// and no false stock event.
    /// </summary>
    [TestClass]
    public sealed class ShelfNodeTests
    {
        [TestMethod]
        public void Pick_ThenUnplug_OnePickEventThenFault_NoFalseStockEvents()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var scenario = new LoadCellScenario(355, 10).Pick(6000).Unplug(11000, 5000);
            var cell = new LoadCellModel(new LoadCellParameters(), scenario, 7);
            VirtualStoreNode node = ProvisionedNode.Create("shelf-node-", $$"""
                {"schema":1,"store":"s001","device":"sh1","mqtt":{"broker":"mqtt://127.0.0.1:1","keepAliveS":10},
                 "lanes":[{"id":"A1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, $"mqtt://127.0.0.1:{broker.Port}");
            var chip = new Hx711Chip(cell, 10);
            chip.AttachTo(node.Node.Board, 19, 23);

            using BrokerWatch watch = BrokerWatch.Plain(broker.Port);
            watch.Connect(MqttProbe.NewId("shelf"));
            watch.SubscribeAndWait("retail/v1/s001/sh1/#");
            node.Boot();

            var events = new List<JsonElement>();
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !events.Any(e => Type(e) == "level" && Items(e) == 9 && events.Any(f => Type(f) == "fault")))
            {
                if (watch.Received.TryTake(out WatchedMessage msg, 500) && msg.Topic.EndsWith("/events/stock", StringComparison.Ordinal))
                {
                    events.Add(JsonDocument.Parse(Encoding.UTF8.GetString(msg.Message)).RootElement);
                }

                if (events.Any(e => Type(e) == "fault") && DateTime.UtcNow > deadline.AddSeconds(-8))
                {
                    break;
                }
            }

            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            string log = string.Join("\n", events.Select(e => e.GetRawText()));
            JsonElement[] stock = events.Where(e => Type(e) is "pick" or "restock").ToArray();
            Assert.AreEqual(1, stock.Length, "exactly one stock event:\n" + log);
            Assert.AreEqual("pick", Type(stock[0]));
            Assert.AreEqual(1, stock[0].GetProperty("quantity").GetInt32());
            Assert.AreEqual(9, Items(stock[0]));
            Assert.IsTrue(stock[0].GetProperty("seq").GetInt64() >= 1);
            Assert.IsTrue(events.Any(e => Type(e) == "fault"), "fault on unplug:\n" + log);
        }

        private static string Type(JsonElement e) => e.GetProperty("type").GetString();

        private static int Items(JsonElement e) => e.GetProperty("items").GetInt32();
    }
}
