namespace Beacons.DeviceProfile
{
    /// <summary>
    /// Heap figures of whichever runtime runs the profile. On nanoFramework <c>GC.Run(true)</c> collects, compacts and
    /// returns the free bytes of the managed heap, so live bytes = heap size - free. On the host the same program reads
    /// <c>GC.GetTotalMemory(true)</c> (CoreCLR's own objects make its absolute figure meaningless; deltas are comparable
    /// in kind, not in size) and counts allocations exactly.
    /// </summary>
    public static class Heap
    {
#if NANOFRAMEWORK_1_0
        public const bool OnDevice = true;
#else
        public const bool OnDevice = false;
#endif

        /// <summary>Less than the runtime takes before Main on any build of this program (measured: 18.5 KB).</summary>
        public const long MinRuntimeBytes = 8 * 1024;

        /// <summary>Managed heap size, bytes (set by <see cref="DetectBudget"/>; 0 on the host).</summary>
        public static long SizeBytes { get; private set; }

        /// <summary>Budget the heap size matches, KB (0 on the host).</summary>
        public static int BudgetKb { get; private set; }

        /// <summary>Free bytes after a full collection (device), or 0 (host).</summary>
        public static long FreeBytes()
        {
#if NANOFRAMEWORK_1_0
            return nanoFramework.Runtime.Native.GC.Run(true);
#else
            return 0;
#endif
        }

        /// <summary>Live bytes after a full collection: heap size - free (device), GC.GetTotalMemory(true) (host).</summary>
        public static long LiveBytes()
        {
#if NANOFRAMEWORK_1_0
            return SizeBytes - nanoFramework.Runtime.Native.GC.Run(true);
#else
            return System.GC.GetTotalMemory(true);
#endif
        }

        /// <summary>Bytes allocated so far on this thread (host), or -1 where the runtime cannot tell (device).</summary>
        public static long AllocatedBytes()
        {
#if NANOFRAMEWORK_1_0
            return -1;
#else
            return System.GC.GetAllocatedBytesForCurrentThread();
#endif
        }

        /// <summary>
        /// Works out the heap the program runs in from the free bytes at start: the smallest profile budget that holds
        /// them plus <see cref="MinRuntimeBytes"/> (the runtime's own structures for the loaded assemblies take ~18 KB of
        /// a 64-bit interpreter's heap before Main), else the free bytes rounded up to a KB (an unbudgeted run, e.g. the
        /// default 10 MiB). Only the budgets of <see cref="HeapPromise.BudgetsKb"/> are told apart reliably. Returns
        /// the free bytes at start.
        /// </summary>
        public static long DetectBudget()
        {
            long free = FreeBytes();
            if (!OnDevice)
            {
                return 0;
            }

            for (int i = 0; i < HeapPromise.BudgetsKb.Length; i++)
            {
                if (HeapPromise.BudgetsKb[i] * 1024L >= free + MinRuntimeBytes)
                {
                    BudgetKb = HeapPromise.BudgetsKb[i];
                    SizeBytes = BudgetKb * 1024L;
                    return free;
                }
            }

            BudgetKb = (int)((free + 1023) / 1024);
            SizeBytes = free;
            return free;
        }
    }
}
