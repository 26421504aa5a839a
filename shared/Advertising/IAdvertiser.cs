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

        /// <summary>Stops broadcasting, keeping the stack in advertising (server) mode for the next Start; safe when stopped.</summary>
        void Stop();

        /// <summary>
        /// Stops broadcasting and takes the stack out of server mode so the radio can scan (on the device: NimBLE
        /// deinit; the next Start initialises it again and waits for host sync). Safe when already released.
        /// </summary>
        void LeaveServerMode();
    }
}
