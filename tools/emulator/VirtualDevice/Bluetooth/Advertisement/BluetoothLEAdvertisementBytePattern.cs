using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementBytePattern (a watcher filter item).</summary>
    public class BluetoothLEAdvertisementBytePattern
    {
        private byte _dataType;
        private Buffer _data;
        private short _offset;

        /// <summary>Empty pattern.</summary>
        public BluetoothLEAdvertisementBytePattern() : this(0, 0, null)
        {
        }

        /// <summary>Matches sections of <paramref name="dataType"/> holding <paramref name="data"/> at <paramref name="offset"/>.</summary>
        public BluetoothLEAdvertisementBytePattern(byte dataType, short offset, Buffer data)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _dataType = dataType;
            _offset = offset;
            _data = data;
        }

        /// <summary>AD type to look in.</summary>
        public byte DataType
        {
            get => _dataType;
            set => _dataType = value;
        }

        /// <summary>Bytes to match.</summary>
        public Buffer Data
        {
            get => _data;
            set => _data = value;
        }

        /// <summary>Offset in the section data.</summary>
        public short Offset
        {
            get => _offset;
            set => _offset = value;
        }
    }
}
