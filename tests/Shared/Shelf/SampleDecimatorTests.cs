using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class SampleDecimatorTests
    {
        [TestMethod]
        public void Push_TenSps_EverySampleIsAReading()
        {
            var d = new SampleDecimator();
            d.Configure(10);
            int reading;
            Assert.AreEqual(1, d.BlockSamples);
            Assert.IsTrue(d.Push(-123456, out reading));
            Assert.AreEqual(-123456, reading);
        }

        [TestMethod]
        public void Push_EightySps_OneTrimmedMeanPerEightSamples()
        {
            var d = new SampleDecimator();
            d.Configure(80);
            Assert.AreEqual(8, d.BlockSamples);
            int reading;
            int[] block = { 100, 102, 98, 101, 99, 100, 103, 97 };
            for (int i = 0; i < 7; i++)
            {
                Assert.IsFalse(d.Push(block[i], out reading));
            }

            // 97 and 103 dropped: (100 + 102 + 98 + 101 + 99 + 100) / 6 = 100.
            Assert.IsTrue(d.Push(block[7], out reading));
            Assert.AreEqual(100, reading);
        }

        [TestMethod]
        public void Push_LoneSpikeInABlock_DoesNotMoveTheReading()
        {
            var d = new SampleDecimator();
            d.Configure(80);
            int reading = 0;
            for (int i = 0; i < 8; i++)
            {
                d.Push(i == 3 ? 8000000 : 5000, out reading);
            }

            Assert.AreEqual(5000, reading);
        }

        [TestMethod]
        [DataRow(-7, -1)]
        [DataRow(-9, -2)]
        [DataRow(9, 2)]
        [DataRow(7, 1)]
        public void Push_RoundsHalfAwayFromZero(int sumOfSix, int expected)
        {
            // Six equal middles plus a low and a high that the trim drops; sumOfSix spread over the middle six.
            var d = new SampleDecimator();
            d.Configure(80);
            int reading = 0;
            int low = -1000;
            int high = 1000;
            d.Push(low, out reading);
            d.Push(high, out reading);
            d.Push(sumOfSix, out reading);
            for (int i = 0; i < 5; i++)
            {
                Assert.IsTrue(i < 4 ? !d.Push(0, out reading) : d.Push(0, out reading));
            }

            // sumOfSix / 6: -7/6 = -1.17 -> -1, -9/6 = -1.5 -> -2, 9/6 = 1.5 -> 2, 7/6 -> 1.
            Assert.AreEqual(expected, reading);
        }

        [TestMethod]
        public void Reset_PartialBlockForgotten()
        {
            var d = new SampleDecimator();
            d.Configure(80);
            int reading;
            for (int i = 0; i < 5; i++)
            {
                d.Push(1000000, out reading);
            }

            d.Reset();
            for (int i = 0; i < 7; i++)
            {
                Assert.IsFalse(d.Push(10, out reading));
            }

            Assert.IsTrue(d.Push(10, out reading));
            Assert.AreEqual(10, reading);
        }
    

        private static void Feed(SampleDecimator d, int samples, int noise, ref uint state)
        {
            int reading;
            for (int i = 0; i < samples; i++)
            {
                // xorshift32: deterministic uniform noise of ±noise counts.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                int n = (int)(state % (uint)((2 * noise) + 1)) - noise;
                d.Push(100000 + n, out reading);
            }
        }

        [TestMethod]
        public void Plan_QuietLane_KeepsTenReadingsASecond()
        {
            var d = new SampleDecimator();
            d.Configure(10);
            uint state = 2463534242;
            Feed(d, 200, 100, ref state);
            Assert.IsTrue(d.HasRawNoise);
            Assert.IsFalse(d.Plan(20000, 8000));
            Assert.AreEqual(1, d.BlockSamples);
            Assert.AreEqual(100, d.PeriodMs);
        }

        [TestMethod]
        public void Plan_ItemAtTwiceTheNoise_OneSecondBlocks()
        {
            var d = new SampleDecimator();
            d.Configure(10);
            uint state = 88172645;
            Feed(d, 200, 6928, ref state);

            // Raw RMS ≈ 4000 counts against an 8000-count item: (8 · 4000 / 8000)² = 16 samples, capped at 1 s.
            double rms = d.RawNoiseCounts;
            Assert.IsTrue(rms > 3600 && rms < 4600, "raw noise " + rms.ToString("F0"));
            Assert.IsTrue(d.Plan(20000, 8000));
            Assert.AreEqual(10, d.BlockSamples);
            Assert.AreEqual(1, d.PreviousBlockSamples);
            Assert.AreEqual(1000, d.PeriodMs);
        }

        [TestMethod]
        public void Plan_AtMostOncePerReplanInterval()
        {
            var d = new SampleDecimator();
            d.Configure(80);
            uint state = 123456789;
            Feed(d, 400, 100, ref state);
            Assert.IsFalse(d.Plan(10000, 8000));
            Feed(d, 2000, 20000, ref state);
            Assert.IsFalse(d.Plan(10000 + SampleDecimator.ReplanMs - 1, 8000), "too soon");
            Assert.IsTrue(d.Plan(10000 + SampleDecimator.ReplanMs, 8000), "raw noise " + d.RawNoiseCounts.ToString("F0"));
            Assert.IsTrue(d.BlockSamples > 8 && d.BlockSamples <= 80, "block " + d.BlockSamples);
        }

        [TestMethod]
        public void Plan_NoiseUnknownOrUnitZero_NoChange()
        {
            var d = new SampleDecimator();
            d.Configure(10);
            uint state = 42;
            Feed(d, 10, 5000, ref state);
            Assert.IsFalse(d.HasRawNoise);
            Assert.IsFalse(d.Plan(0, 8000));
            Feed(d, 200, 5000, ref state);
            Assert.IsFalse(d.Plan(0, 0));
            Assert.AreEqual(1, d.BlockSamples);
        }
    }
}
