using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class LaneProcessorTests
    {
        private const double CountsPerGram = 400;
        private const double Zero = 100000;
        private const double Unit = 100;

        private static LaneOptions Options()
        {
            var o = new LaneOptions();
            o.Id = "A1";
            o.UnitGrams = Unit;
            o.CountsPerGram = CountsPerGram;
            o.ZeroCounts = Zero;
            o.LowItems = 2;
            o.EmptyItems = 0;
            o.CapacityGrams = 5000;
            return o;
        }

        private static LaneProcessor Lane(LaneOptions o, RecordingStockListener rec, out ShelfSignal sig)
        {
            var lane = new LaneProcessor(o, rec);
            sig = new ShelfSignal(lane, o.CountsPerGram == 0 ? CountsPerGram : o.CountsPerGram, o.ZeroCounts, o.Sps);
            return lane;
        }

        [TestMethod]
        public void Push_SteadyLoad_OneLevelWithTheItemCount()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 5000);
            Assert.AreEqual(1, rec.Count);
            StockEvent level = rec.At(0);
            Assert.AreEqual((int)StockEventKind.Level, (int)level.Kind);
            Assert.AreEqual(10, level.Items);
            Assert.AreEqual((int)LaneLevel.Ok, (int)level.Level);
            Assert.IsTrue(Math.Abs(level.Grams - 1000) < 1);
            Assert.AreEqual(10, lane.Items);
            Assert.IsTrue(lane.IsStable);
        }

        [TestMethod]
        public void Push_SinglePick_OnePickOfOne()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            rec.Clear();
            long stepMs = sig.NowMs;
            sig.Move(1000, 900, 200);
            sig.Hold(900, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Restock));
            StockEvent pick = rec.Last(StockEventKind.Pick);
            Assert.AreEqual(1, pick.Quantity);
            Assert.AreEqual(9, pick.Items);
            Assert.IsTrue(Math.Abs(pick.Grams + 100) < 2);
            Assert.IsTrue(pick.Confidence > 0.95);
            Assert.IsTrue(pick.TMs > stepMs && pick.TMs - stepMs <= 1000);
            Assert.AreEqual(9, rec.Last(StockEventKind.Level).Items);
            Assert.AreEqual(9, lane.Items);
        }

        [TestMethod]
        public void Push_TwoItemsAtOnce_OnePickOfTwo()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Move(1000, 1010, 100);
            sig.Move(1010, 800, 200);
            sig.Hold(800, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            StockEvent pick = rec.Last(StockEventKind.Pick);
            Assert.AreEqual(2, pick.Quantity);
            Assert.AreEqual(8, pick.Items);
        }

        [TestMethod]
        public void Push_Restock_OneRestockAfterTheHold()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            sig.Hold(500, 3000);
            long stepMs = sig.NowMs;
            sig.Move(500, 830, 300);
            sig.Move(830, 800, 100);
            sig.Hold(800, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Restock));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Pick));
            StockEvent restock = rec.Last(StockEventKind.Restock);
            Assert.AreEqual(3, restock.Quantity);
            Assert.AreEqual(8, restock.Items);
            Assert.IsTrue(restock.Grams > 290 && restock.Grams < 310);
            Assert.IsTrue(restock.TMs - stepMs >= LaneProcessor.RestockHoldMs - 100);
        }

        [TestMethod]
        public void Push_BriefTouch_NoStockEvent()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            sig.Hold(500, 3000);
            sig.Move(500, 600, 100);
            sig.Hold(600, 500);
            sig.Move(600, 500, 100);
            sig.Hold(500, 3000);
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_SlowCreep_NoEventAndTheZeroFollows()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 5000);

            // 12 g over 20 minutes (0.6 g/min): creep of a loaded cell.
            for (int s = 0; s < 1200; s++)
            {
                sig.Hold(1000 + (12.0 * s / 1200), 1000);
            }

            sig.Hold(1012, 60000);
            Assert.AreEqual(0, rec.StockChanges);
            Assert.AreEqual(10, lane.Items);
            Assert.IsTrue(lane.TrackedDriftGrams > 11 && lane.TrackedDriftGrams < 13);
            Assert.IsTrue(Math.Abs(lane.Grams - 1000) < 1);

            // A pick after the creep is still a pick of one.
            sig.Move(1012, 912, 200);
            sig.Hold(912, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            Assert.AreEqual(1, rec.Last(StockEventKind.Pick).Quantity);
        }

        [TestMethod]
        public void Push_FastDrift_IsNotAbsorbed()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 5000);

            // Weight leaves at 100 g per 10 s, faster than any creep: auto-zero must not eat it.
            for (int s = 0; s < 100; s++)
            {
                sig.Hold(1000 - s, 100);
            }

            sig.Hold(900, 5000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            Assert.AreEqual(9, lane.Items);
            Assert.IsTrue(lane.TrackedDriftGrams > -10);
        }

        [TestMethod]
        public void Push_SingleSpike_Rejected()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Raw((int)(Zero + (1000 * CountsPerGram)) + 2000000, SampleStatus.Ok, 1);
            sig.Hold(1000, 1000);
            sig.Raw((int)(Zero + (1000 * CountsPerGram)) - 3000000, SampleStatus.Ok, 1);
            sig.Hold(1000, 3000);
            Assert.AreEqual(1, rec.Count);
            Assert.AreEqual(10, lane.Items);
        }

        [TestMethod]
        public void Push_Saturation_OneFaultAndNoStockEvent()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Raw(8388607, SampleStatus.Ok, 1);
            sig.Hold(1000, 500);
            Assert.AreEqual(1, rec.Count);
            sig.Raw(8388607, SampleStatus.Ok, 50);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.Saturation, (int)rec.Last(StockEventKind.Fault).Fault);
            Assert.AreEqual(10, rec.Last(StockEventKind.Fault).Items);
            Assert.AreEqual((int)LaneLevel.Fault, (int)lane.Level);
            sig.Raw(-8388608, SampleStatus.Ok, 50);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_AllOnes_NoSensorFaultAndNoStockEvent()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Raw(-1, SampleStatus.Ok, 100);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.NoSensor, (int)lane.Fault);
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_UnplugMidway_FaultThenRecoveryWithoutStockEvents()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Raw(0, SampleStatus.NoSensor, 50);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.NoSensor, (int)rec.Last(StockEventKind.Fault).Fault);
            sig.Raw(0, SampleStatus.ReadyTimeout, 4);
            sig.Hold(1000, 5000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual(0, rec.StockChanges);
            StockEvent level = rec.Last(StockEventKind.Level);
            Assert.AreEqual((int)LaneLevel.Ok, (int)level.Level);
            Assert.AreEqual(10, level.Items);
            Assert.AreEqual((int)StockFault.None, (int)lane.Fault);

            // Healthy again: picks count as before.
            sig.Move(1000, 900, 200);
            sig.Hold(900, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
        }

        [TestMethod]
        public void Push_ReadyTimeouts_FaultOnlyAfterOneSecond()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Raw(0, SampleStatus.ReadyTimeout, 5);
            sig.Hold(1000, 1000);
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Fault));
            sig.Raw(0, SampleStatus.ReadyTimeout, 15);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.ReadyTimeout, (int)rec.Last(StockEventKind.Fault).Fault);
        }

        [TestMethod]
        public void Push_BeyondCapacity_ImplausibleFault()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            sig.Hold(1000, 3000);
            sig.Move(1000, 7000, 300);
            sig.Hold(7000, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.Implausible, (int)rec.Last(StockEventKind.Fault).Fault);
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_LowAndEmpty_FireOnceWithHysteresis()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(Options(), rec, out sig);
            double g = 400;
            sig.Hold(g, 3000);
            g = Pick(sig, g, 1);
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Low));
            g = Pick(sig, g, 1);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Low));
            Assert.AreEqual(2, rec.Last(StockEventKind.Low).Items);
            g = Pick(sig, g, 1);
            g = Restock(sig, g, 1);
            g = Pick(sig, g, 1);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Low));
            g = Restock(sig, g, 3);
            g = Pick(sig, g, 2);
            Assert.AreEqual(2, rec.CountOf(StockEventKind.Low));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Empty));
            g = Pick(sig, g, 2);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Empty));
            Assert.AreEqual(0, rec.Last(StockEventKind.Empty).Items);
            Assert.AreEqual((int)LaneLevel.Empty, (int)rec.Last(StockEventKind.Level).Level);
            Assert.AreEqual(2, rec.CountOf(StockEventKind.Low));
            Assert.AreEqual(0, g);
        }

        [TestMethod]
        public void TryTare_SettledLane_ZeroMovesAndCountIsZero()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(37, 3000);
            Assert.IsTrue(lane.TryTare(sig.NowMs));
            Assert.IsTrue(Math.Abs(lane.ZeroCounts - (Zero + (37 * CountsPerGram))) < 20);
            Assert.AreEqual(0, lane.Items);
            Assert.AreEqual(0, rec.Last(StockEventKind.Level).Items);

            // The technician fills the lane inside the service window: counted, but not as restocks.
            sig.Move(37, 537, 300);
            sig.Hold(537, 3000);
            Assert.AreEqual(0, rec.StockChanges);
            Assert.AreEqual(5, lane.Items);
        }

        [TestMethod]
        public void TryTare_WhileMoving_Refused()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            sig.Hold(500, 3000);
            sig.Move(500, 300, 200);
            Assert.IsFalse(lane.TryTare(sig.NowMs));
        }

        [TestMethod]
        public void TryCalibrate_UncalibratedLane_GuidedCalibration()
        {
            LaneOptions o = Options();
            o.CountsPerGram = 0;
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(o, rec, out sig);
            sig.Hold(0, 2000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Fault));
            Assert.AreEqual((int)StockFault.Uncalibrated, (int)rec.Last(StockEventKind.Fault).Fault);
            Assert.IsTrue(lane.TryTare(sig.NowMs));
            sig.Move(0, 500, 300);
            sig.Hold(500, 2000);
            Assert.IsTrue(lane.TryCalibrate(500, sig.NowMs));
            Assert.IsTrue(Math.Abs(lane.CountsPerGram - CountsPerGram) < 1);
            Assert.AreEqual((int)StockFault.None, (int)lane.Fault);
            Assert.AreEqual(5, lane.Items);
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_EightySps_PickOfThree()
        {
            LaneOptions o = Options();
            o.Sps = 80;
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            Lane(o, rec, out sig);
            sig.Hold(1500, 3000);
            sig.Move(1500, 1200, 250);
            sig.Hold(1200, 3000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick));
            Assert.AreEqual(3, rec.Last(StockEventKind.Pick).Quantity);
            Assert.AreEqual(12, rec.Last(StockEventKind.Pick).Items);
        }

        [TestMethod]
        public void Push_Picks_LevelCarriesRateAndTimeToEmpty()
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(Options(), rec, out sig);
            double g = 2000;
            sig.Hold(g, 3000);
            for (int i = 0; i < 10; i++)
            {
                g = Pick(sig, g, 1);
                sig.Hold(g, 55000);
            }

            StockEvent level = rec.Last(StockEventKind.Level);
            Assert.AreEqual(10, level.Items);
            Assert.IsTrue(level.RatePerHour > 50 && level.RatePerHour < 70);
            Assert.IsTrue(level.EmptyInS > 500 && level.EmptyInS < 750);
            Assert.IsTrue(lane.RatePerHour(sig.NowMs) > 0);
        }

        [TestMethod]
        public void Constructor_BadOptions_ThrowsConfigException()
        {
            LaneOptions o = Options();
            o.UnitGrams = 0;
            Assert.ThrowsException(typeof(Beacons.Shared.Configuration.ConfigException), () => new LaneProcessor(o, new RecordingStockListener()));
        }

        private static double Pick(ShelfSignal sig, double grams, int items)
        {
            double to = grams - (items * Unit);
            sig.Move(grams, to, 200);
            sig.Hold(to, 3000);
            return to;
        }

        private static double Restock(ShelfSignal sig, double grams, int items)
        {
            double to = grams + (items * Unit);
            sig.Move(grams, to, 300);
            sig.Hold(to, 3000);
            return to;
        }
    }
}
