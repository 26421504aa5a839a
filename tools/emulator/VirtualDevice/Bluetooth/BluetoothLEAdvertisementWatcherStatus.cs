namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementWatcherStatus.</summary>
    public enum BluetoothLEAdvertisementWatcherStatus
    {
        /// <summary>Initial state.</summary>
        Created = 0,

        /// <summary>Scanning.</summary>
        Started = 1,

        /// <summary>Stop issued.</summary>
        Stopping = 2,

        /// <summary>Stopped.</summary>
        Stopped = 3,

        /// <summary>Stopped by an error (never set by the 1.1.x code).</summary>
        Aborted = 4,
    }
}
