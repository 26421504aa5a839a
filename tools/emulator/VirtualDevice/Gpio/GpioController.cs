using System.Collections.Generic;
using Beacons.VirtualDevice;

namespace System.Device.Gpio
{
    /// <summary>
    /// Mirror of nanoFramework's GpioController. The device keeps open pins in a static list; here they live on the
    /// node's <see cref="VirtualBoard"/> (found through <see cref="VirtualNode.Current"/> when the controller is made),
    /// so nodes in one process do not share pins.
    /// </summary>
    public sealed class GpioController : IDisposable
    {
        private readonly VirtualBoard _board;
        private readonly object _syncLock = new object();
        private readonly List<Registration> _callbacks = new List<Registration>();
        private readonly List<int> _opened = new List<int>();
        private bool _disposedValue;

        /// <summary>A controller with the logical (GPIO number) scheme.</summary>
        public GpioController()
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            _board = node.Board;

            // RAM and the pin matrix do not survive a power cut or reboot: the next boot opens its pins afresh.
            node.OnPowerLoss(ReleaseAll);
        }

        /// <summary>A controller with the given numbering scheme (the ESP32 only knows logical numbers).</summary>
        public GpioController(PinNumberingScheme numberingScheme)
            : this()
        {
            NumberingScheme = numberingScheme;
        }

        /// <summary>The numbering scheme of the pins.</summary>
        public PinNumberingScheme NumberingScheme { get; internal set; }

        /// <summary>Number of GPIOs of the chip (40 on the classic ESP32).</summary>
        public int PinCount
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return VirtualBoard.Esp32PinCount;
            }
        }

        /// <summary>Opens a pin (as an input).</summary>
        /// <exception cref="InvalidOperationException">The pin is already open or does not exist.</exception>
        public GpioPin OpenPin(int pinNumber)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return InternalOpenPin(pinNumber);
        }

        /// <summary>Opens a pin and sets its mode.</summary>
        /// <exception cref="InvalidOperationException">The pin is already open or does not exist.</exception>
        /// <exception cref="ArgumentException">The pin does not support the mode.</exception>
        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            GpioPin pin = InternalOpenPin(pinNumber);
            pin.SetPinMode(mode);
            return pin;
        }

        /// <summary>Closes a pin opened by this controller.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        public void ClosePin(int pinNumber)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            GpioPin pin = _board.OpenPinOrNull(pinNumber) ?? throw new InvalidOperationException();
            pin.Dispose();
            lock (_syncLock)
            {
                _opened.Remove(pinNumber);
            }
        }

        /// <summary>Disposes the controller and the pins it opened.</summary>
        public void Dispose()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            int[] opened;
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    return;
                }

                _disposedValue = true;
                opened = _opened.ToArray();
                _opened.Clear();
            }

            foreach (int pinNumber in opened)
            {
                _board.OpenPinOrNull(pinNumber)?.Dispose();
            }
        }

        /// <summary>The mode of an open pin.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        public PinMode GetPinMode(int pinNumber)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return Find(pinNumber).GetPinMode();
        }

        /// <summary>Whether the pin supports the mode.</summary>
        public bool IsPinModeSupported(int pinNumber, PinMode mode)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return VirtualBoard.IsModeSupported(pinNumber, mode);
        }

        /// <summary>Whether the pin is open.</summary>
        public bool IsPinOpen(int pinNumber)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return _board.OpenPinOrNull(pinNumber) != null;
        }

        /// <summary>Reads an open pin.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        public PinValue Read(int pinNumber)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return Find(pinNumber).Read();
        }

        /// <summary>Calls <paramref name="callback"/> on the given edges of an open pin.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            GpioPin pin = Find(pinNumber);
            var registration = new Registration(this, pinNumber, eventTypes, callback);
            lock (_syncLock)
            {
                _callbacks.RemoveAll(r => r.PinNumber == pinNumber);
                _callbacks.Add(registration);
            }

            pin.ValueChanged += registration.OnValueChanged;
        }

        /// <summary>Sets the mode of an open pin.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        /// <exception cref="ArgumentException">The pin does not support the mode.</exception>
        public void SetPinMode(int pinNumber, PinMode mode)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Find(pinNumber).SetPinMode(mode);
        }

        /// <summary>Removes the callback of a pin.</summary>
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Registration found = null;
            lock (_syncLock)
            {
                found = _callbacks.Find(r => r.PinNumber == pinNumber);
                if (found != null)
                {
                    _callbacks.Remove(found);
                }
            }

            GpioPin pin = _board.OpenPinOrNull(pinNumber);
            if (found != null && pin != null)
            {
                pin.ValueChanged -= found.OnValueChanged;
            }
        }

        /// <summary>Writes an open pin.</summary>
        /// <exception cref="InvalidOperationException">The pin is not open.</exception>
        public void Write(int pinNumber, PinValue value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Find(pinNumber).Write(value);
        }

        private void ReleaseAll()
        {
            int[] opened;
            lock (_syncLock)
            {
                _disposedValue = true;
                opened = _opened.ToArray();
                _opened.Clear();
            }

            foreach (int pinNumber in opened)
            {
                _board.OpenPinOrNull(pinNumber)?.Release();
            }
        }

        private GpioPin InternalOpenPin(int pinNumber)
        {
            if (!VirtualBoard.IsModeSupported(pinNumber, PinMode.Input))
            {
                throw new InvalidOperationException();
            }

            var pin = new GpioPin(pinNumber, _board);
            _board.RegisterOpenPin(pin);
            lock (_syncLock)
            {
                _opened.Add(pinNumber);
            }

            return pin;
        }

        private GpioPin Find(int pinNumber) => _board.OpenPinOrNull(pinNumber) ?? throw new InvalidOperationException();

        private sealed class Registration
        {
            private readonly GpioController _owner;

            public Registration(GpioController owner, int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
            {
                _owner = owner;
                PinNumber = pinNumber;
                EventTypes = eventTypes;
                Callback = callback;
            }

            public int PinNumber { get; }

            public PinEventTypes EventTypes { get; }

            public PinChangeEventHandler Callback { get; }

            public void OnValueChanged(object sender, PinValueChangedEventArgs e)
            {
                if ((EventTypes & e.ChangeType) != 0)
                {
                    Callback(_owner, new PinValueChangedEventArgs(e.ChangeType, PinNumber));
                }
            }
        }
    }
}
