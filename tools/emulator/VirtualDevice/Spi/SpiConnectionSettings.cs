using System.Device.Gpio;
using Beacons.VirtualDevice;

namespace System.Device.Spi
{
    /// <summary>Connection settings of a device on an SPI bus (mirror; same defaults: 500 kHz, 8 bits, Mode0, MSB first).</summary>
    public sealed class SpiConnectionSettings
    {
        private int _clockFrequency = 500_000;
        private int _databitLength = 8;
        private SpiMode _spiMode = SpiMode.Mode0;
        private DataFlow _dataFlow = DataFlow.MsbFirst;
        private int _busId;
        private int _csLine;
        private int _chipSelectLineActiveState;
        private SpiBusConfiguration _busConfiguration = SpiBusConfiguration.FullDuplex;

        /// <summary>Settings for a device on <paramref name="busId"/> (ESP32: 1 or 2).</summary>
        /// <param name="busId">The bus the device is on.</param>
        /// <param name="chipSelectLine">The chip select GPIO, or -1 for none.</param>
        public SpiConnectionSettings(int busId, int chipSelectLine = -1)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _busId = busId;
            _csLine = chipSelectLine;
        }

        internal SpiConnectionSettings(SpiConnectionSettings other)
        {
            _busId = other._busId;
            _csLine = other._csLine;
            _spiMode = other._spiMode;
            _databitLength = other._databitLength;
            _clockFrequency = other._clockFrequency;
            _dataFlow = other._dataFlow;
            _chipSelectLineActiveState = other._chipSelectLineActiveState;
            _busConfiguration = other._busConfiguration;
        }

        /// <summary>The bus id.</summary>
        public int BusId
        {
            get => Get(_busId);
            set => _busId = Set(value);
        }

        /// <summary>The chip select GPIO, -1 if none.</summary>
        public int ChipSelectLine
        {
            get => Get(_csLine);
            set => _csLine = Set(value);
        }

        /// <summary>Clock polarity and phase.</summary>
        public SpiMode Mode
        {
            get => Get(_spiMode);
            set => _spiMode = Set(value);
        }

        /// <summary>Bits per word.</summary>
        public int DataBitLength
        {
            get => Get(_databitLength);
            set => _databitLength = Set(value);
        }

        /// <summary>Clock frequency in Hz.</summary>
        public int ClockFrequency
        {
            get => Get(_clockFrequency);
            set => _clockFrequency = Set(value);
        }

        /// <summary>Bit order.</summary>
        public DataFlow DataFlow
        {
            get => Get(_dataFlow);
            set => _dataFlow = Set(value);
        }

        /// <summary>Level of the chip select line while the device is selected (default low).</summary>
        public PinValue ChipSelectLineActiveState
        {
            get => Get(_chipSelectLineActiveState);
            set => _chipSelectLineActiveState = Set(value == PinValue.Low ? 0 : 1);
        }

        /// <summary>Bus wiring.</summary>
        public SpiBusConfiguration Configuration
        {
            get => Get(_busConfiguration);
            set => _busConfiguration = Set(value);
        }

        private static T Get<T>(T value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return value;
        }

        private static T Set<T>(T value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return value;
        }
    }
}
