using System;
using System.Device.Spi;
using System.Threading;
using Beacons.Firmware.Shelf;
using Beacons.Shared.Shelf;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Hx711
{
    /// <summary>The simulated HX711 at the wire level, driven with raw SPI patterns (as nanoFramework's binding drives it).</summary>
    [TestClass]
    public sealed class Hx711ChipTests
    {
        [TestMethod]
        public void BindingPattern_SixPulseBytesAndGainByte_ClocksOutTheCountMsbFirst()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput { CountsA128 = 0x123456, CountsA64 = -2 }, 80);
            SpiDevice spi = Open(rig);
            WaitReady(rig);

            // The binding's Gain64 trailer 0b1010_1000: 27 pulses, next conversion on channel A at gain 64.
            byte[] mosi = { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xA8 };
            byte[] miso = new byte[7];
            spi.TransferFullDuplex(mosi, miso);

            CollectionAssert.AreEqual(new byte[] { 0x03, 0x0C, 0x0F, 0x30, 0x33, 0x3C }, miso[..6], "each data bit fills both halves of its pulse");
            Assert.AreEqual(0x123456, Hx711Frame.DecodeCounts(miso, 0));
            Assert.AreEqual(64, chip.Gain);
            Assert.IsTrue(rig.Node.Board.ReadInput(Hx711TestRig.Dout[0], System.Device.Gpio.PinMode.Input), "pulse 25 pulls DOUT high");

            WaitReady(rig);
            spi.TransferFullDuplex(mosi, miso);
            Assert.AreEqual(-2, Hx711Frame.DecodeCounts(miso, 0));
        }

        [TestMethod]
        public void PdSckHigh_FortyBitsAt700kHz_57us_DoesNotPowerDown()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput(), 80);
            SpiDevice spi = Open(rig);

            spi.Write(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 });

            Assert.AreEqual(0, chip.PowerDowns);
            Assert.IsFalse(chip.IsPoweredDown);
        }

        [TestMethod]
        public void PdSckHigh_FortyEightBitsAt700kHz_69us_PowersDown_LowAgainResets()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput(), 80);
            SpiDevice spi = Open(rig);
            int resets = chip.Resets;

            // The binding's PowerDown: three 16-bit words of ones, then its PowerUp: PD_SCK low again.
            spi.Write(new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF });
            Thread.Sleep(1);
            Assert.IsTrue(chip.IsPoweredDown);
            spi.WriteByte(0x00);

            Assert.AreEqual(1, chip.PowerDowns);
            Assert.IsFalse(chip.IsPoweredDown);
            Assert.AreEqual(resets + 1, chip.Resets);
            Assert.AreEqual(128, chip.Gain);
        }

        [TestMethod]
        public void Unplugged_DoutFloatsHigh_ReadGivesAllOnes()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { Connected = false }, 80);
            SpiDevice spi = Open(rig);

            byte[] mosi = new byte[7];
            Hx711Frame.FillReadFrame(mosi, 0, 128);
            byte[] miso = new byte[7];
            spi.TransferFullDuplex(mosi, miso);

            Assert.AreEqual(Hx711Frame.AllOnesRaw, Hx711Frame.DecodeRaw(miso, 0));
        }

        [TestMethod]
        public void SettlingAfterReset_FirstResultAfterFourPeriods()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput(), 10);
            Assert.AreEqual(400_000, chip.SettlingUs);
            Assert.AreEqual(100_000, chip.ConversionPeriodUs);
            Assert.IsTrue(rig.Node.Board.ReadInput(Hx711TestRig.Dout[0], System.Device.Gpio.PinMode.Input), "not ready during settling");
        }

        [TestMethod]
        public void Rate_OtherThanTenOrEighty_Throws()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Hx711Chip(new ScriptedInput(), 20));
        }

        private static SpiDevice Open(Hx711TestRig rig)
        {
            Hx711Wiring.Route(1, Hx711TestRig.Dout[0], Hx711TestRig.PdSck[0], Hx711TestRig.Sck[0]);
            return Hx711Wiring.OpenBus(1);
        }

        private static void WaitReady(Hx711TestRig rig)
        {
            for (int i = 0; i < 1000 && rig.Node.Board.ReadInput(Hx711TestRig.Dout[0], System.Device.Gpio.PinMode.Input); i++)
            {
                Thread.Sleep(1);
            }
        }
    }
}
