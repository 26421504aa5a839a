using System.Text;
using Beacons.Shared.Messaging;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    /// <summary>Signed commands cannot be replayed across a reboot: the floor of accepted timestamps is kept on flash.</summary>
    [TestClass]
    public class CommandFloorTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private const long Now = 1795000000;

        [TestMethod]
        public void CapturedCommand_ReplayedAfterReboot_Replayed()
        {
            var flash = new MemoryStorage();
            byte[] captured = Signed("c1", Now, "0123456789abcdef");
            new CommandAuthenticator(Key, "n01", new CommandFloor(flash)).Verify(captured, Now);

            // The reboot: a new authenticator with empty nonce memory over the same flash, still inside the skew window.
            var afterReboot = new CommandAuthenticator(Key, "n01", new CommandFloor(flash));

            CommandAuthenticatorTests.AssertRejected(afterReboot, captured, Now + 20, "replayed");
        }

        [TestMethod]
        public void FreshCommand_AfterReboot_Accepted()
        {
            var flash = new MemoryStorage();
            new CommandAuthenticator(Key, "n01", new CommandFloor(flash)).Verify(Signed("c1", Now, "0123456789abcdef"), Now);
            var afterReboot = new CommandAuthenticator(Key, "n01", new CommandFloor(flash));

            Assert.AreEqual("c2", (string)afterReboot.Verify(Signed("c2", Now + 30, "0123456789abcdee"), Now + 30)["id"]);
        }

        [TestMethod]
        public void WithoutFloor_ReplayAfterReboot_WouldBeAccepted()
        {
            // What the floor prevents: RAM-only nonce memory forgets at reboot.
            byte[] captured = Signed("c1", Now, "0123456789abcdef");
            new CommandAuthenticator(Key, "n01").Verify(captured, Now);

            Assert.AreEqual("c1", (string)new CommandAuthenticator(Key, "n01").Verify(captured, Now + 20)["id"]);
        }

        [TestMethod]
        public void Writes_OnlyWhenTheFloorRises()
        {
            var flash = new MemoryStorage();
            var auth = new CommandAuthenticator(Key, "n01", new CommandFloor(flash));
            auth.Verify(Signed("c1", Now, "00000000000000a1"), Now);
            auth.Verify(Signed("c2", Now, "00000000000000a2"), Now);
            auth.Verify(Signed("c3", Now - 5, "00000000000000a3"), Now);
            auth.Verify(Signed("c4", Now + 1, "00000000000000a4"), Now + 1);

            Assert.AreEqual(2, flash.Writes);
            Assert.AreEqual((Now + 1).ToString(), flash.ReadText(CommandFloor.FileName));
        }

        [TestMethod]
        public void FlashWriteFails_CommandRefused()
        {
            var flash = new MemoryStorage();
            var auth = new CommandAuthenticator(Key, "n01", new CommandFloor(flash));
            flash.FailWrites = true;

            CommandAuthenticatorTests.AssertRejected(auth, Signed("c1", Now, "0123456789abcdef"), Now, "storage");
        }

        [TestMethod]
        [DataRow("garbage")]
        [DataRow("-5")]
        [DataRow("99999999999999999999999")]
        [DataRow("")]
        public void DamagedFloorFile_TreatedAsNoCommandYet(string content)
        {
            var flash = new MemoryStorage();
            flash.WriteText(CommandFloor.FileName, content);

            Assert.AreEqual(0L, new CommandFloor(flash).BootFloorTs);
        }

        private static byte[] Signed(string id, long ts, string nonce)
        {
            string body = "{\"id\":\"" + id + "\",\"device\":\"n01\",\"ts\":" + ts + ",\"nonce\":\"" + nonce + "\",\"cmd\":\"tare\",\"lane\":\"A1\"}";
            return Encoding.UTF8.GetBytes(CommandAuthenticator.Sign(Key, body));
        }
    }
}
