using Beacons.Shared.Messaging;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class BootRecordTests
    {
        [TestMethod]
        public void Start_CountsBootsAcrossRestarts()
        {
            var storage = new MemoryStorage();
            var first = new BootRecord(storage);
            first.Start();
            var second = new BootRecord(storage);
            second.Start();
            Assert.AreEqual(1L, first.Boot);
            Assert.AreEqual(2L, second.Boot);
            Assert.AreEqual("power-on", second.ResetReason);
        }

        [TestMethod]
        public void RecordPlannedReset_ReportedOnceOnNextBoot()
        {
            var storage = new MemoryStorage();
            new BootRecord(storage).Start();
            new BootRecord(storage).RecordPlannedReset("command");
            var next = new BootRecord(storage);
            next.Start();
            Assert.AreEqual("command", next.ResetReason);
            var after = new BootRecord(storage);
            after.Start();
            Assert.AreEqual("power-on", after.ResetReason);
        }

        [TestMethod]
        public void Start_CorruptCounter_StartsAtOne()
        {
            var storage = new MemoryStorage();
            storage.WriteText(BootRecord.CounterFile, "garbage");
            var boot = new BootRecord(storage);
            boot.Start();
            Assert.AreEqual(1L, boot.Boot);
        }
    }
}
