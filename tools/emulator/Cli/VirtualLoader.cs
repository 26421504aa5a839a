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
    /// The loader of the virtual device (docs/mqtt.md "Bundle delivery", docs/ota.md): what a node boots through, as
    /// the device boots through loader/. It follows the loader's flow on the node's own flash: BootSelector picks the
    /// slot, the signed manifest is opened with the release key from device.json, every file is read and verified, the
    /// bundle must fit the free heap, and each file is "loaded"; any failure rejects a trial bundle and boots the active
    /// one instead. No bundle ever installed (seq 0): the factory app, the firmware flashed with the node, runs.
    /// </summary>
    /// <remarks>
    /// <para>Assembly.Load cannot load a nanoFramework .pe on .NET, so loading is a physically honest stand-in: the
    /// bytes are charged to the node's virtual heap (they stay resident for the boot), bytes that do not start with the
    /// nanoFramework PE marker <c>NFMRK2</c> are refused (BadImageFormatException, as the device refuses them), and the
    /// entry that runs is the host-compiled firmware, whatever version the manifest names.</para>
    /// <para>Test fixture of the virtual device only: an entry file containing the ASCII marker
    /// <see cref="CrashMarker"/> makes the entry throw during start-up (a "bad build"). The loader then reboots the node,
    /// as the device's crash/watchdog reset would, so a crash-on-boot bundle spends its probation boots and is rolled
    /// back by BootSelector with nobody touching the node.</para>
    /// <para>Helper <c>loader</c>'s shared BundleBoot had not landed when this was written; this follows the same
    /// design (docs: update protocol) and should be swapped to BundleBoot + an IAssemblyLoader once it exists.</para>
    /// </remarks>
    public static class VirtualLoader
    {
        /// <summary>The marker that makes a test bundle's entry crash on the virtual device.</summary>
        public const string CrashMarker = "BEACONS-TEST-CRASH-ON-BOOT";

        private static readonly byte[] PeMarker = Encoding.ASCII.GetBytes("NFMRK2");

        /// <summary>The node's boot: select, verify, load, run the entry (never returns, like Main; named Run so the CLI keeps one entry point).</summary>
        public static void Run()
        {
            var flash = new FlashStorage();
            var selector = new BootSelector(flash);
            string slot = selector.SelectForBoot();
            if (selector.LastRollback != null)
            {
                Log(selector.LastRollback);
            }

            byte[] key = ReleaseKey(flash);
            bool crash = false;
            while (slot != null)
            {
                string reason = Load(flash, slot, key, out BundleManifest manifest, out crash);
                if (reason == null)
                {
                    Log("booting bundle " + manifest.Version + " (seq " + manifest.Seq + ", slot " + slot + (selector.OnProbation ? ", on probation" : "") + ")");
                    break;
                }

                if (!selector.OnProbation)
                {
                    // The active bundle itself is broken: nothing to fall back to but nanoff.
                    Log("loader: no bootable bundle (" + reason + ")");
                    return;
                }

                Log("bundle in slot " + slot + " rejected: " + reason);
                slot = selector.Reject(reason);
            }

            if (crash)
            {
                Log("the bundle's entry crashed during start-up (" + CrashMarker + "); the node resets");
                System.Threading.Thread.Sleep(500);
                nanoFramework.Runtime.Native.Power.RebootDevice();
                return;
            }

            Beacons.Firmware.Program.Main();
        }

        /// <summary>Verifies and "loads" the bundle in <paramref name="slot"/>; returns null when loaded, else why not.</summary>
        private static string Load(FlashStorage flash, string slot, byte[] key, out BundleManifest manifest, out bool crash)
        {
            crash = false;
            manifest = null;
            string text = flash.ReadText(slot + "-manifest.json");
            if (text == null)
            {
                return "no manifest in slot " + slot;
            }

            manifest = BundleManifest.Open(Encoding.UTF8.GetBytes(text), key, out string error);
            if (manifest == null)
            {
                return error;
            }

            var files = new byte[manifest.FileCount][];
            for (int i = 0; i < manifest.FileCount; i++)
            {
                files[i] = flash.ReadAll(slot + "-" + manifest.FileName(i));
                if (!manifest.VerifyFile(i, files[i], key))
                {
                    return manifest.FileName(i) + " does not match the manifest";
                }
            }

            VirtualNode node = VirtualNode.Current;
            string fits = manifest.CheckFits(nanoFramework.Runtime.Native.GC.Run(true));
            if (fits != null)
            {
                return fits;
            }

            for (int i = 0; i < files.Length; i++)
            {
                if (files[i].Length < PeMarker.Length || !StartsWith(files[i], PeMarker))
                {
                    node.ResidentBundleBytes = 0;
                    return "BadImageFormatException: " + manifest.FileName(i) + " is not a nanoFramework .pe";
                }

                node.ResidentBundleBytes += files[i].Length;
                if (manifest.FileName(i) == manifest.Entry + ".pe" && Encoding.ASCII.GetString(files[i]).Contains(CrashMarker, StringComparison.Ordinal))
                {
                    crash = true;
                }
            }

            return null;
        }

        private static bool StartsWith(byte[] bytes, byte[] prefix)
        {
            for (int i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The store's release key from device.json (or the last good copy), or null.</summary>
        private static byte[] ReleaseKey(FlashStorage flash)
        {
            foreach (string name in new[] { "device.json", "device.last-good.json" })
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
    }
}
