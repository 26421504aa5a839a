namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Mirror of nanoFramework's BluetoothAddressType.</summary>
    public enum BluetoothAddressType
    {
        /// <summary>Public device address (what the ESP32 publisher uses: BLE_OWN_ADDR_PUBLIC).</summary>
        Public = 0,

        /// <summary>Random device address (phones).</summary>
        Random = 1,

        /// <summary>Unspecified.</summary>
        Unspecified = 2,
    }
}
