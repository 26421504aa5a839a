using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Common
{
    /// <summary>
    /// Values above 2^24 (16 777 216) are where the device's single-precision System.Math goes wrong; each case here
    /// fails on the ESP32 profile of the interpreter when computed through Math.Floor/Round/Abs.
    /// </summary>
    [TestClass]
    public class ExactMathTests
    {
        [TestMethod]
        [DataRow(0.0, true)]
        [DataRow(-7.0, true)]
        [DataRow(16777217.0, true)]
        [DataRow(1735689601.0, true)]
        [DataRow(4294967295.0, true)]
        [DataRow(16777216.5, false)]
        [DataRow(0.1, false)]
        [DataRow(-2.5, false)]
        [DataRow(1e300, false)]
        public void IsWhole_ExactAbove24Bits(double d, bool whole)
        {
            Assert.AreEqual(whole, ExactMath.IsWhole(d));
        }

        [TestMethod]
        public void IsWhole_NotFinite_False()
        {
            Assert.IsFalse(ExactMath.IsWhole(double.NaN));
            Assert.IsFalse(ExactMath.IsWhole(double.PositiveInfinity));
            Assert.IsFalse(ExactMath.IsWhole(double.NegativeInfinity));
        }

        [TestMethod]
        [DataRow(31000001.4, 31000001L)]
        [DataRow(31000001.6, 31000002L)]
        [DataRow(16777217.0, 16777217L)]
        [DataRow(2.5, 2L)]
        [DataRow(3.5, 4L)]
        [DataRow(-2.5, -2L)]
        [DataRow(-3.5, -4L)]
        [DataRow(-0.4, 0L)]
        [DataRow(-0.6, -1L)]
        [DataRow(1735689601.5, 1735689602L)]
        public void Round_NearestHalfToEven(double d, long expected)
        {
            Assert.AreEqual(expected, ExactMath.Round(d));
        }

        [TestMethod]
        public void Abs_LongBeyondFloat()
        {
            Assert.AreEqual(9007199254740993L, ExactMath.Abs(-9007199254740993L));
            Assert.AreEqual(1795352709007L, ExactMath.Abs(1795352709007L));
        }
    }
}
