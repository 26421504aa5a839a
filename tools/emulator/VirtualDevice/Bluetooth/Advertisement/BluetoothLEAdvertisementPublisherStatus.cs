namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementPublisherStatus.</summary>
    public enum BluetoothLEAdvertisementPublisherStatus
    {
        /// <summary>Initial state.</summary>
        Created = 0,

        /// <summary>Start was called; set before the native start (and left there when the native start fails).</summary>
        Waiting = 1,

        /// <summary>Advertising.</summary>
        Started = 2,

        /// <summary>Stop issued (never set by the 1.1.x code).</summary>
        Stopping = 3,

        /// <summary>Stopped.</summary>
        Stopped = 4,

        /// <summary>Aborted by an error (never set by the 1.1.x code).</summary>
        Aborted = 5,
    }
}
