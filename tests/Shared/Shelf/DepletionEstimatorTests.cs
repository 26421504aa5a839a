using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class DepletionEstimatorTests
    {
        [TestMethod]
        public void RatePerHour_NoPicks_ZeroAndUnknownTimeToEmpty()
        {
            var d = new DepletionEstimator();
            d.Start(0);
            Assert.AreEqual(0.0, d.RatePerHour(600000));
            Assert.AreEqual(-1L, d.EmptyInS(600000, 12));
        }

        [TestMethod]
        public void RatePerHour_OnePickPerMinute_AboutSixtyAndTenMinutesToEmpty()
        {
            var d = new DepletionEstimator();
            d.Start(0);
            for (int i = 1; i <= 10; i++)
            {
                d.OnPick(i * 60000L, 1);
            }

            double rate = d.RatePerHour(600000);
            Assert.IsTrue(rate > 57 && rate < 63);
            long emptyIn = d.EmptyInS(600000, 10);
            Assert.IsTrue(emptyIn > 570 && emptyIn < 630);
        }

        [TestMethod]
        public void RatePerHour_LongQuiet_Decays()
        {
            var d = new DepletionEstimator();
            d.Start(0);
            d.OnPick(60000, 6);
            double early = d.RatePerHour(3600000);
            double late = d.RatePerHour(5 * 3600000L);
            Assert.IsTrue(late < early / 2);
        }

        [TestMethod]
        public void EmptyInS_NearAYear_ToTheSecond()
        {
            // ~3.1e7 s is above 2^24: rounding through the device's single-precision Math.Round is off by up to 2 s.
            var d = new DepletionEstimator();
            d.Start(0);
            d.OnPick(60000, 1);
            const int items = 516000;
            double seconds = items / d.RatePerHour(60000) * 3600.0;
            long emptyIn = d.EmptyInS(60000, items);
            Assert.IsTrue(seconds > 16777216.0 && seconds < 31536000.0, "scenario");
            Assert.IsTrue(System.Math.Abs(emptyIn - seconds) <= 0.5, "emptyIn " + emptyIn + " for " + seconds.ToString("F3"));
        }

        [TestMethod]
        public void EmptyInS_EmptyLane_Zero()
        {
            var d = new DepletionEstimator();
            d.OnPick(1000, 1);
            Assert.AreEqual(0L, d.EmptyInS(2000, 0));
        }

        [TestMethod]
        public void Constructor_ShortMemory_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new DepletionEstimator(1000));
        }
    }
}
