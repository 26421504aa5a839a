namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Mirror of nanoFramework's BluetoothError.</summary>
    public enum BluetoothError
    {
        /// <summary>Success.</summary>
        Success = 0,

        /// <summary>Radio not available.</summary>
        RadioNotAvailable = 1,

        /// <summary>Resource in use.</summary>
        ResourceInUse = 2,

        /// <summary>Device not connected.</summary>
        DeviceNotConnected = 3,

        /// <summary>Other error.</summary>
        OtherError = 4,

        /// <summary>Disabled by policy.</summary>
        DisabledByPolicy = 5,

        /// <summary>Not supported.</summary>
        NotSupported = 6,

        /// <summary>Disabled by user.</summary>
        DisabledByUser = 7,

        /// <summary>Consent required.</summary>
        ConsentRequired = 8,

        /// <summary>Transport not supported.</summary>
        TransportNotSupported = 9,
    }
}
