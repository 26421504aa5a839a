using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework.Device.Bluetooth's Buffer (IO/Buffer.cs, 1.1.x): a byte array plus a used length.
    /// The array is shared, not copied, exactly as on the device (Buffer(byte[]) wraps the caller's array).
    /// </summary>
    public class Buffer
    {
        private byte[] _buffer;

        /// <summary>Number of bytes in use (a protected field on the device; DataWriter grows it).</summary>
        protected uint _length;

        /// <summary>Creates an empty buffer of <paramref name="capacity"/> bytes.</summary>
        public Buffer(uint capacity)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _buffer = new byte[capacity];
            _length = 0;
        }

        /// <summary>Wraps <paramref name="array"/> (not copied); the length is the array length.</summary>
        public Buffer(byte[] array)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _buffer = array;
            _length = (uint)array.Length;
        }

        /// <summary>Size of the underlying array in bytes.</summary>
        public uint Capacity
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return (uint)_buffer.Length;
            }
        }

        /// <summary>Bytes in use; setting more than the capacity throws ArgumentException as on the device.</summary>
        public uint Length
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _length;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                if (value > _buffer.Length)
                {
                    throw new ArgumentException("Length greater than current buffer");
                }

                _length = value;
            }
        }

        /// <summary>Grows the underlying array (copying it) when <paramref name="newCapacity"/> is larger.</summary>
        public void EnsureCapacity(uint newCapacity)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (newCapacity > _buffer.Length)
            {
                byte[] newBuffer = new byte[newCapacity];
                Array.Copy(_buffer, 0, newBuffer, 0, _buffer.Length);
                _buffer = newBuffer;
            }
        }

        /// <summary>The underlying array (internal on the device too; only Length bytes are meaningful).</summary>
        internal byte[] Data => _buffer;
    }
}
