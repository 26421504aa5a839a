using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEManufacturerData (namespace Advertisement, file in the library root as on
    /// the device). The company id is serialised little-endian in front of <see cref="Data"/>.
    /// </summary>
    public class BluetoothLEManufacturerData
    {
        private Buffer _data;
        private ushort _companyId;

        /// <summary>Company 0 with a one-byte (zero-length) buffer.</summary>
        public BluetoothLEManufacturerData() : this(0, new Buffer(1))
        {
        }

        /// <summary>Manufacturer data for <paramref name="companyId"/> (Bluetooth SIG company identifier).</summary>
        public BluetoothLEManufacturerData(ushort companyId, Buffer data)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _companyId = companyId;
            _data = data;
        }

        /// <summary>Bytes after the company id.</summary>
        public Buffer Data
        {
            get => _data;
            set => _data = value;
        }

        /// <summary>Bluetooth SIG company identifier (e.g. 0x004C Apple).</summary>
        public ushort CompanyId
        {
            get => _companyId;
            set => _companyId = value;
        }
    }
}
