using Beacons.Shared.Messaging;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class OutboxTests
    {
        [TestMethod]
        public void Pump_StockIsQos1AndStaysUntilAcked()
        {
            var outbox = new Outbox(8, 4, null, 1);
            outbox.Enqueue(OutboxClass.Stock, "t/events/stock", null, "{\"seq\":1}", 1, outbox.NextSeq());
            var t = new RecordingTransport();
            Assert.AreEqual(1, outbox.Pump(t));
            Assert.AreEqual("t/events/stock|1|0|{\"seq\":1}|1", (string)t.Published[0]);
            Assert.AreEqual(1, outbox.Count);
            Assert.AreEqual(0, outbox.Pump(t), "in flight: not sent twice");
            outbox.OnDelivered(1);
            Assert.AreEqual(0, outbox.Count);
            Assert.AreEqual(1L, outbox.DeliveredStock);
        }

        [TestMethod]
        public void OnConnectionLost_ResendsUnackedWithSamePayload()
        {
            var outbox = new Outbox(8, 4, null, 1);
            outbox.Enqueue(OutboxClass.Stock, "s", null, "{\"seq\":1}", 1, 1);
            var t = new RecordingTransport();
            outbox.Pump(t);
            outbox.OnConnectionLost();
            outbox.Pump(t);
            Assert.AreEqual(2, t.Published.Count);
            Assert.AreEqual(t.PayloadAt(0), t.PayloadAt(1));
        }

        [TestMethod]
        public void Enqueue_LevelCoalescesPerLane()
        {
            var outbox = new Outbox(8, 4, null, 1);
            outbox.Enqueue(OutboxClass.Level, "stock/A1", "A1", "{\"items\":5}", 1, 0);
            outbox.Enqueue(OutboxClass.Level, "stock/A2", "A2", "{\"items\":9}", 1, 0);
            outbox.Enqueue(OutboxClass.Level, "stock/A1", "A1", "{\"items\":4}", 1, 0);
            Assert.AreEqual(2, outbox.Count);
            var t = new RecordingTransport();
            outbox.Pump(t);
            Assert.AreEqual("stock/A1|1|1|{\"items\":4}|1", (string)t.Published[0]);
        }

        [TestMethod]
        public void Result_Qos1NotRetainedNeverCoalesced()
        {
            var outbox = new Outbox(8, 4, null, 1);
            outbox.Enqueue(OutboxClass.Result, "cmd/result", null, "{\"id\":\"c1\"}", 1, 0);
            outbox.Enqueue(OutboxClass.Result, "cmd/result", null, "{\"id\":\"c2\"}", 1, 0);
            Assert.AreEqual(2, outbox.Pending(OutboxClass.Result), "one result per command, none folded into another");
            var t = new RecordingTransport();
            Assert.AreEqual(2, outbox.Pump(t));
            Assert.AreEqual("cmd/result|1|0|{\"id\":\"c1\"}|1", (string)t.Published[0]);
            Assert.AreEqual("cmd/result|1|0|{\"id\":\"c2\"}|2", (string)t.Published[1]);
            Assert.IsFalse(Outbox.IsRetained(OutboxClass.Result));
            Assert.IsTrue(Outbox.IsRetained(OutboxClass.State));
            Assert.IsTrue(Outbox.IsRetained(OutboxClass.Level));
        }

        [TestMethod]
        public void Enqueue_Full_OldestResultGoesAfterProximity()
        {
            var outbox = new Outbox(3, 4, null, 1);
            outbox.Enqueue(OutboxClass.Result, "r", null, "r1", 1, 0);
            outbox.Enqueue(OutboxClass.Proximity, "p", null, "p1", 1, 0);
            outbox.Enqueue(OutboxClass.Result, "r", null, "r2", 1, 0);
            Assert.IsTrue(outbox.Enqueue(OutboxClass.Stock, "s", null, "s1", 1, 1));
            Assert.AreEqual(1L, outbox.DroppedProximity);
            Assert.AreEqual(0L, outbox.DroppedResults);
            Assert.IsTrue(outbox.Enqueue(OutboxClass.Stock, "s", null, "s2", 1, 2));
            Assert.AreEqual(1L, outbox.DroppedResults);
            var t = new RecordingTransport();
            outbox.Pump(t);
            Assert.AreEqual("r2", t.PayloadAt(0), "the oldest result went");
        }

        [TestMethod]
        public void Enqueue_Full_OldestProximityGoesFirst()
        {
            var outbox = new Outbox(3, 4, null, 1);
            outbox.Enqueue(OutboxClass.Proximity, "p", null, "p1", 1, 0);
            outbox.Enqueue(OutboxClass.Proximity, "p", null, "p2", 1, 0);
            outbox.Enqueue(OutboxClass.Stock, "s", null, "s1", 1, 1);
            Assert.IsTrue(outbox.Enqueue(OutboxClass.Stock, "s", null, "s2", 1, 2));
            Assert.AreEqual(1L, outbox.DroppedProximity);
            var t = new RecordingTransport();
            outbox.Pump(t);
            Assert.AreEqual("p2", t.PayloadAt(0));
            Assert.AreEqual("s1", t.PayloadAt(1));
            Assert.AreEqual("s2", t.PayloadAt(2));
        }

        [TestMethod]
        public void Enqueue_FullOfStock_RefusesLoudly()
        {
            var outbox = new Outbox(2, 4, null, 1);
            outbox.Enqueue(OutboxClass.Stock, "s", null, "s1", 1, 1);
            outbox.Enqueue(OutboxClass.Stock, "s", null, "s2", 1, 2);
            Assert.IsFalse(outbox.Enqueue(OutboxClass.Stock, "s", null, "s3", 1, 3));
            Assert.AreEqual(1L, outbox.DroppedStock);
            Assert.IsFalse(outbox.Enqueue(OutboxClass.Proximity, "p", null, "p", 1, 0));
            Assert.AreEqual(1L, outbox.DroppedProximity);
        }

        [TestMethod]
        public void Pump_RespectsInFlightWindow_ProximityNotCounted()
        {
            var outbox = new Outbox(8, 2, null, 1);
            for (int i = 1; i <= 4; i++)
            {
                outbox.Enqueue(OutboxClass.Stock, "s", null, "s" + i, 1, i);
            }

            outbox.Enqueue(OutboxClass.Proximity, "p", null, "p", 1, 0);
            var t = new RecordingTransport();
            Assert.AreEqual(3, outbox.Pump(t));
            Assert.AreEqual("s1", t.PayloadAt(0));
            Assert.AreEqual("s2", t.PayloadAt(1));
            Assert.AreEqual("p", t.PayloadAt(2));
            outbox.OnDelivered(t.IdAt(0));
            Assert.AreEqual(1, outbox.Pump(t));
            Assert.AreEqual("s3", t.PayloadAt(3));
        }

        [TestMethod]
        public void Pump_Disconnected_SendsNothing()
        {
            var outbox = new Outbox(4, 2, null, 1);
            outbox.Enqueue(OutboxClass.Stock, "s", null, "s1", 1, 1);
            var t = new RecordingTransport { IsConnected = false };
            Assert.AreEqual(0, outbox.Pump(t));
            Assert.AreEqual(1, outbox.Count);
        }

        [TestMethod]
        public void RestoreJournal_UnackedStockSurvivesReboot()
        {
            var flash = new MemoryStorage();
            var before = new Outbox(8, 4, flash, 1);
            before.Enqueue(OutboxClass.Stock, "s", null, "{\"seq\":1}", 1, 1);
            before.Enqueue(OutboxClass.Stock, "s", null, "{\"seq\":2}", 1, 2);
            before.Enqueue(OutboxClass.Proximity, "p", null, "p", 1, 0);
            var t = new RecordingTransport();
            before.Pump(t);
            before.OnDelivered(t.IdAt(0));

            var after = new Outbox(8, 4, flash, 2);
            Assert.AreEqual(1, after.RestoreJournal());
            var t2 = new RecordingTransport();
            after.Pump(t2);
            Assert.AreEqual(1, t2.Published.Count);
            Assert.AreEqual("{\"seq\":2}", t2.PayloadAt(0));
        }

        [TestMethod]
        public void RestoreJournal_TornLastLineIgnored()
        {
            var flash = new MemoryStorage();
            flash.WriteText(Outbox.JournalFile, "+1,1\ts\t{\"seq\":1}\n+1,2\ts\t{\"se");
            var outbox = new Outbox(8, 4, flash, 2);
            Assert.AreEqual(1, outbox.RestoreJournal());
            var t = new RecordingTransport();
            outbox.Pump(t);
            Assert.AreEqual("{\"seq\":1}", t.PayloadAt(0));
        }

        [TestMethod]
        public void Enqueue_JournalWriteFails_EventStillSent()
        {
            var flash = new MemoryStorage { FailWrites = true };
            var outbox = new Outbox(4, 4, flash, 1);
            Assert.IsTrue(outbox.Enqueue(OutboxClass.Stock, "s", null, "s1", 1, 1));
            var t = new RecordingTransport();
            Assert.AreEqual(1, outbox.Pump(t));
        }
    }
}
