using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementDataSection: one AD structure (type + data).</summary>
    public class BluetoothLEAdvertisementDataSection
    {
        private byte _dataType;
        private Buffer _buffer;

        /// <summary>Type 0 with an empty 16-byte buffer.</summary>
        public BluetoothLEAdvertisementDataSection() : this(0, new Buffer(16))
        {
        }

        /// <summary>A section of AD type <paramref name="dataType"/> carrying <paramref name="data"/> (its Length bytes).</summary>
        public BluetoothLEAdvertisementDataSection(byte dataType, Buffer data)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _dataType = dataType;
            _buffer = data;
        }

        /// <summary>AD type code (see <see cref="BluetoothLEAdvertisementDataSectionType"/>).</summary>
        public byte DataType
        {
            get => _dataType;
            set => _dataType = value;
        }

        /// <summary>AD data (without length and type bytes).</summary>
        public Buffer Data
        {
            get => _buffer;
            set => _buffer = value;
        }

        /// <summary>Length byte (data + 1), type byte, data: the on-air AD structure.</summary>
        internal byte[] ToAdvertisentBytes()
        {
            byte[] data = new byte[_buffer.Length + 2];
            data[0] = (byte)(_buffer.Length + 1);
            data[1] = _dataType;
            Array.Copy(_buffer.Data, 0, data, 2, (int)_buffer.Length);
            return data;
        }

        /// <summary>Bytes this section takes in the payload (data + 2).</summary>
        internal int AdvertisentLength() => (int)_buffer.Length + 2;
    }
}
