using System.Device.Spi;
using nanoFramework.Hardware.Esp32;

namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// Board-level wiring of HX711 lanes on an ESP32: routes a lane's pins to an SPI bus through the pin matrix and
    /// creates the bus device the <see cref="Hx711Scale"/> driver uses. Called from the board configuration, never
    /// from the driver. Pin plan and reasons: hardware/pinouts.md, "HX711 lanes".
    /// </summary>
    /// <remarks>
    /// The ESP32 has two SPI buses for applications (nanoFramework SPI1 and SPI2), so two lanes run concurrently,
    /// one per bus. Lanes 3 and 4 share a bus with lane 1 or 2 by re-muxing MOSI/MISO between reads
    /// (<see cref="Hx711SharedBus"/>): each switch re-creates the bus device (a few small allocations and about a
    /// millisecond), and the released PD_SCK line is held low by its pull-down so that chip keeps converting.
    /// The maximum is <see cref="MaxLanes"/> = 4 per node: pins (each lane needs an output-capable PD_SCK pin and a
    /// DOUT pin among the free GPIOs of a WROOM-32) and time (lanes on one bus are read one after the other) limit it.
    /// </remarks>
    public static class Hx711Wiring
    {
        /// <summary>Lanes that can be read at the same time: one per SPI bus.</summary>
        public const int MaxConcurrentLanes = 2;

        /// <summary>Lanes per node, two per bus with re-muxing.</summary>
        public const int MaxLanes = 4;

        /// <summary>
        /// Routes a lane to <paramref name="busId"/>: PD_SCK on SPIn_MOSI, DOUT on SPIn_MISO, and SPIn_CLOCK on a pin
        /// that stays unconnected (the bus needs one). Takes effect when the bus device is next created.
        /// </summary>
        /// <param name="busId">1 or 2.</param>
        /// <param name="doutPin">GPIO wired to the HX711's DOUT (input; 34-39 are fine).</param>
        /// <param name="pdSckPin">GPIO wired to the HX711's PD_SCK (must be output-capable: not 34-39).</param>
        /// <param name="clockPin">Free GPIO for the unused SPI clock (left unconnected).</param>
        /// <exception cref="System.ArgumentOutOfRangeException">The bus is not 1 or 2.</exception>
        public static void Route(int busId, int doutPin, int pdSckPin, int clockPin)
        {
            if (busId == 1)
            {
                Configuration.SetPinFunction(pdSckPin, DeviceFunction.SPI1_MOSI);
                Configuration.SetPinFunction(doutPin, DeviceFunction.SPI1_MISO);
                Configuration.SetPinFunction(clockPin, DeviceFunction.SPI1_CLOCK);
            }
            else if (busId == 2)
            {
                Configuration.SetPinFunction(pdSckPin, DeviceFunction.SPI2_MOSI);
                Configuration.SetPinFunction(doutPin, DeviceFunction.SPI2_MISO);
                Configuration.SetPinFunction(clockPin, DeviceFunction.SPI2_CLOCK);
            }
            else
            {
                throw new System.ArgumentOutOfRangeException("busId");
            }
        }

        /// <summary>
        /// Creates the bus device for HX711 lanes: Mode0, 8-bit words, MSB first, no chip select, at
        /// <paramref name="clockFrequencyHz"/> (default 700 kHz: ~1.4 µs PD_SCK pulses).
        /// </summary>
        public static SpiDevice OpenBus(int busId, int clockFrequencyHz = Hx711Scale.DefaultClockFrequencyHz)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId);
            settings.ClockFrequency = clockFrequencyHz;
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            settings.DataFlow = DataFlow.MsbFirst;
            return SpiDevice.Create(settings);
        }
    }
}
