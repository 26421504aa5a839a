using Beacons.VirtualDevice;

namespace System.Device.Spi
{
    /// <summary>Clock limits of an SPI bus (SpiDevice.GetBusInfo).</summary>
    public sealed class SpiBusInfo
    {
        internal SpiBusInfo(int spiBus)
        {
            if (spiBus != 1 && spiBus != 2)
            {
                throw new ArgumentOutOfRangeException(nameof(spiBus));
            }
        }

        /// <summary>80 MHz: the ESP32's APB clock through the IO_MUX pins (GPIO-matrix pins manage less).</summary>
        public int MaxClockFrequency
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return 80_000_000;
            }
        }

        /// <summary>About 153 Hz: 80 MHz through the largest pre-divider (8192) and divider (64) of the ESP32 SPI clock.</summary>
        public int MinClockFrequency
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return 153;
            }
        }
    }
}
