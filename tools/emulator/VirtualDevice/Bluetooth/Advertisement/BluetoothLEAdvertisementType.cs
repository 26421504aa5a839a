namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementType (the HCI advertising report event type).</summary>
    public enum BluetoothLEAdvertisementType
    {
        /// <summary>ADV_IND.</summary>
        ConnectableUndirected = 0,

        /// <summary>ADV_DIRECT_IND.</summary>
        ConnectableDirected = 1,

        /// <summary>ADV_SCAN_IND (what a nanoFramework publisher sends: non-connectable but discoverable).</summary>
        ScannableUndirected = 2,

        /// <summary>ADV_NONCONN_IND.</summary>
        NonConnectableUndirected = 3,

        /// <summary>SCAN_RSP.</summary>
        ScanResponse = 4,
    }
}
