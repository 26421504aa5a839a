using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of the internal BluetoothNanoDevice (BluetoothNanoDevice.cs): the run mode, which on the device is a
    /// static; here it lives in the node's <see cref="VirtualRadio"/> so nodes do not share it.
    /// </summary>
    internal static class BluetoothNanoDevice
    {
        internal enum Mode
        {
            NotRunning,
            Server,
            Client,
        }

        /// <summary>Switches to <paramref name="expectedMode"/> unless already there (may throw InvalidOperationException).</summary>
        internal static void CheckMode(VirtualRadio radio, Mode expectedMode)
        {
            if (radio.ManagedMode != expectedMode)
            {
                radio.SetRunMode(expectedMode);
            }
        }
    }
}
