using System;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class Hx711FrameTests
    {
        // MISO as the wire carries it: each data bit fills both halves of its pulse (DOUT changes on the rising edge).
        [TestMethod]
        [DataRow(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0)]
        [DataRow(0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 1)]
        [DataRow(0x3F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 8388607)]
        [DataRow(0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, -8388608)]
        [DataRow(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, -1)]
        [DataRow(0x03, 0x0C, 0x0F, 0x30, 0x33, 0x3C, 0x123456)]
        [DataRow(0xCC, 0xCF, 0x0F, 0xCC, 0xC3, 0xC0, -5555560)]
        public void DecodeCounts_WireBytes_SignExtendedCount(int b0, int b1, int b2, int b3, int b4, int b5, int expected)
        {
            byte[] miso = new byte[] { (byte)b0, (byte)b1, (byte)b2, (byte)b3, (byte)b4, (byte)b5, 0xFF };
            Assert.AreEqual(expected, Hx711Frame.DecodeCounts(miso, 0));
        }

        [TestMethod]
        public void DecodeRaw_AllOnes_IsTheFloatingLinePattern()
        {
            byte[] miso = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
            Assert.AreEqual(Hx711Frame.AllOnesRaw, Hx711Frame.DecodeRaw(miso, 0));
        }

        [TestMethod]
        public void DecodeRaw_HighHalfBitsDiffer_UsesOnlyTheLowHalf()
        {
            // 0x800001 with garbage in every high-half bit (bits 7, 5, 3, 1 of each byte).
            byte[] miso = new byte[] { 0x40 | 0x2A, 0xAA, 0x00, 0xAA, 0x00, 0x01 | 0x80 };
            Assert.AreEqual(0x800001, Hx711Frame.DecodeRaw(miso, 0));
        }

        [TestMethod]
        public void DecodeCounts_AtOffset_ReadsTheWindow()
        {
            byte[] miso = new byte[] { 0xEE, 0xEE, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 };
            Assert.AreEqual(1, Hx711Frame.DecodeCounts(miso, 2));
        }

        [TestMethod]
        public void DecodeCounts_ShortBuffer_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hx711Frame.DecodeCounts(new byte[5], 0));
        }

        [TestMethod]
        [DataRow(0x000000, 0)]
        [DataRow(0x7FFFFF, 8388607)]
        [DataRow(0x800000, -8388608)]
        [DataRow(0xFFFFFF, -1)]
        [DataRow(0x7FFFFFFF, -1)]
        public void SignExtend24_Raw_Counts(int raw, int expected)
        {
            Assert.AreEqual(expected, Hx711Frame.SignExtend24(raw));
        }

        [TestMethod]
        [DataRow(128, 0x80, 1)]
        [DataRow(32, 0xA0, 2)]
        [DataRow(64, 0xA8, 3)]
        public void FillReadFrame_Gain_SixPulseBytesThenTrailer(int gain, int trailer, int extraPulses)
        {
            byte[] mosi = new byte[9];
            Hx711Frame.FillReadFrame(mosi, 1, gain);
            Assert.AreEqual((byte)0, mosi[0]);
            for (int i = 1; i <= 6; i++)
            {
                Assert.AreEqual((byte)0xAA, mosi[i]);
            }

            Assert.AreEqual((byte)trailer, mosi[7]);
            Assert.AreEqual((byte)0, mosi[8]);
            Assert.AreEqual(extraPulses, Hx711Frame.ExtraPulsesFor(gain));
        }

        [TestMethod]
        public void FillReadFrame_Pulses_TwentyFourPlusTheGainPulsesAndEndsLow()
        {
            byte[] mosi = new byte[7];
            Hx711Frame.FillReadFrame(mosi, 0, 64);
            int rising = 0;
            int previous = 0;
            for (int i = 0; i < 56; i++)
            {
                int bit = (mosi[i / 8] >> (7 - (i % 8))) & 1;
                if (bit == 1 && previous == 0)
                {
                    rising++;
                }

                previous = bit;
            }

            Assert.AreEqual(27, rising);
            Assert.AreEqual(0, previous);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(16)]
        [DataRow(100)]
        public void FillReadFrame_UnknownGain_Throws(int gain)
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hx711Frame.FillReadFrame(new byte[7], 0, gain));
        }

        [TestMethod]
        [DataRow(700000, 11)]
        [DataRow(1000000, 15)]
        [DataRow(100000, 2)]
        public void PowerDownBytes_Clock_CoversTwiceSixtyMicroseconds(int clockHz, int expectedBytes)
        {
            int bytes = Hx711Frame.PowerDownBytes(clockHz);
            Assert.AreEqual(expectedBytes, bytes);
            Assert.IsTrue(bytes * 8 * 1000000L >= 120L * clockHz);
        }

        [TestMethod]
        public void FillPowerDown_Window_AllOnes()
        {
            byte[] mosi = new byte[4];
            Hx711Frame.FillPowerDown(mosi, 1, 2);
            Assert.AreEqual((byte)0, mosi[0]);
            Assert.AreEqual((byte)0xFF, mosi[1]);
            Assert.AreEqual((byte)0xFF, mosi[2]);
            Assert.AreEqual((byte)0, mosi[3]);
        }
    }
}
