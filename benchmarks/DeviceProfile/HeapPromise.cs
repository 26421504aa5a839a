namespace Beacons.DeviceProfile
{
    /// <summary>
    /// The one home of the heap promise: the smallest managed heap (KB, as <c>NANO_HEAP_KB</c> sets it) in which each
    /// role's shared core boots and runs its trace. README ("Device profile") and hardware/pinouts.md state the same
    /// figures; the profile prints <c>FAIL</c> when a role runs out of memory in a budget it is promised.
    /// Figures are measured on the 64-bit interpreter (24-byte heap blocks, 12 on the ESP32), so they are upper bounds.
    /// </summary>
    public static class HeapPromise
    {
        public const string BeaconShelf = "beacon+shelf";
        public const string Scanner = "scanner";
        public const string Outbox = "outbox";

        /// <summary>Every role the profile runs, in the order it runs them.</summary>
        public static readonly string[] Roles = { BeaconShelf, Scanner, Outbox };

        /// <summary>Promised minimum heap per role, KB (same order as <see cref="Roles"/>).</summary>
        public static readonly int[] MinHeapKb = { 96, 96, 96 };

        /// <summary>The heap budgets the profile is run under (DeviceProfileHeapKb of DeviceProfile.nfproj).</summary>
        public static readonly int[] BudgetsKb = { 48, 96, 256 };

        /// <summary>The promise for a role, KB; 0 when the role is unknown.</summary>
        public static int For(string role)
        {
            for (int i = 0; i < Roles.Length; i++)
            {
                if (Roles[i] == role)
                {
                    return MinHeapKb[i];
                }
            }

            return 0;
        }
    }
}
