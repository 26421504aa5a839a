namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementDataSectionType: AD type codes.</summary>
    public enum BluetoothLEAdvertisementDataSectionType
    {
        /// <summary>Advertising interval (0x1A).</summary>
        AdvertisingInterval = 0x1A,

        /// <summary>Appearance (0x19).</summary>
        Appearance = 0x19,

        /// <summary>Complete local name (0x09).</summary>
        CompleteLocalName = 0x09,

        /// <summary>Complete list of 128-bit service UUIDs (0x07).</summary>
        CompleteList128uuid = 0x07,

        /// <summary>Complete list of 16-bit service UUIDs (0x03).</summary>
        CompleteList16uuid = 0x03,

        /// <summary>Complete list of 32-bit service UUIDs (0x05).</summary>
        CompleteList32uuid = 0x05,

        /// <summary>Flags (0x01).</summary>
        Flags = 0x01,

        /// <summary>Incomplete list of 128-bit service UUIDs (0x06).</summary>
        IncompleteList128uuid = 0x06,

        /// <summary>Incomplete list of 16-bit service UUIDs (0x02).</summary>
        IncompleteList16uuid = 0x02,

        /// <summary>Incomplete list of 32-bit service UUIDs (0x04).</summary>
        IncompleteList32uuid = 0x04,

        /// <summary>Manufacturer specific data (0xFF).</summary>
        ManufacturerSpecificData = 0xFF,

        /// <summary>Peripheral connection interval range (0x12).</summary>
        PeripheralConnectionIntervalRange = 0x12,

        /// <summary>Public target address (0x17).</summary>
        PublicTargetAddress = 0x17,

        /// <summary>Random target address (0x18).</summary>
        RandomTargetAddress = 0x18,

        /// <summary>Service data, 128-bit UUID (0x21).</summary>
        ServiceData128bitUuid = 0x21,

        /// <summary>Service data, 16-bit UUID (0x16).</summary>
        ServiceData16bitUuid = 0x16,

        /// <summary>Service data, 32-bit UUID (0x20).</summary>
        ServiceData32bitUuid = 0x20,

        /// <summary>List of 128-bit service solicitation UUIDs (0x15).</summary>
        ServiceSolicitation128BitUuids = 0x15,

        /// <summary>List of 16-bit service solicitation UUIDs (0x14).</summary>
        ServiceSolicitation16BitUuids = 0x14,

        /// <summary>List of 32-bit service solicitation UUIDs (0x1F).</summary>
        ServiceSolicitation32BitUuids = 0x1F,

        /// <summary>Shortened local name (0x08).</summary>
        ShortenedLocalName = 0x08,

        /// <summary>TX power level (0x0A).</summary>
        TxPowerLevel = 0x0A,
    }
}
