namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementWatcherStoppedEventArgs.</summary>
    public class BluetoothLEAdvertisementWatcherStoppedEventArgs
    {
        private readonly BluetoothError _error;

        internal BluetoothLEAdvertisementWatcherStoppedEventArgs(BluetoothError error)
        {
            _error = error;
        }

        /// <summary>Why scanning ended.</summary>
        public BluetoothError Error => _error;
    }
}
