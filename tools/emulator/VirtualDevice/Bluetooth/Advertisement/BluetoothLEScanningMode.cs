namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEScanningMode (namespace Advertisement, as on the device).</summary>
    public enum BluetoothLEScanningMode
    {
        /// <summary>Listen only (the watcher's default).</summary>
        Passive = 0,

        /// <summary>Also send SCAN_REQ and receive scan responses.</summary>
        Active = 1,
    }
}
