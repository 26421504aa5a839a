using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    /// <summary>
    /// A chain that holds what it cannot explain: loads that are no whole number of items (a resting hand or elbow)
    /// are held, never counted; one that stays is reported once as <c>unexplained</c>.
    /// </summary>
    [TestClass]
    public class LaneUnexplainedTests
    {
        private const double CountsPerGram = 400;
        private const double Zero = 100000;
        private const double Unit = 52;
        private const double Full = 20 * Unit;

        private static LaneProcessor Lane(RecordingStockListener rec, out ShelfSignal sig)
        {
            var o = new LaneOptions();
            o.Id = "B3";
            o.UnitGrams = Unit;
            o.CountsPerGram = CountsPerGram;
            o.ZeroCounts = Zero;
            o.LowItems = 2;
            o.EmptyItems = 0;
            o.CapacityGrams = 2000;
            var lane = new LaneProcessor(o, rec);
            sig = new ShelfSignal(lane, CountsPerGram, Zero, o.Sps);
            sig.Hold(Full, 5000);
            rec.Clear();
            return lane;
        }

        [TestMethod]
        public void Push_HandRests8sThenLifted_NoStockEvent()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            sig.Move(Full, Full + 136, 300);
            sig.Hold(Full + 136, 8000);
            Assert.IsTrue(lane.IsHolding);
            sig.Move(Full + 136, Full, 300);
            sig.Hold(Full, 5000);
            Assert.AreEqual(0, rec.Count);
            Assert.AreEqual(20, lane.Items);
            Assert.IsFalse(lane.IsHolding);
            Assert.IsTrue(lane.IsStable);
        }

        [TestMethod]
        public void Push_LightTouchOf30g_NoRestock()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            sig.Move(Full, Full + 30, 200);
            sig.Hold(Full + 30, 12000);
            sig.Move(Full + 30, Full, 200);
            sig.Hold(Full, 3000);
            Assert.AreEqual(0, rec.Count);
            Assert.AreEqual(20, lane.Items);
        }

        [TestMethod]
        public void Push_LeanPersists60s_OneUnexplainedEventAndTheCountStays()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            long startMs = sig.NowMs;
            sig.Move(Full, Full + 136, 300);
            sig.Hold(Full + 136, 60000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Unexplained));
            Assert.AreEqual(0, rec.StockChanges);
            StockEvent e = rec.Last(StockEventKind.Unexplained);
            Assert.IsTrue(Math.Abs(e.Grams - 136) < 3);
            Assert.AreEqual(20, e.Items);
            Assert.AreEqual(0, e.Quantity);
            Assert.IsTrue(e.Confidence < ChangeDecision.ConfidenceFloor);
            Assert.IsTrue(e.TMs - startMs >= ChangeDecision.UnexplainedHoldMs);
            Assert.IsTrue(e.TMs - startMs < ChangeDecision.UnexplainedHoldMs + 3000);
            Assert.AreEqual(20, lane.Items);

            // The load goes: back at the level before it, no event but a level with the count unchanged.
            sig.Move(Full + 136, Full, 300);
            sig.Hold(Full, 5000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Unexplained));
            Assert.AreEqual(0, rec.StockChanges);
            Assert.AreEqual(20, rec.Last(StockEventKind.Level).Items);
            Assert.IsTrue(Math.Abs(lane.Grams - Full) < 3);
            Assert.IsTrue(lane.IsStable);
        }

        [TestMethod]
        public void Push_RealRestockOfThree_StillCounted()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            sig.Move(Full, Full + (3 * Unit), 300);
            sig.Hold(Full + (3 * Unit), 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Restock));
            Assert.AreEqual(3, rec.Last(StockEventKind.Restock).Quantity);
            Assert.IsTrue(rec.Last(StockEventKind.Restock).Confidence >= ChangeDecision.ConfidenceFloor);
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Unexplained));
            Assert.AreEqual(23, lane.Items);
        }

        [TestMethod]
        public void Push_HandRestThenLiftedWithOneItem_PickOfOne()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            sig.Move(Full, Full + 136, 300);
            sig.Hold(Full + 136, 6000);
            sig.Move(Full + 136, Full - Unit, 300);
            sig.Hold(Full - Unit, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Restock));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Unexplained));
            Assert.AreEqual(1, rec.Last(StockEventKind.Pick).Quantity);
            Assert.IsTrue(Math.Abs(rec.Last(StockEventKind.Pick).Grams + Unit) < 3);
            Assert.AreEqual(19, lane.Items);
        }

        [TestMethod]
        public void Push_NoPickOrRestockBelowTheConfidenceFloor()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(rec, out sig);
            double g = Full;
            double[] offsets = new double[] { 136, -70, 30, -85, 18, 110 };
            for (int i = 0; i < offsets.Length; i++)
            {
                sig.Move(g, g + offsets[i], 300);
                g += offsets[i];
                sig.Hold(g, 25000);
            }

            for (int i = 0; i < rec.Count; i++)
            {
                StockEvent e = rec.At(i);
                if (e.Kind == StockEventKind.Pick || e.Kind == StockEventKind.Restock)
                {
                    Assert.IsTrue(e.Confidence >= ChangeDecision.ConfidenceFloor);
                }
            }

            Assert.IsTrue(rec.CountOf(StockEventKind.Unexplained) >= 1);
            Assert.IsTrue(lane.Items >= 0);
        }
    }
}
