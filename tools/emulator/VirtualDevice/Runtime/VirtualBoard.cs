using System;
using System.Collections.Generic;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// What is wired to a node: simulated parts attach to GPIO pins and SPI buses here, and the mirrored
    /// System.Device.Gpio / System.Device.Spi classes route reads and writes to them.
    /// </summary>
    public sealed class VirtualBoard
    {
        private readonly Dictionary<int, IVirtualPin> _pins = new Dictionary<int, IVirtualPin>();
        private readonly Dictionary<int, IVirtualSpiDevice> _spiBuses = new Dictionary<int, IVirtualSpiDevice>();
        private readonly Dictionary<string, int> _pinFunctions = new Dictionary<string, int>();
        private readonly object _gate = new object();

        public void AttachPin(int pin, IVirtualPin part)
        {
            lock (_gate) _pins[pin] = part;
        }

        public void AttachSpi(int busId, IVirtualSpiDevice part)
        {
            lock (_gate) _spiBuses[busId] = part;
        }

        public IVirtualPin PinOrNull(int pin)
        {
            lock (_gate) return _pins.TryGetValue(pin, out IVirtualPin p) ? p : null;
        }

        public IVirtualSpiDevice SpiOrNull(int busId)
        {
            lock (_gate) return _spiBuses.TryGetValue(busId, out IVirtualSpiDevice d) ? d : null;
        }

        /// <summary>Records an ESP32 pin-matrix assignment (Configuration.SetPinFunction).</summary>
        public void SetPinFunction(string function, int pin)
        {
            lock (_gate) _pinFunctions[function] = pin;
        }

        public int GetFunctionPin(string function)
        {
            lock (_gate) return _pinFunctions.TryGetValue(function, out int pin) ? pin : -1;
        }
    }

    /// <summary>A simulated part on one GPIO pin. Levels are booleans (true = high).</summary>
    public interface IVirtualPin
    {
        bool Read();

        void Write(bool high);
    }

    /// <summary>A simulated part on an SPI bus: full-duplex byte exchange, as the wire sees it.</summary>
    public interface IVirtualSpiDevice
    {
        void TransferFullDuplex(byte[] write, byte[] read);
    }
}
