using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class ItemQuantizerTests
    {
        [TestMethod]
        [DataRow(-350.6, 350.6, -1, true)]
        [DataRow(-701.2, 350.6, -2, true)]
        [DataRow(1010.0, 250.0, 4, true)]
        [DataRow(-140.0, 100.0, -1, false)]
        [DataRow(20.0, 100.0, 0, true)]
        [DataRow(-45.0, 100.0, 0, false)]
        public void Quantize_Delta_QuantityAndTolerance(double delta, double unit, int expected, bool clean)
        {
            int quantity;
            double residual;
            double confidence;
            bool ok = ItemQuantizer.Quantize(delta, unit, 0.3 * unit, out quantity, out residual, out confidence);
            Assert.AreEqual(expected, quantity);
            Assert.AreEqual(clean, ok);
        }

        [TestMethod]
        public void Quantize_ExactMultiple_FullConfidence()
        {
            int quantity;
            double residual;
            double confidence;
            ItemQuantizer.Quantize(-300, 100, 30, out quantity, out residual, out confidence);
            Assert.AreEqual(0.0, residual);
            Assert.AreEqual(1.0, confidence);
        }

        [TestMethod]
        public void Quantize_Residual_ConfidenceFallsLinearly()
        {
            int quantity;
            double residual;
            double confidence;
            ItemQuantizer.Quantize(-210, 100, 30, out quantity, out residual, out confidence);
            Assert.AreEqual(-2, quantity);
            Assert.IsTrue(Math.Abs(residual - 10) < 1e-9);
            Assert.IsTrue(Math.Abs(confidence - 0.8) < 1e-9);
        }
    }
}
