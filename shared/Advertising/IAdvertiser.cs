namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// The radio as the advertising schedule sees it: broadcast one complete legacy advertising payload (AD structures,
    /// Flags included, at most 31 bytes) until told otherwise. The firmware implements it over
    /// BluetoothLEAdvertisementPublisher.
    /// </summary>
    public interface IAdvertiser
    {
        /// <summary>Starts broadcasting <paramref name="length"/> bytes of AD structures from <paramref name="advertisingData"/>.
        /// Returns false when the radio refused (the caller retries at the next slot).</summary>
        bool Start(byte[] advertisingData, int length);

        /// <summary>Stops broadcasting; safe to call when already stopped.</summary>
        void Stop();
    }
}
