using System;
using System.Reflection;
using System.Security.Cryptography;
using Beacons.Embedded;
using Beacons.Loader.Platform;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using Beacons.Tests.Fakes;

namespace Beacons.LoaderProof
{
    /// <summary>
    /// The boot loader's path on the real interpreter: <see cref="BundleBoot"/> with the device's
    /// <see cref="DeviceAssemblyLoader"/> (<c>Assembly.Load(byte[])</c>, entry by reflection) over a real .pe
    /// (Beacons.LoaderFixture, built and embedded by tools/device-build). The interpreter has no file system natives, so
    /// the "flash" is in RAM. Refusals run first: a loaded assembly cannot be unloaded. Prints FAIL lines on a failure.
    /// </summary>
    public static class Program
    {
        private static readonly byte[] Key = Hex.TryDecode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        private static int _failures;

        public static void Main()
        {
            byte[] pe = Beacons_LoaderFixture.Get();
            var flash = new MemoryStorage();
            var loader = new DeviceAssemblyLoader();
            long free = nanoFramework.Runtime.Native.GC.Run(true);
            Console.WriteLine("loader-proof: fixture .pe " + pe.Length + " bytes; free heap " + free + " B");

            // 1. A byte changed after signing: refused before anything loads; nothing was ever confirmed, so the factory app runs.
            byte[] tampered = Copy(pe);
            tampered[tampered.Length / 2] ^= 0x01;
            Install(flash, "A", 1, "0.9.0", 0, pe, tampered);
            BundleBootResult r = Boot(flash, loader);
            Expect(r.Outcome == BundleBootResult.Factory && r.Rollback == "bundle 1 rejected: Beacons.LoaderFixture.pe does not match its MAC",
                "tampered file refused before loading: " + r.Rollback);

            // 2. Signed correctly, but not a .pe: the runtime itself refuses it.
            byte[] garbage = new byte[64];
            for (int i = 0; i < garbage.Length; i++)
            {
                garbage[i] = (byte)(i * 7);
            }

            Install(flash, "A", 2, "0.9.1", 0, garbage, garbage);
            r = Boot(flash, loader);
            Expect(r.Outcome == BundleBootResult.Factory && r.Rollback != null && r.Rollback.IndexOf("the runtime refused") > 0,
                "not-a-.pe refused by Assembly.Load: " + r.Rollback);

            // 3. Too big for this heap: refused before switching.
            Install(flash, "A", 3, "0.9.2", 4096, pe, pe);
            r = Boot(flash, loader);
            Expect(r.Outcome == BundleBootResult.Factory && r.Rollback != null && r.Rollback.IndexOf("KB of heap") > 0,
                "bundle that cannot fit refused: " + r.Rollback);

            // 4. The real bundle: verified, loaded from bytes, its entry point run; then confirmed.
            Install(flash, "A", 4, "1.0.0", 0, pe, pe);
            long before = nanoFramework.Runtime.Native.GC.Run(true);
            r = Boot(flash, loader);
            Expect(r.Outcome == BundleBootResult.Bundle && r.Slot == "A" && r.Seq == 4 && r.OnProbation, "bundle 4 booted on probation from slot A");
            loader.RunEntry(r.Entry);
            Type program = Assembly.Load("Beacons.LoaderFixture").GetType("Beacons.LoaderFixture.Program");
            object runs = program.GetField("Runs").GetValue(null);
            Expect(runs is int && (int)runs == 1, "entry point ran once (Runs = " + runs + ")");
            long after = nanoFramework.Runtime.Native.GC.Run(true);
            Console.WriteLine("loader-proof: resident after loading and running it: " + (before - after) + " B of heap for a " + pe.Length
                + " B .pe (x" + ((before - after) * 100 / pe.Length) / 100.0 + ")");

            Console.WriteLine("loader-proof: " + (_failures == 0 ? "ok" : _failures + " failed"));
        }

        private static BundleBootResult Boot(MemoryStorage flash, DeviceAssemblyLoader loader)
        {
            return new BundleBoot(new BootSelector(flash), flash, flash, loader, Key).Boot(nanoFramework.Runtime.Native.GC.Run(true));
        }

        private static void Install(MemoryStorage flash, string slot, long seq, string version, int heapKb, byte[] signed, byte[] stored)
        {
            string body = "{\"bundle\":\"" + version + "\",\"seq\":" + seq + ",\"entry\":\"Beacons.LoaderFixture\",\"heapKB\":" + heapKb
                + ",\"files\":[{\"name\":\"Beacons.LoaderFixture.pe\",\"size\":" + signed.Length + ",\"mac\":\""
                + Hex.Encode(HMACSHA256.HashData(Key, signed)) + "\"}]}";
            flash.WriteText(BundleBoot.ManifestName(slot), SignedEnvelope.Seal(Key, body));
            string file = BundleBoot.FileName(slot, "Beacons.LoaderFixture.pe");
            flash.Delete(file);
            flash.Append(file, stored, 0, stored.Length);
            string refused = new BootSelector(flash).Stage(slot, seq);
            Expect(refused == null, "stage bundle " + seq + (refused == null ? "" : ": " + refused));
        }

        private static byte[] Copy(byte[] a)
        {
            var b = new byte[a.Length];
            Array.Copy(a, b, a.Length);
            return b;
        }

        private static void Expect(bool ok, string what)
        {
            if (!ok)
            {
                _failures++;
            }

            Console.WriteLine((ok ? "loader-proof: ok   " : "FAIL ") + what);
        }
    }
}
