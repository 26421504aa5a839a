namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementPublisherStatusChangedEventArgs.</summary>
    public class BluetoothLEAdvertisementPublisherStatusChangedEventArgs
    {
        private readonly BluetoothError _error;
        private readonly BluetoothLEAdvertisementPublisherStatus _status;
        private readonly short _selectedTransmitPowerLevelInDBm;

        internal BluetoothLEAdvertisementPublisherStatusChangedEventArgs(BluetoothLEAdvertisementPublisherStatus status, BluetoothError error, short selectedTransmitPowerLevelInDBm)
        {
            _status = status;
            _error = error;
            _selectedTransmitPowerLevelInDBm = selectedTransmitPowerLevelInDBm;
        }

        /// <summary>Always Success in 1.1.x (the publisher passes 0).</summary>
        public BluetoothError Error => _error;

        /// <summary>The new status.</summary>
        public BluetoothLEAdvertisementPublisherStatus Status => _status;

        /// <summary>The publisher's PreferredTransmitPowerLevelInDBm (1.1.x reports the preference, not the radio's level).</summary>
        public short SelectedTransmitPowerLevelInDBm => _selectedTransmitPowerLevelInDBm;
    }
}
