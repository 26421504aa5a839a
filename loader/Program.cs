using System;
using System.Collections;
using Beacons.Firmware.Platform;
using Beacons.Loader.Platform;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Update;

namespace Beacons.Loader
{
    /// <summary>
    /// The boot loader flashed once with nanoff beside the factory app: picks the bundle (<see cref="BundleBoot"/>),
    /// loads it and runs its entry point. It carries its own copy of the few shared sources it needs instead of
    /// referencing Beacons.Shared, because a bundle brings its own Beacons.Shared and the two must not clash.
    /// </summary>
    public static class Program
    {
        /// <summary>The app deployed with the loader (and its fallback when no bundle can boot).</summary>
        public const string FactoryEntry = "Beacons.Firmware";

        // ConfigStore.ConfigFile: the loader does not carry the configuration reader, only this key of it.
        private const string ConfigFile = "device.json";

        public static void Main()
        {
            var flash = new FlashStorage();
            var loader = new DeviceAssemblyLoader();
            BundleBootResult r = new BundleBoot(new BootSelector(flash), flash, flash, loader, ReadReleaseKey(flash))
                .Boot(nanoFramework.Runtime.Native.GC.Run(true));
            Record(flash, r);
            if (r.Outcome == BundleBootResult.RebootNeeded)
            {
                nanoFramework.Runtime.Native.Power.RebootDevice();
                return;
            }

            if (r.Outcome == BundleBootResult.Bundle)
            {
                loader.RunEntry(r.Entry);
                return;
            }

            // Factory, or nothing bootable: the app nanoff deployed keeps the node reachable for the next release.
            if (r.Error != null)
            {
                Console.WriteLine(r.Error);
            }

            loader.RunEntry(FactoryEntry);
        }

        private static void Record(FlashStorage flash, BundleBootResult r)
        {
            try
            {
                flash.WriteText(BundleBootResult.RecordFile, r.ToRecord());
            }
            catch (Exception)
            {
                // A full flash must not stop the boot.
            }
        }

        /// <summary>update.releaseKey from the device configuration, or null (then only the factory app boots).</summary>
        private static byte[] ReadReleaseKey(FlashStorage flash)
        {
            try
            {
                string text = flash.ReadText(ConfigFile);
                var root = text == null ? null : JsonParser.Parse(text) as Hashtable;
                var update = root == null ? null : root["update"] as Hashtable;
                string hex = update == null ? null : update["releaseKey"] as string;
                byte[] key = hex == null ? null : Hex.TryDecode(hex);
                return key != null && key.Length >= 32 ? key : null;
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
