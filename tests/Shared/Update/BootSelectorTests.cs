using Beacons.Shared.Update;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Update
{
    /// <summary>
    /// The loader's A/B decisions, each across a reboot: a new selector over the same storage stands for the next boot.
    /// </summary>
    [TestClass]
    public class BootSelectorTests
    {
        private static BootSelector Installed(MemoryStorage flash, long seq)
        {
            var s = new BootSelector(flash);
            Assert.IsNull(s.Stage(s.FreeSlot, seq));
            Assert.AreEqual(BootSelector.SlotA, new BootSelector(flash).SelectForBoot());
            s = new BootSelector(flash);
            s.SelectForBoot();
            return s;
        }

        [TestMethod]
        public void NothingInstalled_BootsNothing()
        {
            Assert.IsNull(new BootSelector(new MemoryStorage()).SelectForBoot());
        }

        [TestMethod]
        public void Trial_ConfirmedOnItsFirstBoot_BecomesActive()
        {
            var flash = new MemoryStorage();
            var boot1 = new BootSelector(flash);
            Assert.IsNull(boot1.Stage(BootSelector.SlotA, 41));
            var boot2 = new BootSelector(flash);
            Assert.AreEqual(BootSelector.SlotA, boot2.SelectForBoot());
            Assert.IsTrue(boot2.OnProbation);
            boot2.Confirm();

            var boot3 = new BootSelector(flash);
            Assert.AreEqual(BootSelector.SlotA, boot3.SelectForBoot());
            Assert.IsFalse(boot3.OnProbation);
            Assert.AreEqual(41L, boot3.ActiveSeq);
            Assert.AreEqual(BootSelector.SlotB, boot3.FreeSlot);
        }

        [TestMethod]
        public void Trial_CrashLoopsWithoutConfirming_RolledBackAfterTwoBootsAndNeverRetried()
        {
            var flash = new MemoryStorage();
            BootSelector s = Installed(flash, 41);
            s.Confirm();
            Assert.IsNull(new BootSelector(flash).Stage(BootSelector.SlotB, 42));

            // Two boots into the bad bundle, each dying before Confirm (a crash, a watchdog reset).
            Assert.AreEqual(BootSelector.SlotB, new BootSelector(flash).SelectForBoot());
            Assert.AreEqual(BootSelector.SlotB, new BootSelector(flash).SelectForBoot());

            var after = new BootSelector(flash);
            Assert.AreEqual(BootSelector.SlotA, after.SelectForBoot());
            Assert.IsNotNull(after.LastRollback);
            Assert.IsTrue(after.HasFailed(42));
            Assert.AreEqual(41L, after.ActiveSeq);

            // The same bundle again is refused; a fix under a new number is taken.
            Assert.IsNotNull(after.Stage(BootSelector.SlotB, 42));
            Assert.IsNull(after.Stage(BootSelector.SlotB, 43));
        }

        [TestMethod]
        public void Trial_OnePowerCutDuringProbation_GetsASecondBoot()
        {
            var flash = new MemoryStorage();
            Installed(flash, 41).Confirm();
            new BootSelector(flash).Stage(BootSelector.SlotB, 42);
            new BootSelector(flash).SelectForBoot(); // power cut before the health check
            var second = new BootSelector(flash);
            Assert.AreEqual(BootSelector.SlotB, second.SelectForBoot());
            second.Confirm();
            Assert.AreEqual(42L, new BootSelector(flash).ActiveSeq);
            Assert.AreEqual(BootSelector.SlotB, new BootSelector(flash).ActiveSlot);
        }

        [TestMethod]
        public void Reject_BadBundle_FailsAtOnceAndBootsTheActiveOne()
        {
            var flash = new MemoryStorage();
            Installed(flash, 41).Confirm();
            new BootSelector(flash).Stage(BootSelector.SlotB, 42);
            var boot = new BootSelector(flash);
            Assert.AreEqual(BootSelector.SlotB, boot.SelectForBoot());
            Assert.AreEqual(BootSelector.SlotA, boot.Reject("Beacons.Shared.pe: MAC mismatch"));
            Assert.IsTrue(new BootSelector(flash).HasFailed(42));
            Assert.AreEqual(BootSelector.SlotA, new BootSelector(flash).SelectForBoot());
        }

        [TestMethod]
        public void Stage_RefusesActiveSlotDowngradeAndBadSlot()
        {
            var flash = new MemoryStorage();
            BootSelector s = Installed(flash, 41);
            s.Confirm();
            Assert.IsNotNull(s.Stage(BootSelector.SlotA, 50), "the running slot");
            Assert.IsNotNull(s.Stage(BootSelector.SlotB, 41), "not newer");
            Assert.IsNotNull(s.Stage(BootSelector.SlotB, 40), "downgrade");
            Assert.IsNotNull(s.Stage("C", 50), "no such slot");
        }

        [TestMethod]
        public void Confirm_OutsideProbation_ChangesNothing()
        {
            var flash = new MemoryStorage();
            Installed(flash, 41).Confirm();
            new BootSelector(flash).Stage(BootSelector.SlotB, 42);

            // Staged but not yet booted: a confirmation from the old app must not promote the new bundle.
            var running = new BootSelector(flash);
            running.Confirm();
            Assert.AreEqual(41L, new BootSelector(flash).ActiveSeq);
        }

        [TestMethod]
        [DataRow("garbage")]
        [DataRow("active=C:1;trial=B:x:1")]
        [DataRow("active=A:41;trial=A:42:0")]
        [DataRow("")]
        public void Load_DamagedState_KeepsWhatParsesAndNeverBootsAHalfWrittenTrial(string text)
        {
            var flash = new MemoryStorage();
            flash.WriteText(BootSelector.FileName, text);
            var s = new BootSelector(flash);
            string slot = s.SelectForBoot();
            Assert.IsTrue(slot == null || slot == BootSelector.SlotA);
            Assert.IsFalse(s.OnProbation);
        }

        [TestMethod]
        public void FailedList_Bounded_OldestForgotten()
        {
            var flash = new MemoryStorage();
            Installed(flash, 1).Confirm();
            for (long seq = 2; seq < 2 + BootSelector.MaxFailed + 2; seq++)
            {
                var s = new BootSelector(flash);
                Assert.IsNull(s.Stage(s.FreeSlot, seq));
                var boot = new BootSelector(flash);
                boot.SelectForBoot();
                boot.Reject("bad");
            }

            var last = new BootSelector(flash);
            Assert.IsFalse(last.HasFailed(2));
            Assert.IsTrue(last.HasFailed(2 + BootSelector.MaxFailed + 1));
        }
    }
}
