using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Beacons.Emulator;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.World;
using Beacons.Tests.Integration.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>
    /// The README's first command, short and seeded, against a real mosquitto: what the store-ops monitor saw must
    /// include stock events and alerts, a node going offline and coming back from the nodes' own messages, seq without
    /// gaps, and no identifier for shoppers who did not consent.
    /// </summary>
    [TestClass]
    public sealed class DemoEndToEndTests
    {
        [TestMethod]
        public void Demo_MonitorSeesStockAlertsTransitions_AndNoIdentifierWithoutConsent()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            StoreView view = DemoVerb.RunStore($"mqtt://127.0.0.1:{broker.Port}", 50, 4, 3, false,
                (_, token) => token.WaitHandle.WaitOne(), out DemoStore store);

            Assert.IsTrue(view.StockEvents.Any(e => e.Type == "pick"), "picks seen");
            Assert.IsTrue(view.StockEvents.Count(e => e.Type is "pick" or "restock") >= 5, "stock events: " + view.StockEvents.Count);
            Assert.IsTrue(view.Alerts.Any(), "alerts seen");
            NodeState killed = view.Nodes.Single(n => n.Key == "s001/n02");
            CollectionAssert.IsSubsetOf(new[] { "online", "offline" }, killed.Transitions,
                string.Join(",", killed.Transitions) + $"; n02 powered off: {store.Nodes[1].Node.IsPoweredOff}, crash: {store.Nodes[1].Node.LastCrash}");
            Assert.IsTrue(view.Nodes.All(n => n.Transitions.FirstOrDefault() == "online"), "every node came online");
            Assert.IsTrue(view.Nodes.All(n => n.Gaps == 0), "seq gaps: " + string.Join(",", view.Nodes.Select(n => n.Key + "=" + n.Gaps)));

            // The scanners hear the beacon nodes' iBeacons as calibration samples (proximity.calibration), through the
            // virtual radio and the real firmware. 50 s is too short for a fit (5 samples per neighbour: the beacons
            // rotate frames and n04 spends 40 % of its time scanning); ChannelCalibratorTests covers the fit.
            foreach (string scanner in new[] { "s001/n03", "s001/n04" })
            {
                NodeState n = view.Nodes.Single(x => x.Key == scanner);
                Assert.IsNotNull(n.Channel, scanner + " reports its channel");
                StringAssert.DoesNotMatch(n.Channel, new System.Text.RegularExpressions.Regex(", 0 samples$"), scanner + " channel: " + n.Channel);
            }

            // Identifiers: only consenting shoppers may have one, and never more distinct ids than such shoppers.
            string[] ids = view.ProximityPayloads
                .Select(p => JsonDocument.Parse(p).RootElement)
                .Where(e => e.TryGetProperty("id", out _))
                .Select(e => e.GetProperty("id").GetString())
                .Distinct()
                .ToArray();
            Assert.IsTrue(view.ProximityPayloads.Count > 0, "proximity events seen");
            Assert.IsTrue(ids.Length <= store.Shoppers.ConsentedVisitors, $"{ids.Length} ids for {store.Shoppers.ConsentedVisitors} consenting shoppers");
            foreach (string payload in view.ProximityPayloads)
            {
                JsonElement e = JsonDocument.Parse(payload).RootElement;
                Assert.IsFalse(e.TryGetProperty("address", out _), payload);
                Assert.IsFalse(e.TryGetProperty("rssi", out _), payload);
            }
        }
    }
}
