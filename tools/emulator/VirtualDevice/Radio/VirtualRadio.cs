namespace Beacons.VirtualDevice
{
    /// <summary>A node's BLE radio in the simulated world (filled in by the Bluetooth work).</summary>
    public sealed class VirtualRadio
    {
    }
}
