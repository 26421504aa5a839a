namespace Beacons.VirtualDevice
{
    /// <summary>
    /// The free managed heap the virtual device reports. Heap use is not simulated (the host's GC has nothing in common
    /// with nanoCLR's), so it reports the free heap of a freshly booted ESP32_BLE_REV0 (about 100 KB, reference §5.1)
    /// less the app bundle bytes the virtual loader keeps resident on that node (Assembly.Load cannot unload), and the
    /// README says so; allocation figures come from the benchmarks instead.
    /// </summary>
    internal static class VirtualHeap
    {
        public const uint BudgetBytes = 100 * 1024;

        public static uint FreeBytes()
        {
            long resident = VirtualNode.CurrentOrNull?.ResidentBundleBytes ?? 0;
            return resident >= BudgetBytes ? 0 : (uint)(BudgetBytes - resident);
        }
    }
}
