using System;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// Device profile (issue 11, deliverable 6): builds the shared core of each role from the sample configs, runs its
    /// recorded-style trace, and prints one <c>profile:</c> line per role — live heap after boot and at peak, µs per
    /// HX711 sample / advertisement / stock event. On nanoCLR it runs under each NANO_HEAP_KB budget of
    /// DeviceProfile.nfproj (tools/device-build): a role that runs out of memory in a budget
    /// <see cref="HeapPromise"/> promises it prints a line starting <c>FAIL</c>; below its promise it is still tried and
    /// reported as <c>does-not-fit</c>, never a failure. The host twin (DeviceProfile.Host.csproj) prints the same lines
    /// with host figures. README, "Device profile", has the table.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            long freeAtStart = Heap.DetectBudget();
            string runtime = Heap.OnDevice ? "nanoCLR" : "host";
            // Single-precision System.Math (every ESP32 image) floors 2^24 + 1 to 2^24.
            string fp = Math.Floor(16777217.0) == 16777216.0 ? "single" : "double";
            if (Heap.OnDevice)
            {
                Console.WriteLine("profile: runtime=" + runtime + " fp=" + fp + " budget=" + Heap.BudgetKb + "KB heapB=" + Heap.SizeBytes
                    + " freeAtStartB=" + freeAtStart + " runtimeB=" + (Heap.SizeBytes - freeAtStart));
            }
            else
            {
                Console.WriteLine("profile: runtime=" + runtime + " fp=" + fp + " budget=none (heap figures: CoreCLR GC.GetTotalMemory deltas)");
            }

            int failures = 0;
            for (int i = 0; i < HeapPromise.Roles.Length; i++)
            {
                if (!Heap.OnDevice)
                {
                    // CoreCLR compiles on first use: one untimed pass first, so the host column is steady state.
                    RunRole(HeapPromise.Roles[i]);
                }

                RoleResult r = RunRole(HeapPromise.Roles[i]);
                failures += Report(r);
                Heap.LiveBytes();
            }

            Console.WriteLine("profile: done roles=" + HeapPromise.Roles.Length + " failures=" + failures);
        }

        /// <summary>Builds and runs one role; an out-of-memory anywhere is caught and recorded (nanoCLR throws it catchably).</summary>
        private static RoleResult RunRole(string role)
        {
            var r = new RoleResult();
            r.Role = role;
            try
            {
                // Built inside the try, referenced only by the call: garbage once it returns (OOM included).
                Measure(role == HeapPromise.BeaconShelf ? new BeaconShelfRole(new Hx711Trace())
                    : role == HeapPromise.Scanner ? (IProfileRole)new ScannerRole(new ScanTrace())
                    : new OutboxRole(), r);
            }
            catch (OutOfMemoryException)
            {
                r.OutOfMemory = true;
            }
            catch (Exception ex)
            {
                r.Error = ex.GetType().Name + ": " + ex.Message;
            }

            return r;
        }

        private static void Measure(IProfileRole role, RoleResult r)
        {
            r.Stage = "boot";
            r.BaselineLive = Heap.LiveBytes();
            role.Boot(r);
            r.AfterBoot = Heap.LiveBytes() - r.BaselineLive;
            r.Peak = r.AfterBoot;
            r.Stage = "trace";
            role.Run(r);
            r.Checkpoint();
            r.Stage = "";
        }

        /// <summary>Prints the role's line; returns 1 when it is a failure (a promised budget missed, or a bug).</summary>
        private static int Report(RoleResult r)
        {
            int promised = HeapPromise.For(r.Role);
            string budget = Heap.OnDevice ? Heap.BudgetKb + "KB" : "host";
            bool inPromise = !Heap.OnDevice || Heap.BudgetKb >= promised;
            string head = "role=" + r.Role + " budget=" + budget + " promisedKB=" + promised;
            if (r.Error != null)
            {
                Console.WriteLine("FAIL profile: " + head + " error at " + r.Stage + ": " + r.Error);
                return 1;
            }

            if (r.OutOfMemory)
            {
                string where = " OutOfMemoryException at " + r.Stage + (r.AfterBoot >= 0 ? " (after boot " + r.AfterBoot + " B)" : "");
                if (inPromise)
                {
                    Console.WriteLine("FAIL profile: " + head + " result=oom" + where + ": the docs promise this role fits");
                    return 1;
                }

                Console.WriteLine("profile: " + head + " result=does-not-fit" + where);
                return 0;
            }

            Console.WriteLine("profile: " + head + " result=ok" + (inPromise ? "" : "-below-promise")
                + " heapAfterBootB=" + r.AfterBoot + " heapPeakB=" + r.Peak
                + " " + r.RateName + "=" + r.Rate + " allocBPerOp=" + r.AllocPerOp + r.Extra + " boot=" + r.BootBreakdown());
            return 0;
        }
    }
}
