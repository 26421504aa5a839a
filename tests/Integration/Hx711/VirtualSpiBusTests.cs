using System;
using System.Device.Gpio;
using System.Device.Spi;
using Beacons.Firmware.Shelf;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Hx711
{
    /// <summary>
    /// The virtual SPI bus behaves as nanoFramework's ESP32 native one (nanoHAL_Spi.cpp): an open bus keeps the pins it
    /// opened with, a second device without chip select is refused, and pins mapped while the bus was open apply once
    /// it is opened again from closed.
    /// </summary>
    [TestClass]
    public sealed class VirtualSpiBusTests
    {
        [TestMethod]
        public void SecondDeviceWithoutChipSelect_OnOpenBus_Refused_ReopenTakesNewPins()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = 1_234 }, 80);
            rig.Plug(2, new ScriptedInput { CountsA128 = -4_321 }, 80);
            Hx711Wiring.Route(1, Hx711TestRig.Dout[0], Hx711TestRig.PdSck[0], Hx711TestRig.Sck[0]);
            SpiDevice first = Hx711Wiring.OpenBus(1);

            // The old firmware's lane 3: re-route bus 1 and open a second device on it.
            Hx711Wiring.Route(1, Hx711TestRig.Dout[2], Hx711TestRig.PdSck[2], Hx711TestRig.Sck[2]);
            Assert.ThrowsExactly<SpiDeviceAlreadyInUseException>(() => Hx711Wiring.OpenBus(1));

            // The open bus still drives lane 1's chip, whatever SetPinFunction said since.
            using (var lane1 = new Hx711Scale(first, shouldDispose: false))
            {
                Assert.AreEqual(Hx711ReadStatus.Ok, lane1.ReadRaw(out int r1));
                Assert.AreEqual(1_234, r1);
            }

            first.Dispose();
            using SpiDevice second = Hx711Wiring.OpenBus(1);
            using var lane3 = new Hx711Scale(second, shouldDispose: false);
            Assert.AreEqual(Hx711ReadStatus.Ok, lane3.ReadRaw(out int r3));
            Assert.AreEqual(-4_321, r3);
        }

        [TestMethod]
        public void OpenBus_ReservesItsPins_GpioOnMisoRefused_AndTheOtherWayRound()
        {
            // nanoSPI_ReserveBusPins: an open bus holds MOSI/MISO/CLK; a pin open as a GpioPin keeps a bus from opening.
            using var rig = new Hx711TestRig();
            Hx711Wiring.Route(1, Hx711TestRig.Dout[0], Hx711TestRig.PdSck[0], Hx711TestRig.Sck[0]);
            using (SpiDevice bus = Hx711Wiring.OpenBus(1))
            {
                Assert.ThrowsExactly<InvalidOperationException>(() => rig.Gpio.OpenPin(Hx711TestRig.Dout[0], PinMode.Input));
            }

            using GpioPin dout = rig.Gpio.OpenPin(Hx711TestRig.Dout[0], PinMode.Input);
            Assert.ThrowsExactly<ArgumentException>(() => Hx711Wiring.OpenBus(1));
        }

        [TestMethod]
        public void Scale_ReadinessOverSpi_NeedsNoGpio()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = 777 }, 80);
            using Hx711Scale scale = rig.Scale(0);

            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int raw));
            Assert.AreEqual(777, raw);
            Assert.IsFalse(rig.Gpio.IsPinOpen(Hx711TestRig.Dout[0]), "DOUT is the bus's MISO: the driver must not open it as a GPIO");
        }
    }
}
