using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    /// <summary>
    /// The lane measures its own noise and, where one item is small against it, averages longer before deciding.
    /// ShelfSignal's noise is a deterministic xorshift, uniform over ±N counts: RMS = √(N(N+1)/3).
    /// </summary>
    [TestClass]
    public class LaneNoiseTests
    {
        private const double CountsPerGram = 400;
        private const double Zero = 100000;

        private static LaneProcessor Lane(double unit, int noiseCounts, RecordingStockListener rec, out ShelfSignal sig)
        {
            return Lane(unit, noiseCounts, 10, rec, out sig);
        }

        private static LaneProcessor Lane(double unit, int noiseCounts, int sps, RecordingStockListener rec, out ShelfSignal sig)
        {
            var o = new LaneOptions();
            o.Id = "N1";
            o.UnitGrams = unit;
            o.CountsPerGram = CountsPerGram;
            o.ZeroCounts = Zero;
            o.LowItems = 2;
            o.EmptyItems = 0;
            o.Sps = sps;
            var lane = new LaneProcessor(o, rec);
            sig = new ShelfSignal(lane, CountsPerGram, Zero, o.Sps);
            sig.NoiseCounts = noiseCounts;
            return lane;
        }

        private static double RmsGrams(int noiseCounts)
        {
            return Math.Sqrt(noiseCounts * (noiseCounts + 1) / 3.0) / CountsPerGram;
        }

        [TestMethod]
        [DataRow(40)]
        [DataRow(400)]
        [DataRow(1200)]
        public void Push_QuietLane_NoiseEstimateWithin20Percent(int noiseCounts)
        {
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(100, noiseCounts, rec, out sig);
            sig.Hold(1000, 60000);
            double expected = RmsGrams(noiseCounts);
            double measured = lane.NoiseGrams;
            Assert.IsTrue(measured > 0.8 * expected && measured < 1.2 * expected, "noise " + measured.ToString("F3") + " g, injected " + expected.ToString("F3"));
            Assert.AreEqual(0, rec.StockChanges);
        }

        [TestMethod]
        public void Push_SmallerSnr_LongerAveragingWindow()
        {
            var recQuiet = new RecordingStockListener();
            ShelfSignal quietSig;
            LaneProcessor quiet = Lane(20, 40, recQuiet, out quietSig);
            var recNoisy = new RecordingStockListener();
            ShelfSignal noisySig;
            LaneProcessor noisy = Lane(20, 1600, recNoisy, out noisySig);
            quietSig.Hold(400, 60000);
            noisySig.Hold(400, 60000);

            // Quiet: SNR ≈ 700, the 3-sample settle window decides. Noisy (±4 g, RMS 2.3 g): SNR ≈ 8.7, so
            // N = ceil((21.2 / 8.7)²) = 6 samples or more.
            Assert.AreEqual(3, quiet.AveragingSamples);
            Assert.IsTrue(noisy.AveragingSamples >= 6 && noisy.AveragingSamples <= 12, "averaging " + noisy.AveragingSamples + " noise " + noisy.NoiseGrams.ToString("F3") + " band " + noisy.BandGrams.ToString("F3"));
            Assert.IsTrue(noisy.BandGrams > quiet.BandGrams);
            Assert.IsTrue(noisy.MinItemGrams <= 20);
            Assert.IsTrue(noisy.MinItemGrams > quiet.MinItemGrams);

            // Both still count a pick of one item of 20 g, once.
            quietSig.Move(400, 380, 200);
            quietSig.Hold(380, 5000);
            noisySig.Move(400, 380, 200);
            noisySig.Hold(380, 5000);
            Assert.AreEqual(1, recQuiet.CountOf(StockEventKind.Pick));
            Assert.AreEqual(1, recNoisy.CountOf(StockEventKind.Pick));
            Assert.AreEqual(19, noisy.Items);
            Assert.AreEqual(0, recNoisy.CountOf(StockEventKind.Restock));

            // The level payload reports the noise and the smallest countable item.
            StockEvent level = recNoisy.Last(StockEventKind.Level);
            Assert.IsTrue(level.NoiseGrams > 0.8 * RmsGrams(1600) && level.NoiseGrams < 1.2 * RmsGrams(1600));
            Assert.IsTrue(level.MinItemGrams > 0 && level.MinItemGrams <= 20);
        }
    

        [TestMethod]
        public void Push_EightySpsAtSnrFive_SettlesAndCountsEachPickOnce()
        {
            // 20 g items under ±2771 counts of uniform noise: RMS 1600 counts = 4 g, one item = 5 raw-noise RMS. 24 raw
            // samples in a 300 ms window range up to 5.8 RMS, more than an item: undecimated, this lane never settled.
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(20, 2771, 80, rec, out sig);
            sig.Hold(400, 30000);
            Assert.AreEqual(20, lane.Items);
            sig.Move(400, 380, 250);
            sig.Hold(380, 8000);
            sig.Move(380, 340, 250);
            sig.Hold(340, 8000);
            Assert.AreEqual(2, rec.CountOf(StockEventKind.Pick), "picks; band " + lane.BandGrams.ToString("F2") + " g, noise " + lane.NoiseGrams.ToString("F2") + " g");
            Assert.AreEqual(17, lane.Items);
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Restock));
            Assert.AreEqual(0, rec.CountOf(StockEventKind.Unexplained));
        }
    

        [TestMethod]
        [DataRow(10)]
        [DataRow(80)]
        public void Push_SnrTwo_ReadingsLengthenAndPicksAreCounted(int sps)
        {
            // 20 g items under ±6928 counts of uniform noise (RMS 4000 counts = 10 g at 10 SPS): one item = 2 noise
            // RMS. Three samples range over two items, so 10-per-second readings never looked settled; one-second
            // blocks bring a reading to SNR ≈ 6 and the lane counts.
            var rec = new RecordingStockListener();
            ShelfSignal sig;
            LaneProcessor lane = Lane(20, sps == 80 ? 12470 : 6928, sps, rec, out sig);
            sig.Hold(400, 40000);
            Assert.IsTrue(lane.ReadingPeriodMs >= 500, "reading period " + lane.ReadingPeriodMs + " ms");
            Assert.AreEqual(20, lane.Items);
            int stockChanges = rec.StockChanges;
            sig.Move(400, 380, 250);
            sig.Hold(380, 15000);
            sig.Move(380, 420, 250);
            sig.Hold(420, 15000);
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Pick), "picks; band " + lane.BandGrams.ToString("F2") + " g, noise " + lane.NoiseGrams.ToString("F2") + " g");
            Assert.AreEqual(1, rec.CountOf(StockEventKind.Restock));
            Assert.AreEqual(21, lane.Items);
            Assert.AreEqual(stockChanges + 2, rec.StockChanges);
        }
    }
}
