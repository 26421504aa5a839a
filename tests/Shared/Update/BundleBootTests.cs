using System;
using System.Security.Cryptography;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Update
{
    [TestClass]
    public class BundleBootTests
    {
        private static readonly byte[] Key = Hex.TryDecode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        private static readonly byte[] SharedPe = { 0x4E, 0x46, 0x4D, 0x52, 0x4B, 0x32, 1, 2, 3, 4 };
        private static readonly byte[] AppPe = { 0x4E, 0x46, 0x4D, 0x52, 0x4B, 0x32, 9, 8 };
        private const long Plenty = 1024 * 1024;

        /// <summary>Records loads; refuses a file whose name is in <see cref="Refuse"/>.</summary>
        private sealed class RecordingLoader : IAssemblyLoader
        {
            public string Loaded = "";
            public string Refuse;

            public void Load(string fileName, byte[] peBytes)
            {
                if (fileName == Refuse)
                {
                    throw new ArgumentException("bad image");
                }

                Loaded += fileName + ";";
            }

            public void RunEntry(string assemblyName)
            {
            }
        }

        private static string Entry(string name, byte[] bytes)
        {
            return "{\"name\":\"" + name + "\",\"size\":" + bytes.Length + ",\"mac\":\"" + Hex.Encode(HMACSHA256.HashData(Key, bytes)) + "\"}";
        }

        private static void Install(MemoryStorage flash, string slot, long seq, string version, int heapKb, byte[] key)
        {
            string body = "{\"bundle\":\"" + version + "\",\"seq\":" + seq + ",\"entry\":\"Beacons.Firmware\",\"heapKB\":" + heapKb
                + ",\"files\":[" + Entry("Beacons.Shared.pe", SharedPe) + "," + Entry("Beacons.Firmware.pe", AppPe) + "]}";
            flash.WriteText(BundleBoot.ManifestName(slot), SignedEnvelope.Seal(key, body));
            flash.Delete(BundleBoot.FileName(slot, "Beacons.Shared.pe"));
            flash.Delete(BundleBoot.FileName(slot, "Beacons.Firmware.pe"));
            flash.Append(BundleBoot.FileName(slot, "Beacons.Shared.pe"), SharedPe, 0, SharedPe.Length);
            flash.Append(BundleBoot.FileName(slot, "Beacons.Firmware.pe"), AppPe, 0, AppPe.Length);
        }

        /// <summary>A node whose slot A runs bundle 1 (confirmed) and slot B holds bundle 2 as the trial.</summary>
        private static MemoryStorage NodeWithTrial()
        {
            var flash = new MemoryStorage();
            Install(flash, "A", 1, "1.0.0", 40, Key);
            var selector = new BootSelector(flash);
            Assert.IsNull(selector.Stage("A", 1));
            selector.SelectForBoot();
            selector.Confirm();
            Install(flash, "B", 2, "1.1.0", 40, Key);
            Assert.IsNull(new BootSelector(flash).Stage("B", 2));
            return flash;
        }

        private static BundleBootResult Boot(MemoryStorage flash, RecordingLoader loader, long freeHeap)
        {
            return new BundleBoot(new BootSelector(flash), flash, flash, loader, Key).Boot(freeHeap);
        }

        [TestMethod]
        public void Boot_NothingStaged_RunsTheFactoryApp()
        {
            var loader = new RecordingLoader();
            BundleBootResult r = Boot(new MemoryStorage(), loader, Plenty);
            Assert.AreEqual(BundleBootResult.Factory, r.Outcome);
            Assert.AreEqual("factory", r.Version);
            Assert.AreEqual("", loader.Loaded);
        }

        [TestMethod]
        public void Boot_Trial_LoadsItsFilesInManifestOrderOnProbation()
        {
            var loader = new RecordingLoader();
            BundleBootResult r = Boot(NodeWithTrial(), loader, Plenty);
            Assert.AreEqual(BundleBootResult.Bundle, r.Outcome);
            Assert.AreEqual("B", r.Slot);
            Assert.AreEqual(2L, r.Seq);
            Assert.AreEqual("1.1.0", r.Version);
            Assert.AreEqual("Beacons.Firmware", r.Entry);
            Assert.IsTrue(r.OnProbation);
            Assert.AreEqual("Beacons.Shared.pe;Beacons.Firmware.pe;", loader.Loaded);
        }

        [TestMethod]
        public void Boot_TamperedTrialFile_RejectedBeforeAnyLoadAndTheActiveBundleBoots()
        {
            MemoryStorage flash = NodeWithTrial();
            byte[] bad = new byte[AppPe.Length];
            Array.Copy(AppPe, bad, bad.Length);
            bad[7] ^= 1;
            flash.Delete(BundleBoot.FileName("B", "Beacons.Firmware.pe"));
            flash.Append(BundleBoot.FileName("B", "Beacons.Firmware.pe"), bad, 0, bad.Length);
            var loader = new RecordingLoader();
            BundleBootResult r = Boot(flash, loader, Plenty);
            Assert.AreEqual(BundleBootResult.Bundle, r.Outcome);
            Assert.AreEqual("A", r.Slot);
            Assert.AreEqual(1L, r.Seq);
            Assert.IsFalse(r.OnProbation);
            Assert.AreEqual("bundle 2 rejected: Beacons.Firmware.pe does not match its MAC", r.Rollback);
            Assert.AreEqual("Beacons.Shared.pe;Beacons.Firmware.pe;", loader.Loaded);
            Assert.IsTrue(new BootSelector(flash).HasFailed(2));
        }

        [TestMethod]
        public void Boot_TrialSignedWithAnotherKey_Rejected()
        {
            MemoryStorage flash = NodeWithTrial();
            Install(flash, "B", 2, "1.1.0", 40, Hex.TryDecode("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"));
            BundleBootResult r = Boot(flash, new RecordingLoader(), Plenty);
            Assert.AreEqual("A", r.Slot);
            Assert.AreEqual("bundle 2 rejected: manifest: bad signature", r.Rollback);
        }

        [TestMethod]
        public void Boot_TrialTooBigForTheHeap_RefusedBeforeLoading()
        {
            MemoryStorage flash = NodeWithTrial();
            Install(flash, "B", 2, "1.1.0", 400, Key);
            var loader = new RecordingLoader();
            BundleBootResult r = Boot(flash, loader, 200 * 1024);
            Assert.AreEqual("A", r.Slot);
            Assert.AreEqual("bundle 2 rejected: bundle 1.1.0 needs 400 KB of heap, 200 KB free", r.Rollback);
            Assert.AreEqual("Beacons.Shared.pe;Beacons.Firmware.pe;", loader.Loaded);
        }

        [TestMethod]
        public void Boot_RuntimeRefusesTheTrialsSecondAssembly_RejectsAndAsksForAReboot()
        {
            MemoryStorage flash = NodeWithTrial();
            var loader = new RecordingLoader { Refuse = "Beacons.Firmware.pe" };
            BundleBootResult r = Boot(flash, loader, Plenty);
            Assert.AreEqual(BundleBootResult.RebootNeeded, r.Outcome);
            Assert.AreEqual("the runtime refused Beacons.Firmware.pe: bad image", r.Error);

            // The next boot, with a clean heap, runs the active bundle and never retries the failed one.
            var clean = new RecordingLoader();
            BundleBootResult next = Boot(flash, clean, Plenty);
            Assert.AreEqual(BundleBootResult.Bundle, next.Outcome);
            Assert.AreEqual("A", next.Slot);
            Assert.IsFalse(next.OnProbation);
        }

        [TestMethod]
        public void Boot_TrialNeverConfirmed_FallsBackAfterMaxTrialBoots()
        {
            MemoryStorage flash = NodeWithTrial();
            for (int i = 0; i < BootSelector.MaxTrialBoots; i++)
            {
                BundleBootResult crash = Boot(flash, new RecordingLoader(), Plenty);
                Assert.AreEqual("B", crash.Slot);
                Assert.IsTrue(crash.OnProbation);
            }

            BundleBootResult r = Boot(flash, new RecordingLoader(), Plenty);
            Assert.AreEqual("A", r.Slot);
            Assert.AreEqual(1L, r.Seq);
            Assert.AreEqual("bundle 2 was not confirmed healthy in " + BootSelector.MaxTrialBoots + " boots", r.Rollback);
            Assert.AreEqual("Beacons.Firmware", r.Entry);
        }

        [TestMethod]
        public void Boot_ActiveBundleBroken_NothingBootableWithTheReason()
        {
            var flash = new MemoryStorage();
            Install(flash, "A", 1, "1.0.0", 40, Key);
            var selector = new BootSelector(flash);
            selector.Stage("A", 1);
            selector.SelectForBoot();
            selector.Confirm();
            flash.Delete(BundleBoot.FileName("A", "Beacons.Shared.pe"));
            var loader = new RecordingLoader();
            BundleBootResult r = Boot(flash, loader, Plenty);
            Assert.AreEqual(BundleBootResult.NoBootable, r.Outcome);
            Assert.AreEqual("loader: no bootable bundle (slot A: Beacons.Shared.pe is missing)", r.Error);
            Assert.AreEqual("", loader.Loaded);
        }

        [TestMethod]
        public void Boot_NoReleaseKey_TrialRejectedActiveCannotBoot()
        {
            MemoryStorage flash = NodeWithTrial();
            BundleBootResult r = new BundleBoot(new BootSelector(flash), flash, flash, new RecordingLoader(), null).Boot(Plenty);
            Assert.AreEqual(BundleBootResult.NoBootable, r.Outcome);
            Assert.AreEqual("loader: no bootable bundle (slot A: no release key is provisioned on this device)", r.Error);
        }
    
        [TestMethod]
        public void Record_CarriesTheRollbackReasonToTheApp()
        {
            MemoryStorage flash = NodeWithTrial();
            for (int i = 0; i < BootSelector.MaxTrialBoots; i++)
            {
                string first = BundleBootResult.RollbackOf(Boot(flash, new RecordingLoader(), Plenty).ToRecord());
                Assert.IsNull(first);
            }

            string record = Boot(flash, new RecordingLoader(), Plenty).ToRecord();
            Assert.AreEqual("bundle 2 was not confirmed healthy in " + BootSelector.MaxTrialBoots + " boots", BundleBootResult.RollbackOf(record));
            Assert.IsTrue(record.IndexOf("slot=A\n") >= 0, record);
            Assert.IsNull(BundleBootResult.RollbackOf(null));
        }
    }
}
