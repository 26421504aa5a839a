using System.Threading;
using Beacons.VirtualDevice;

namespace System.Device.Gpio
{
    /// <summary>Handler of <see cref="GpioPin.ValueChanged"/>.</summary>
    /// <param name="sender">The pin.</param>
    /// <param name="e">The pin and the edge.</param>
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    /// <summary>
    /// Mirror of nanoFramework's GpioPin: a pin of the node's <see cref="VirtualBoard"/>. Inputs read the part wired to
    /// the pin (or the pull configuration); outputs drive it. Only <see cref="GpioController.OpenPin(int)"/> creates pins.
    /// </summary>
    public sealed class GpioPin : IDisposable
    {
        private readonly object _syncLock = new object();
        private readonly int _pinNumber;
        private readonly VirtualBoard _board;
        private readonly ExecutionContext _context;
        private PinMode _pinMode = PinMode.Input;
        private TimeSpan _debounceTimeout = TimeSpan.Zero;
        private PinValueChangedEventHandler _callbacks;
        private bool _outputLevel;
        private bool _lastInputLevel;
        private long _lastEventTicks;
        private bool _disposedValue;

        internal GpioPin(int pinNumber, VirtualBoard board)
        {
            _pinNumber = pinNumber;
            _board = board;

            // Events are delivered on another thread, as nanoCLR's event dispatcher does, but inside this node.
            _context = ExecutionContext.Capture();
        }

        /// <summary>Interval during which input changes are filtered out and raise no ValueChanged event.</summary>
        public TimeSpan DebounceTimeout
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _debounceTimeout;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _debounceTimeout = value;
            }
        }

        /// <summary>The GPIO number.</summary>
        public int PinNumber
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _pinNumber;
            }
        }

        /// <summary>Occurs when the pin's value changes: an input edge, or a written output value.</summary>
        public event PinValueChangedEventHandler ValueChanged
        {
            add
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                lock (_syncLock)
                {
                    ThrowIfDisposed();
                    _callbacks = (PinValueChangedEventHandler)Delegate.Combine(_callbacks, value);
                    _lastInputLevel = _board.ReadInput(_pinNumber, _pinMode);
                }
            }

            remove
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                lock (_syncLock)
                {
                    ThrowIfDisposed();
                    _callbacks = (PinValueChangedEventHandler)Delegate.Remove(_callbacks, value);
                }
            }
        }

        /// <summary>The current mode.</summary>
        /// <exception cref="ObjectDisposedException">The pin was disposed.</exception>
        public PinMode GetPinMode()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                ThrowIfDisposed();
                return _pinMode;
            }
        }

        /// <summary>Whether this pin supports <paramref name="pinMode"/> (ESP32: 34-39 are input-only without pulls).</summary>
        /// <exception cref="ObjectDisposedException">The pin was disposed.</exception>
        public bool IsPinModeSupported(PinMode pinMode)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                ThrowIfDisposed();
                return VirtualBoard.IsModeSupported(_pinNumber, pinMode);
            }
        }

        /// <summary>Sets the mode. Switching to an output drives the latched output value.</summary>
        /// <exception cref="ArgumentException">The pin does not support the mode.</exception>
        public void SetPinMode(PinMode value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            bool drive;
            lock (_syncLock)
            {
                ThrowIfDisposed();
                if (!VirtualBoard.IsModeSupported(_pinNumber, value))
                {
                    throw new ArgumentException();
                }

                _pinMode = value;
                drive = IsOutput(value);
            }

            if (drive)
            {
                _board.DriveOutput(_pinNumber, _outputLevel);
            }
        }

        /// <summary>Reads the pin: the wire for an input, the last written value for an output.</summary>
        public PinValue Read()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                ThrowIfDisposed();
                if (IsOutput(_pinMode))
                {
                    return _outputLevel;
                }
            }

            return _board.ReadInput(_pinNumber, _pinMode);
        }

        /// <summary>Drives an output, or updates the latched value of an input (driven once it becomes an output).</summary>
        public void Write(PinValue value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            bool high = (bool)value;
            bool changed;
            bool drive;
            lock (_syncLock)
            {
                ThrowIfDisposed();
                changed = high != _outputLevel;
                _outputLevel = high;
                drive = IsOutput(_pinMode);
            }

            if (drive)
            {
                _board.DriveOutput(_pinNumber, high);
                if (changed)
                {
                    Raise(high ? PinEventTypes.Rising : PinEventTypes.Falling);
                }
            }
        }

        /// <summary>Toggles an output.</summary>
        public void Toggle()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            bool next;
            lock (_syncLock)
            {
                ThrowIfDisposed();
                if (!IsOutput(_pinMode))
                {
                    return;
                }

                next = !_outputLevel;
            }

            Write(next);
        }

        /// <summary>Releases the pin.</summary>
        public void Dispose()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Release();
        }

        /// <summary>Releases the pin without touching the CPU state (power loss: the pin matrix resets).</summary>
        internal void Release()
        {
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    return;
                }

                _disposedValue = true;
                _callbacks = null;
            }

            _board.UnregisterOpenPin(this);
        }

        /// <summary>Called by the board when a part reports that the level on this pin may have changed.</summary>
        internal void OnInputMaybeChanged()
        {
            PinEventTypes edge;
            lock (_syncLock)
            {
                if (_disposedValue || IsOutput(_pinMode))
                {
                    return;
                }

                bool level = _board.ReadInput(_pinNumber, _pinMode);
                if (level == _lastInputLevel)
                {
                    return;
                }

                _lastInputLevel = level;
                long now = DateTime.UtcNow.Ticks;
                if (_debounceTimeout > TimeSpan.Zero && now - _lastEventTicks < _debounceTimeout.Ticks)
                {
                    return;
                }

                _lastEventTicks = now;
                edge = level ? PinEventTypes.Rising : PinEventTypes.Falling;
            }

            Raise(edge);
        }

        private void Raise(PinEventTypes edge)
        {
            PinValueChangedEventHandler callbacks;
            lock (_syncLock)
            {
                callbacks = _disposedValue ? null : _callbacks;
            }

            if (callbacks == null)
            {
                return;
            }

            var args = new PinValueChangedEventArgs(edge, _pinNumber);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (_context != null)
                {
                    ExecutionContext.Run(_context.CreateCopy(), __ => callbacks(this, args), null);
                }
                else
                {
                    callbacks(this, args);
                }
            });
        }

        private static bool IsOutput(PinMode mode) =>
            mode == PinMode.Output || mode == PinMode.OutputOpenDrain || mode == PinMode.OutputOpenDrainPullUp ||
            mode == PinMode.OutputOpenSource || mode == PinMode.OutputOpenSourcePullDown;

        private void ThrowIfDisposed()
        {
            if (_disposedValue)
            {
                throw new ObjectDisposedException(nameof(GpioPin));
            }
        }
    }
}
