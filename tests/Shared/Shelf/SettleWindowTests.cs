using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class SettleWindowTests
    {
        [TestMethod]
        public void Push_MoreThanLength_KeepsTheLastSamples()
        {
            var w = new SettleWindow(3);
            w.Push(10);
            w.Push(20);
            Assert.IsFalse(w.IsFull);
            w.Push(30);
            w.Push(40);
            Assert.IsTrue(w.IsFull);
            Assert.AreEqual(30.0, w.Mean);
            Assert.AreEqual(20L, w.Spread());
        }

        [TestMethod]
        public void Clear_Empties()
        {
            var w = new SettleWindow(2);
            w.Push(5);
            w.Push(-5);
            w.Clear();
            Assert.AreEqual(0, w.Count);
            Assert.AreEqual(0L, w.Spread());
        }

        [TestMethod]
        public void Constructor_BadLength_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SettleWindow(1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new SettleWindow(SettleWindow.MaxLength + 1));
        }

        [TestMethod]
        [DataRow(1, 2, 3, 2)]
        [DataRow(3, 1, 2, 2)]
        [DataRow(2, 3, 1, 2)]
        [DataRow(5, 5, -9000000, 5)]
        [DataRow(-1, 8388607, -1, -1)]
        public void Median_ThreeValues_Middle(int a, int b, int c, int expected)
        {
            Assert.AreEqual(expected, MedianSpikeFilter.Median(a, b, c));
        }

        [TestMethod]
        public void MedianFilter_SingleSpike_Removed()
        {
            var f = new MedianSpikeFilter();
            int m;
            Assert.IsFalse(f.Push(100, out m));
            Assert.IsFalse(f.Push(101, out m));
            Assert.IsTrue(f.Push(5000000, out m));
            Assert.AreEqual(101, m);
            Assert.IsTrue(f.Push(102, out m));
            Assert.AreEqual(102, m);
        }

        [TestMethod]
        public void ZeroTracker_Step_RateLimitedAndGated()
        {
            var z = new ZeroTracker(6, 25);
            Assert.AreEqual(0.0, z.Step(30, 100));
            Assert.IsTrue(Math.Abs(z.Step(10, 100) - 0.01) < 1e-12);
            Assert.IsTrue(Math.Abs(z.Step(-0.5, 1000) + 0.05) < 1e-12);
        }
    }
}
