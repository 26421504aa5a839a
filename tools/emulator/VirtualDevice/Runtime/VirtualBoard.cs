using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// What is wired to a node: simulated parts attach to GPIO pins here, and the mirrored System.Device.Gpio /
    /// System.Device.Spi / nanoFramework.Hardware.Esp32 classes route reads, writes and SPI transactions to them.
    /// </summary>
    /// <remarks>
    /// The board works like the ESP32 GPIO matrix: an SPI bus has no wires of its own. When a bus is opened, the pins
    /// then assigned to SPIn_MOSI / SPIn_MISO / SPIn_CLOCK (Configuration.SetPinFunction, or the firmware's defaults)
    /// are captured, and every transaction drives the part wired at the MOSI pin bit by bit, with the bit timing of the
    /// bus clock, and samples MISO from the part wired at the MISO pin. Re-muxing therefore only takes effect when the
    /// bus is opened again, as on the device. Time is the board clock (<see cref="NowUs"/>), in microseconds.
    /// </remarks>
    public sealed class VirtualBoard
    {
        /// <summary>GPIO_NUM_MAX of the classic ESP32: what GpioController.PinCount reports.</summary>
        public const int Esp32PinCount = 40;

        private readonly Dictionary<int, IVirtualPin> _pins = new Dictionary<int, IVirtualPin>();
        private readonly Dictionary<int, IVirtualSpiDevice> _spiBuses = new Dictionary<int, IVirtualSpiDevice>();
        private readonly Dictionary<int, int> _pinFunctions = new Dictionary<int, int>();
        private readonly Dictionary<int, bool> _idleLevels = new Dictionary<int, bool>();
        private readonly Dictionary<int, GpioPin> _openPins = new Dictionary<int, GpioPin>();
        private readonly Dictionary<int, SpiBusState> _openBuses = new Dictionary<int, SpiBusState>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly object _gate = new object();
        private int _hrtBoot = -1;
        private double _hrtOffsetUs;

        public VirtualBoard()
        {
            // nf-interpreter's ESP32 defaults (Esp32_SPI_DevicePinMap): SPI1 = MOSI 23, MISO 25, CLK 19; SPI2 unassigned.
            _pinFunctions[(int)DeviceFunction.SPI1_MOSI] = 23;
            _pinFunctions[(int)DeviceFunction.SPI1_MISO] = 25;
            _pinFunctions[(int)DeviceFunction.SPI1_CLOCK] = 19;
        }

        /// <summary>Board time in microseconds (monotonic, sub-microsecond resolution); parts time their behaviour on it.</summary>
        public double NowUs => _clock.Elapsed.Ticks / 10.0;

        /// <summary>Wires a part to a pin (replaces what was there). The part sees the node's writes and answers its reads.</summary>
        public void AttachPin(int pin, IVirtualPin part)
        {
            lock (_gate) _pins[pin] = part;
        }

        /// <summary>Unwires a pin: reads fall back to the pin's pull configuration or idle level.</summary>
        public void DetachPin(int pin)
        {
            lock (_gate) _pins.Remove(pin);
        }

        /// <summary>
        /// Attaches a byte-level SPI part to a bus directly, bypassing pin routing (for parts whose timing does not
        /// matter). Pin-level parts (such as the HX711) attach with <see cref="AttachPin"/> instead.
        /// </summary>
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

        /// <summary>
        /// Level an undriven line settles to: what the wiring's external resistor (or nothing) makes of it. Default
        /// low. The HX711 pin plan fits a pull-down on PD_SCK, so a released PD_SCK line reads low.
        /// </summary>
        public void SetIdleLevel(int pin, bool high)
        {
            lock (_gate) _idleLevels[pin] = high;
        }

        public bool IdleLevel(int pin)
        {
            lock (_gate) return _idleLevels.TryGetValue(pin, out bool high) && high;
        }

        /// <summary>Records an ESP32 pin-matrix assignment (Configuration.SetPinFunction).</summary>
        public void SetPinFunction(int pin, DeviceFunction function)
        {
            lock (_gate) _pinFunctions[(int)function] = pin;
        }

        /// <summary>The pin assigned to a function, or -1 (Configuration.GetFunctionPin).</summary>
        public int GetFunctionPin(DeviceFunction function)
        {
            lock (_gate) return _pinFunctions.TryGetValue((int)function, out int pin) ? pin : -1;
        }

        /// <summary>Microseconds since the node's current boot (HighResTimer.GetCurrent).</summary>
        internal ulong MicrosecondsSinceBoot(VirtualNode node)
        {
            lock (_gate)
            {
                double now = NowUs;
                if (_hrtBoot != node.BootCount)
                {
                    // The node counts boot time in ms; anchor the µs clock once per boot so it stays monotonic.
                    _hrtBoot = node.BootCount;
                    _hrtOffsetUs = now - (node.UptimeMs * 1000.0);
                }

                double us = now - _hrtOffsetUs;
                return us <= 0 ? 0UL : (ulong)us;
            }
        }

        // ---- GPIO (used by the System.Device.Gpio mirror) ----

        internal void RegisterOpenPin(GpioPin pin)
        {
            lock (_gate)
            {
                if (_openPins.ContainsKey(pin.PinNumber))
                {
                    throw new InvalidOperationException();
                }

                // An open SPI bus has reserved its MOSI/MISO/CLK pins (nanoSPI_ReserveBusPins → CPU_GPIO_ReservePin), so
                // the GPIO driver cannot reserve them again: native CLR_E_PIN_UNAVAILABLE.
                foreach (SpiBusState bus in _openBuses.Values)
                {
                    if (pin.PinNumber == bus.MosiPin || pin.PinNumber == bus.MisoPin || pin.PinNumber == bus.ClockPin)
                    {
                        throw new InvalidOperationException($"GPIO {pin.PinNumber} is reserved by the open SPI{bus.BusId} bus");
                    }
                }

                _openPins[pin.PinNumber] = pin;
            }
        }

        internal void UnregisterOpenPin(GpioPin pin)
        {
            lock (_gate)
            {
                if (_openPins.TryGetValue(pin.PinNumber, out GpioPin open) && ReferenceEquals(open, pin))
                {
                    _openPins.Remove(pin.PinNumber);
                }
            }
        }

        internal GpioPin OpenPinOrNull(int pinNumber)
        {
            lock (_gate) return _openPins.TryGetValue(pinNumber, out GpioPin p) ? p : null;
        }

        /// <summary>Whether the classic ESP32 has this GPIO and supports the mode on it (34-39 are input-only, no pulls).</summary>
        public static bool IsModeSupported(int pin, PinMode mode)
        {
            if (pin < 0 || pin >= Esp32PinCount || pin == 20 || pin == 24 || (pin >= 28 && pin <= 31))
            {
                return false;
            }

            if (pin >= 34)
            {
                return mode == PinMode.Input;
            }

            return mode != PinMode.OutputOpenSource && mode != PinMode.OutputOpenSourcePullDown;
        }

        /// <summary>Level the node reads on an input pin now.</summary>
        internal bool ReadInput(int pin, PinMode mode)
        {
            IVirtualPin part = PinOrNull(pin);
            if (part is IVirtualTimedPin timed)
            {
                return timed.ReadAt(NowUs);
            }

            if (part != null)
            {
                return part.Read();
            }

            if (mode == PinMode.InputPullUp)
            {
                return true;
            }

            return mode != PinMode.InputPullDown && IdleLevel(pin);
        }

        /// <summary>The node drives a pin (GPIO output, or an SPI line being released to its idle level).</summary>
        internal void DriveOutput(int pin, bool high)
        {
            IVirtualPin part = PinOrNull(pin);
            if (part is IVirtualTimedPin timed)
            {
                timed.WriteAt(high, NowUs);
            }
            else
            {
                part?.Write(high);
            }
        }

        /// <summary>
        /// A part tells the board that the level it presents on <paramref name="pin"/> changed, so an open input pin
        /// can raise its ValueChanged event (buttons do this; parts whose level is computed lazily need not).
        /// </summary>
        public void NotifyPinChanged(int pin)
        {
            OpenPinOrNull(pin)?.OnInputMaybeChanged();
        }

        // ---- SPI (used by the System.Device.Spi mirror) ----

        /// <summary>
        /// Opens a device with chip select <paramref name="chipSelect"/> (-1: none) on bus <paramref name="busId"/>.
        /// The first device on a bus captures its pins, as spi_bus_initialize does; later devices share them.
        /// </summary>
        /// <remarks>
        /// As nf-interpreter does (src/System.Device.Spi/nanoHAL_Spi.cpp, nanoSPI_OpenDeviceEx; ESP32 cpu_spi.cpp): the
        /// bus is initialised once, with the pins then mapped (Configuration.SetPinFunction), and freed
        /// (spi_bus_free) only when its last device closes. So a SetPinFunction while the bus is open changes nothing
        /// for it: the pins apply the next time the bus is opened from closed. A second device whose chip select line is
        /// already used on the bus (two devices without chip select, as two HX711 lanes would be) is refused: native
        /// CLR_E_NOT_SUPPORTED, which the managed SpiDevice turns into SpiDeviceAlreadyInUseException.
        /// </remarks>
        internal SpiBusState OpenBus(int busId, int chipSelect)
        {
            lock (_gate)
            {
                if (!_openBuses.TryGetValue(busId, out SpiBusState bus))
                {
                    DeviceFunction mosi = busId == 2 ? DeviceFunction.SPI2_MOSI : DeviceFunction.SPI1_MOSI;
                    DeviceFunction miso = busId == 2 ? DeviceFunction.SPI2_MISO : DeviceFunction.SPI1_MISO;
                    DeviceFunction clock = busId == 2 ? DeviceFunction.SPI2_CLOCK : DeviceFunction.SPI1_CLOCK;
                    bus = new SpiBusState(busId, GetFunctionPin(mosi), GetFunctionPin(miso), GetFunctionPin(clock));
                    if (bus.MosiPin < 0 && bus.MisoPin < 0 && SpiOrNull(busId) == null)
                    {
                        // The native driver refuses a bus with no pins ("Invalid port or unable to init bus").
                        throw new ArgumentException("SPI" + busId + " has no pins assigned (Configuration.SetPinFunction)");
                    }

                    // nanoSPI_ReserveBusPins: a bus pin already reserved (open as a GPIO) fails the open with
                    // CLR_E_INVALID_PARAMETER.
                    foreach (int busPin in new[] { bus.MosiPin, bus.MisoPin, bus.ClockPin })
                    {
                        if (busPin >= 0 && _openPins.ContainsKey(busPin))
                        {
                            throw new ArgumentException($"SPI{busId}: GPIO {busPin} is open as a GpioPin, the bus cannot reserve it");
                        }
                    }

                    _openBuses[busId] = bus;
                }
                else if (bus.ChipSelects.Contains(chipSelect))
                {
                    throw new System.Device.Spi.SpiDeviceAlreadyInUseException();
                }

                bus.ChipSelects.Add(chipSelect);
                bus.OpenDevices++;
                return bus;
            }
        }

        /// <summary>Closes one device; the last one frees the bus and releases its pins to their idle level.</summary>
        internal void CloseBus(SpiBusState bus, int chipSelect)
        {
            bool release;
            lock (_gate)
            {
                bus.ChipSelects.Remove(chipSelect);
                bus.OpenDevices--;
                release = bus.OpenDevices <= 0;
                if (release)
                {
                    _openBuses.Remove(bus.BusId);
                }
            }

            if (release && bus.MosiPin >= 0 && bus.MosiLevel != IdleLevel(bus.MosiPin))
            {
                DriveOutput(bus.MosiPin, IdleLevel(bus.MosiPin));
            }
        }

        /// <summary>
        /// One SPI transaction. <paramref name="mosi"/> null = no MOSI phase (the line holds its level, as ESP-IDF does
        /// with a null tx buffer); <paramref name="miso"/> null = nothing read. <paramref name="bitCount"/> bits, MSB first
        /// per word of <paramref name="wordBits"/> bits. Returns the board time at which the last bit ended.
        /// </summary>
        internal double Transfer(SpiBusState bus, int clockFrequencyHz, int wordBits, ulong[] mosi, ulong[] miso, int words)
        {
            IVirtualSpiDevice direct = SpiOrNull(bus.BusId);
            double start = NowUs;
            double bitUs = 1_000_000.0 / clockFrequencyHz;
            if (direct != null)
            {
                DirectTransfer(direct, wordBits, mosi, miso, words);
                return start + (bitUs * wordBits * words);
            }

            IVirtualPin mosiPart = bus.MosiPin >= 0 ? PinOrNull(bus.MosiPin) : null;
            IVirtualPin misoPart = bus.MisoPin >= 0 ? PinOrNull(bus.MisoPin) : null;
            IVirtualTimedPin mosiTimed = mosiPart as IVirtualTimedPin;
            IVirtualTimedPin misoTimed = misoPart as IVirtualTimedPin;
            bool misoIdle = bus.MisoPin >= 0 && IdleLevel(bus.MisoPin);
            lock (bus)
            {
                // Bus time never runs backwards: a transaction starts after the previous one ended.
                if (start < bus.LastEndUs)
                {
                    start = bus.LastEndUs;
                }

                int bit = 0;
                for (int w = 0; w < words; w++)
                {
                    ulong outWord = mosi == null ? 0 : mosi[w];
                    ulong inWord = 0;
                    for (int b = wordBits - 1; b >= 0; b--, bit++)
                    {
                        double t = start + (bit * bitUs);
                        if (mosi != null)
                        {
                            bool level = ((outWord >> b) & 1UL) != 0;
                            if (level != bus.MosiLevel || bit == 0)
                            {
                                bus.MosiLevel = level;
                                if (mosiTimed != null)
                                {
                                    mosiTimed.WriteAt(level, t);
                                }
                                else
                                {
                                    mosiPart?.Write(level);
                                }
                            }
                        }

                        // Mode 0: MOSI changes at the bit boundary, MISO is sampled half a bit later (SCK rising edge).
                        bool sample = misoTimed != null ? misoTimed.ReadAt(t + (bitUs / 2)) : misoPart != null ? misoPart.Read() : misoIdle;
                        if (sample)
                        {
                            inWord |= 1UL << b;
                        }
                    }

                    if (miso != null)
                    {
                        miso[w] = inWord;
                    }
                }

                bus.LastEndUs = start + (bit * bitUs);
                return bus.LastEndUs;
            }
        }

        private static void DirectTransfer(IVirtualSpiDevice direct, int wordBits, ulong[] mosi, ulong[] miso, int words)
        {
            int bytesPerWord = (wordBits + 7) / 8;
            byte[] write = new byte[words * bytesPerWord];
            byte[] read = new byte[write.Length];
            for (int w = 0; w < words; w++)
            {
                for (int k = 0; k < bytesPerWord; k++)
                {
                    write[(w * bytesPerWord) + k] = mosi == null ? (byte)0 : (byte)(mosi[w] >> (8 * (bytesPerWord - 1 - k)));
                }
            }

            direct.TransferFullDuplex(write, read);
            if (miso != null)
            {
                for (int w = 0; w < words; w++)
                {
                    ulong v = 0;
                    for (int k = 0; k < bytesPerWord; k++)
                    {
                        v = (v << 8) | read[(w * bytesPerWord) + k];
                    }

                    miso[w] = v;
                }
            }
        }
    }

    /// <summary>The pins an open SPI bus captured when it was initialised, and its line state.</summary>
    internal sealed class SpiBusState
    {
        public SpiBusState(int busId, int mosiPin, int misoPin, int clockPin)
        {
            BusId = busId;
            MosiPin = mosiPin;
            MisoPin = misoPin;
            ClockPin = clockPin;
        }

        public int BusId { get; }

        public int MosiPin { get; }

        public int MisoPin { get; }

        public int ClockPin { get; }

        public int OpenDevices { get; set; }

        /// <summary>Chip select lines of the open devices (-1: a device without one).</summary>
        public List<int> ChipSelects { get; } = new List<int>();

        /// <summary>Level MOSI holds between transactions (the last bit sent).</summary>
        public bool MosiLevel { get; set; }

        public double LastEndUs { get; set; }
    }

    /// <summary>A simulated part on one GPIO pin. Levels are booleans (true = high).</summary>
    public interface IVirtualPin
    {
        /// <summary>Level the part presents on the pin (what an input reads).</summary>
        bool Read();

        /// <summary>The node drives the pin to this level.</summary>
        void Write(bool high);
    }

    /// <summary>
    /// A pin-level part whose behaviour depends on timing (e.g. the HX711's PD_SCK and DOUT). The board calls these
    /// instead of <see cref="IVirtualPin.Read"/>/<see cref="IVirtualPin.Write"/>, with board time in microseconds
    /// (<see cref="VirtualBoard.NowUs"/>); calls for one part come in non-decreasing time order.
    /// </summary>
    public interface IVirtualTimedPin : IVirtualPin
    {
        /// <summary>Level the part presents at <paramref name="tUs"/>.</summary>
        bool ReadAt(double tUs);

        /// <summary>The node drives the line to <paramref name="high"/> from <paramref name="tUs"/> on.</summary>
        void WriteAt(bool high, double tUs);
    }

    /// <summary>A byte-level part attached straight to an SPI bus: full-duplex byte exchange, timing ignored.</summary>
    public interface IVirtualSpiDevice
    {
        void TransferFullDuplex(byte[] write, byte[] read);
    }
}
