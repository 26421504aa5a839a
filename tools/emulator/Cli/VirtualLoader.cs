using System;
using System.Diagnostics;
using System.Text;
using Beacons.Firmware.Platform;
using Beacons.Shared.Configuration;
using Beacons.Shared.Update;
using Beacons.VirtualDevice;

namespace Beacons.Emulator
{
    /// <summary>
    /// The loader of the virtual device (docs/ota.md): what a node boots through, as the device boots through loader/.
    /// The decision is the device loader's own <see cref="BundleBoot"/> on the node's flash (slot, signed manifest,
    /// every file verified, heap fit, loads in order, rollback); only the <see cref="IAssemblyLoader"/> differs.
    /// </summary>
    /// <remarks>
    /// <para>Assembly.Load cannot load a nanoFramework .pe on .NET, so <see cref="VirtualAssemblies"/> is a physically
    /// honest stand-in: the bytes are charged to the node's virtual heap (they stay resident for the boot), bytes that do
    /// not start with the nanoFramework PE marker <c>NFMRK2</c> are refused with BadImageFormatException, as the device
    /// refuses them, and the entry that runs is the host-compiled firmware, whatever version the manifest names.</para>
    /// <para>Test fixture of the virtual device only: an entry file containing the ASCII marker
    /// <see cref="CrashMarker"/> makes the entry crash during start-up (a "bad build"). The node then resets, as the
    /// device's crash/watchdog reset would, so the bundle spends its probation boots and is rolled back by BootSelector
    /// with nobody touching the node.</para>
    /// </remarks>
    public static class VirtualLoader
    {
        /// <summary>The marker that makes a test bundle's entry crash on the virtual device.</summary>
        public const string CrashMarker = "BEACONS-TEST-CRASH-ON-BOOT";

        /// <summary>The node's boot: select, verify, load, run the entry (never returns, like Main; named Run so the CLI keeps one entry point).</summary>
        public static void Run()
        {
            var flash = new FlashStorage();
            var assemblies = new VirtualAssemblies();
            BundleBootResult r = new BundleBoot(new BootSelector(flash), flash, flash, assemblies, ReleaseKey(flash))
                .Boot(nanoFramework.Runtime.Native.GC.Run(true));
            try
            {
                flash.WriteText(BundleBootResult.RecordFile, r.ToRecord());
            }
            catch (Exception)
            {
                // A full flash must not stop the boot, on the device either.
            }

            if (r.Rollback != null)
            {
                Log(r.Rollback);
            }

            if (r.Outcome == BundleBootResult.RebootNeeded)
            {
                Log("the runtime refused part of bundle (" + r.Error + "); rebooting onto a clean heap");
                nanoFramework.Runtime.Native.Power.RebootDevice();
                return;
            }

            if (r.Outcome == BundleBootResult.Bundle)
            {
                Log("booting bundle " + r.Version + " (seq " + r.Seq + ", slot " + r.Slot + (r.OnProbation ? ", on probation" : "") + ")");
                assemblies.RunEntry(r.Entry);
                return;
            }

            if (r.Error != null)
            {
                // The active bundle itself is broken: the factory app keeps the node reachable, as on the device.
                Log(r.Error);
            }

            Beacons.Firmware.Program.Main();
        }

        /// <summary>The store's release key from device.json (or the last good copy), or null.</summary>
        private static byte[] ReleaseKey(FlashStorage flash)
        {
            foreach (string name in new[] { ConfigStore.ConfigFile, ConfigStore.LastGoodFile })
            {
                string text = flash.ReadText(name);
                if (text == null)
                {
                    continue;
                }

                try
                {
                    string hex = DeviceConfig.Parse(text).ReleaseKeyHex;
                    return hex == null ? null : Beacons.Shared.Common.Hex.TryDecode(hex);
                }
                catch (Exception)
                {
                    // A config the app will report on: try the last good one.
                }
            }

            return null;
        }

        private static void Log(string message)
        {
            Debug.WriteLine("[loader] " + message);
        }

        /// <summary>The virtual device's Assembly.Load: heap charge, .pe marker check, the crash fixture.</summary>
        private sealed class VirtualAssemblies : IAssemblyLoader
        {
            private static readonly byte[] PeMarker = Encoding.ASCII.GetBytes("NFMRK2");
            private bool _entryCrashes;

            public void Load(string fileName, byte[] peBytes)
            {
                if (peBytes.Length < PeMarker.Length || !peBytes.AsSpan(0, PeMarker.Length).SequenceEqual(PeMarker))
                {
                    throw new BadImageFormatException(fileName + " is not a nanoFramework .pe");
                }

                VirtualNode.Current.ResidentBundleBytes += peBytes.Length;
                if (Encoding.ASCII.GetString(peBytes).Contains(CrashMarker, StringComparison.Ordinal))
                {
                    _entryCrashes = true;
                }
            }

            public void RunEntry(string assemblyName)
            {
                if (_entryCrashes)
                {
                    Log("the bundle's entry crashed during start-up (" + CrashMarker + "); the node resets");
                    System.Threading.Thread.Sleep(500);
                    nanoFramework.Runtime.Native.Power.RebootDevice();
                    return;
                }

                Beacons.Firmware.Program.Main();
            }
        }
    }
}
