using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// Something on the air of a <see cref="RadioMedium"/>: a phone or world source, or a node's own publisher.
    /// Immutable; to change what a source advertises, hand the medium a new instance with the same address.
    /// </summary>
    public sealed class RadioAdvertiser
    {
        /// <summary>Creates an advertiser.</summary>
        /// <param name="address">48-bit device address, most significant byte first as displayed (AA:BB:.. = 0xAABB..).</param>
        /// <param name="addressType">Public or Random (phones use resolvable/non-resolvable random addresses).</param>
        /// <param name="advertisingData">AD structures, at most 31 bytes (legacy advertising).</param>
        /// <param name="txPowerDbm">Radiated power in dBm, for the world's path-loss model (typically -20..+10).</param>
        /// <param name="advertisementType">Report type a scanner sees (ADV_NONCONN_IND = NonConnectableUndirected).</param>
        /// <param name="scanResponse">Scan response AD bytes (only active scanners receive them), or null.</param>
        /// <param name="name">Free label for logs and the world (not on air).</param>
        public RadioAdvertiser(
            ulong address,
            BluetoothAddressType addressType,
            byte[] advertisingData,
            int txPowerDbm = 0,
            BluetoothLEAdvertisementType advertisementType = BluetoothLEAdvertisementType.NonConnectableUndirected,
            byte[] scanResponse = null,
            string name = null)
        {
            if (advertisingData == null)
            {
                throw new ArgumentNullException(nameof(advertisingData));
            }

            if (advertisingData.Length > 31 || (scanResponse != null && scanResponse.Length > 31))
            {
                throw new ArgumentException("legacy advertising data and scan responses are at most 31 bytes");
            }

            Address = address & 0xFFFFFFFFFFFFUL;
            AddressType = addressType;
            AdvertisingData = (byte[])advertisingData.Clone();
            ScanResponse = scanResponse == null ? Array.Empty<byte>() : (byte[])scanResponse.Clone();
            TxPowerDbm = txPowerDbm;
            AdvertisementType = advertisementType;
            Name = name;
        }

        /// <summary>48-bit address (display order: the first displayed byte is the most significant).</summary>
        public ulong Address { get; }

        /// <summary>Address type (TxAdd on air).</summary>
        public BluetoothAddressType AddressType { get; }

        /// <summary>The AD bytes on air (a copy; do not modify).</summary>
        public byte[] AdvertisingData { get; }

        /// <summary>Scan response AD bytes (empty when none).</summary>
        public byte[] ScanResponse { get; }

        /// <summary>Radiated power in dBm (input to the path-loss hook).</summary>
        public int TxPowerDbm { get; }

        /// <summary>What a scanner reports as the advertisement type.</summary>
        public BluetoothLEAdvertisementType AdvertisementType { get; }

        /// <summary>The node whose publisher this is, or null for a phone / world source.</summary>
        public VirtualNode SourceNode { get; internal set; }

        /// <summary>Label for logs.</summary>
        public string Name { get; }
    }
}
