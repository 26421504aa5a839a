using System.Threading;
using Beacons.VirtualDevice;

namespace System.Device.Spi
{
    /// <summary>
    /// Mirror of nanoFramework's SpiDevice. Creating it opens the bus on the node's board, which captures the pins then
    /// assigned to the bus (Configuration.SetPinFunction); transactions drive the parts wired at those pins bit by bit
    /// at <see cref="SpiConnectionSettings.ClockFrequency"/>, and the call returns when the last bit has left, as the
    /// blocking native transfer does.
    /// </summary>
    public class SpiDevice : IDisposable
    {
        private readonly SpiConnectionSettings _connectionSettings;
        private readonly VirtualBoard _board;
        private readonly SpiBusState _bus;
        private readonly object _syncLock = new object();
        private readonly byte[] _bufferSingleOperation = new byte[1];
        private ulong[] _out = new ulong[16];
        private ulong[] _in = new ulong[16];
        private bool _disposedValue;

        /// <summary>Opens a device on the bus of <paramref name="settings"/>.</summary>
        /// <exception cref="ArgumentException">The bus does not exist or has no pins assigned.</exception>
        /// <exception cref="SpiDeviceAlreadyInUseException">The bus is open and a device already uses this chip select line
        /// (or, like this one, none): the device does not re-route an open bus, see VirtualBoard.OpenBus.</exception>
        public SpiDevice(SpiConnectionSettings settings)
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            if (settings.BusId != 1 && settings.BusId != 2)
            {
                throw new ArgumentException("ESP32 SPI buses are 1 and 2");
            }

            _connectionSettings = new SpiConnectionSettings(settings);
            _board = node.Board;
            _bus = _board.OpenBus(settings.BusId, settings.ChipSelectLine);
            node.OnPowerLoss(Release);
        }

        /// <summary>A clone of the connection settings (they are immutable once the device exists).</summary>
        public SpiConnectionSettings ConnectionSettings
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return new SpiConnectionSettings(_connectionSettings);
            }
        }

        /// <summary>Bus info.</summary>
        public static SpiBusInfo GetBusInfo(int busId)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return new SpiBusInfo(busId);
        }

        /// <summary>Opens a device on the bus of <paramref name="settings"/>.</summary>
        public static SpiDevice Create(SpiConnectionSettings settings)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return new SpiDevice(settings);
        }

        /// <summary>Reads one byte (no MOSI phase: the line holds its level).</summary>
        public byte ReadByte()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                NativeTransfer(SpanByte.Empty, new SpanByte(_bufferSingleOperation), false, false);
                return _bufferSingleOperation[0];
            }
        }

        /// <summary>Reads <c>buffer.Length</c> bytes.</summary>
        public void Read(SpanByte buffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            NativeTransfer(SpanByte.Empty, buffer, false, false);
        }

        /// <summary>Reads 16-bit words.</summary>
        public void Read(ushort[] buffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            NativeTransfer16(null, buffer);
        }

        /// <summary>Writes one byte.</summary>
        public void WriteByte(byte value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                _bufferSingleOperation[0] = value;
                NativeTransfer(new SpanByte(_bufferSingleOperation), SpanByte.Empty, true, false);
            }
        }

        /// <summary>Writes 16-bit words, MSB first.</summary>
        public void Write(ushort[] buffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            NativeTransfer16(buffer, null);
        }

        /// <summary>Writes bytes.</summary>
        public void Write(SpanByte buffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            NativeTransfer(buffer, SpanByte.Empty, true, false);
        }

        /// <summary>Writes and reads 16-bit words at once.</summary>
        /// <exception cref="InvalidOperationException">The bus is not configured full duplex.</exception>
        public void TransferFullDuplex(ushort[] writeBuffer, ushort[] readBuffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (_connectionSettings.Configuration != SpiBusConfiguration.FullDuplex)
            {
                throw new InvalidOperationException();
            }

            NativeTransfer16(writeBuffer, readBuffer);
        }

        /// <summary>Writes and reads bytes at once: read byte i is what MISO carried while write byte i went out.</summary>
        /// <exception cref="InvalidOperationException">The bus is not configured full duplex.</exception>
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (_connectionSettings.Configuration != SpiBusConfiguration.FullDuplex)
            {
                throw new InvalidOperationException();
            }

            NativeTransfer(writeBuffer, readBuffer, true, true);
        }

        /// <summary>Closes the device; the last device of a bus frees it and releases its pins.</summary>
        public void Dispose()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Release();
        }

        private void Release()
        {
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    return;
                }

                _disposedValue = true;
            }

            _board.CloseBus(_bus, _connectionSettings.ChipSelectLine);
        }

        private void NativeTransfer(SpanByte write, SpanByte read, bool hasWrite, bool hasRead)
        {
            lock (_syncLock)
            {
                ThrowIfDisposed();
                hasRead = hasRead || !read.IsEmpty;
                int words = Math.Max(hasWrite ? write.Length : 0, read.Length);
                Ensure(words);
                for (int i = 0; i < words; i++)
                {
                    _out[i] = hasWrite && i < write.Length ? Order(write[i], 8) : 0;
                }

                Run(8, hasWrite, hasRead, words);
                for (int i = 0; i < read.Length; i++)
                {
                    read[i] = (byte)Order(_in[i], 8);
                }
            }
        }

        private void NativeTransfer16(ushort[] write, ushort[] read)
        {
            lock (_syncLock)
            {
                ThrowIfDisposed();
                int words = Math.Max(write?.Length ?? 0, read?.Length ?? 0);
                Ensure(words);
                for (int i = 0; i < words; i++)
                {
                    _out[i] = write != null && i < write.Length ? Order(write[i], 16) : 0;
                }

                Run(16, write != null, read != null, words);
                for (int i = 0; read != null && i < read.Length; i++)
                {
                    read[i] = (ushort)Order(_in[i], 16);
                }
            }
        }

        private void Run(int wordBits, bool hasWrite, bool hasRead, int words)
        {
            if (words == 0)
            {
                return;
            }

            int cs = _connectionSettings.ChipSelectLine;
            bool csActive = _connectionSettings.ChipSelectLineActiveState == System.Device.Gpio.PinValue.High;
            if (cs >= 0)
            {
                _board.DriveOutput(cs, csActive);
            }

            double endUs = _board.Transfer(_bus, _connectionSettings.ClockFrequency, wordBits, hasWrite ? _out : null, hasRead ? _in : null, words);

            // The native transfer blocks until the last bit is out; so does this one, in board time.
            SpinWait spin = default;
            while (_board.NowUs < endUs)
            {
                spin.SpinOnce(-1);
            }

            if (cs >= 0)
            {
                _board.DriveOutput(cs, !csActive);
            }
        }

        private ulong Order(ulong value, int bits)
        {
            if (_connectionSettings.DataFlow == DataFlow.MsbFirst)
            {
                return value;
            }

            ulong reversed = 0;
            for (int i = 0; i < bits; i++)
            {
                reversed = (reversed << 1) | ((value >> i) & 1UL);
            }

            return reversed;
        }

        private void Ensure(int words)
        {
            if (_out.Length < words)
            {
                _out = new ulong[words];
                _in = new ulong[words];
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposedValue)
            {
                throw new ObjectDisposedException(nameof(SpiDevice));
            }
        }
    }
}
