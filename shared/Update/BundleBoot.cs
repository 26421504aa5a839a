using System;
using System.Text;
using Beacons.Shared.Common;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// The loader's decision and work at boot: the slot <see cref="BootSelector"/> picks, its signed manifest, every
    /// file's MAC, whether the bundle fits the heap, then each assembly loaded in the manifest's order. A trial that
    /// fails any step is rejected (never retried) and the active bundle boots instead; hardware-free, so the same
    /// decisions run as NFUnitTests on the host and the interpreter.
    /// </summary>
    /// <remarks>
    /// Every file is read and verified before the first is loaded: a loaded assembly cannot be unloaded, so a trial that
    /// half-loads and then fails leaves the heap holding its assemblies, and loading the fallback's same-named
    /// assemblies beside them would clash. That case (the runtime refusing an image whose MAC was good) asks for a
    /// reboot rather than a fallback in the same boot.
    /// </remarks>
    public sealed class BundleBoot
    {
        /// <summary>Name of a slot's manifest file.</summary>
        public static string ManifestName(string slot)
        {
            return slot + "-manifest.json";
        }

        /// <summary>Name of one of a slot's files.</summary>
        public static string FileName(string slot, string peName)
        {
            return slot + "-" + peName;
        }

        private readonly BootSelector _selector;
        private readonly IStorage _text;
        private readonly IBlobStorage _blobs;
        private readonly IAssemblyLoader _loader;
        private readonly byte[] _releaseKey;

        /// <param name="releaseKey">The store's release key; null or short: only the factory app can boot.</param>
        public BundleBoot(BootSelector selector, IStorage text, IBlobStorage blobs, IAssemblyLoader loader, byte[] releaseKey)
        {
            _selector = selector;
            _text = text;
            _blobs = blobs;
            _loader = loader;
            _releaseKey = releaseKey;
        }

        /// <summary>
        /// Picks, verifies and loads the bundle for this boot. <paramref name="freeHeapBytes"/>: the managed heap free
        /// before any bundle is loaded. Never throws.
        /// </summary>
        public BundleBootResult Boot(long freeHeapBytes)
        {
            var result = new BundleBootResult();
            string slot = _selector.SelectForBoot();
            string rollback = _selector.LastRollback;
            while (true)
            {
                if (slot == null)
                {
                    result.Outcome = BundleBootResult.Factory;
                    result.Version = "factory";
                    result.Rollback = rollback;
                    return result;
                }

                bool trial = _selector.OnProbation;
                bool loadedAny;
                BundleManifest manifest;
                string error = Prepare(slot, freeHeapBytes, out manifest, out loadedAny);
                if (error == null)
                {
                    result.Outcome = BundleBootResult.Bundle;
                    result.Slot = slot;
                    result.Seq = manifest.Seq;
                    result.Version = manifest.Version;
                    result.Entry = manifest.Entry;
                    result.OnProbation = trial;
                    result.Rollback = rollback;
                    return result;
                }

                if (!trial)
                {
                    result.Outcome = BundleBootResult.NoBootable;
                    result.Error = "loader: no bootable bundle (slot " + slot + ": " + error + ")";
                    result.Rollback = rollback;
                    return result;
                }

                slot = _selector.Reject(error);
                rollback = _selector.LastRollback;
                if (loadedAny)
                {
                    result.Outcome = BundleBootResult.RebootNeeded;
                    result.Error = error;
                    result.Rollback = rollback;
                    return result;
                }
            }
        }

        private string Prepare(string slot, long freeHeapBytes, out BundleManifest manifest, out bool loadedAny)
        {
            loadedAny = false;
            manifest = null;
            string text = _text.ReadText(ManifestName(slot));
            if (text == null)
            {
                return "no manifest in slot " + slot;
            }

            string error;
            manifest = BundleManifest.Open(Encoding.UTF8.GetBytes(text), _releaseKey, out error);
            if (manifest == null)
            {
                return error;
            }

            error = manifest.CheckFits(freeHeapBytes);
            if (error != null)
            {
                return error;
            }

            var files = new byte[manifest.FileCount][];
            for (int i = 0; i < files.Length; i++)
            {
                files[i] = _blobs.ReadAll(FileName(slot, manifest.FileName(i)));
                if (files[i] == null)
                {
                    return manifest.FileName(i) + " is missing";
                }

                if (!manifest.VerifyFile(i, files[i], _releaseKey))
                {
                    return manifest.FileName(i) + " does not match its MAC";
                }
            }

            for (int i = 0; i < files.Length; i++)
            {
                try
                {
                    _loader.Load(manifest.FileName(i), files[i]);
                }
                catch (Exception ex)
                {
                    // Anything loaded so far stays resident whatever happens next.
                    loadedAny = i > 0;
                    string why = ex.Message;
                    return "the runtime refused " + manifest.FileName(i) + (why == null || why.Length == 0 ? "" : ": " + why);
                }

                files[i] = null;
            }

            return null;
        }
    }
}
