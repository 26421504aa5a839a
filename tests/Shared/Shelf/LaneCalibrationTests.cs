using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class LaneCalibrationTests
    {
        [TestMethod]
        public void TwoPoint_TwoKnownLoads_SlopeAndZero()
        {
            double cpg;
            double zero;
            LaneCalibration.TwoPoint(140000, 100, 340000, 600, out cpg, out zero);
            Assert.AreEqual(400.0, cpg);
            Assert.AreEqual(100000.0, zero);
        }

        [TestMethod]
        public void TwoPoint_ReversedWiring_NegativeSlope()
        {
            double cpg;
            double zero;
            LaneCalibration.TwoPoint(-5000, 0, -55000, 500, out cpg, out zero);
            Assert.AreEqual(-100.0, cpg);
            Assert.AreEqual(-5000.0, zero);
            Assert.AreEqual(250.0, LaneCalibration.ToGrams(-30000, zero, cpg));
        }

        [TestMethod]
        public void TwoPoint_EqualLoads_Throws()
        {
            double cpg;
            double zero;
            Assert.ThrowsException(typeof(ArgumentException), () => LaneCalibration.TwoPoint(1000, 200, 9000, 200, out cpg, out zero));
        }

        [TestMethod]
        public void TwoPoint_ReadingsBarelyDiffer_Throws()
        {
            double cpg;
            double zero;
            Assert.ThrowsException(typeof(ArgumentException), () => LaneCalibration.TwoPoint(1000, 0, 1001, 1000, out cpg, out zero));
        }

        [TestMethod]
        public void Guided_TareThenKnownWeight_CountsPerGram()
        {
            Assert.AreEqual(429.5, LaneCalibration.Guided(12000, 12000 + (429.5 * 1000), 1000));
        }

        [TestMethod]
        public void Guided_NonPositiveWeight_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => LaneCalibration.Guided(0, 1000, 0));
        }
    }
}
