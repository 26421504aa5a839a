using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementReceivedEventArgs: one advertisement report.</summary>
    public class BluetoothLEAdvertisementReceivedEventArgs
    {
        private readonly ulong _bluetoothAddress;
        private readonly BluetoothAddressType _bluetoothAddressType;
        private readonly BluetoothLEAdvertisementType _advertisementType;
        private readonly short _rawSignalStrengthInDBm;
        private BluetoothLEAdvertisement _advertisement;
        private DateTime _timestamp;

        internal BluetoothLEAdvertisementReceivedEventArgs(
            ulong bluetoothAddress,
            BluetoothAddressType bluetoothAddressType,
            BluetoothLEAdvertisementType advertisementType,
            BluetoothLEAdvertisement advertisement,
            short rawSignalStrengthInDBm,
            DateTime timestamp)
        {
            _bluetoothAddress = bluetoothAddress;
            _bluetoothAddressType = bluetoothAddressType;
            _advertisement = advertisement;
            _advertisementType = advertisementType;
            _rawSignalStrengthInDBm = rawSignalStrengthInDBm;
            _timestamp = timestamp;
        }

        /// <summary>The received payload, parsed into sections and properties.</summary>
        public BluetoothLEAdvertisement Advertisement
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _advertisement;
            }

            internal set => _advertisement = value;
        }

        /// <summary>Report type (ADV_IND, ADV_SCAN_IND, ADV_NONCONN_IND, SCAN_RSP …).</summary>
        public BluetoothLEAdvertisementType AdvertisementType
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _advertisementType;
            }
        }

        /// <summary>48-bit advertiser address; the first displayed byte is the most significant.</summary>
        public ulong BluetoothAddress
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _bluetoothAddress;
            }
        }

        /// <summary>Public or random address.</summary>
        public BluetoothAddressType BluetoothAddressType
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _bluetoothAddressType;
            }
        }

        /// <summary>RSSI in dBm (-127..20).</summary>
        public short RawSignalStrengthInDBm
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _rawSignalStrengthInDBm;
            }
        }

        /// <summary>DateTime.UtcNow when the report reached managed code.</summary>
        public DateTime Timestamp
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _timestamp;
            }

            internal set => _timestamp = value;
        }
    }
}
