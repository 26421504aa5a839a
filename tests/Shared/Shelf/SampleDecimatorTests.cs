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
    }
}
