using System.Collections;
using System.Text;
using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class CommandAuthenticatorTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private const long Now = 1795000000;

        private static string Body(string id, string device, long ts, string nonce)
        {
            return "{\"id\":\"" + id + "\",\"device\":\"" + device + "\",\"ts\":" + ts + ",\"nonce\":\"" + nonce + "\",\"cmd\":\"tare\",\"lane\":\"A1\"}";
        }

        private static byte[] Signed(string body)
        {
            return Encoding.UTF8.GetBytes(CommandAuthenticator.Sign(Key, body));
        }

        [TestMethod]
        public void Verify_GoodCommand_ReturnsBody()
        {
            var auth = new CommandAuthenticator(Key, "n01");
            Hashtable body = auth.Verify(Signed(Body("c1", "n01", Now, "0123456789abcdef")), Now);
            Assert.AreEqual("tare", (string)body["cmd"]);
            Assert.AreEqual("A1", (string)body["lane"]);
        }

        [TestMethod]
        public void Verify_Replay_Rejected()
        {
            var auth = new CommandAuthenticator(Key, "n01");
            byte[] cmd = Signed(Body("c1", "n01", Now, "0123456789abcdef"));
            auth.Verify(cmd, Now);
            AssertRejected(auth, cmd, Now + 1, "replayed");
        }

        [TestMethod]
        public void Verify_Stale_Rejected()
        {
            var auth = new CommandAuthenticator(Key, "n01");
            AssertRejected(auth, Signed(Body("c1", "n01", Now - 301, "0123456789abcdef")), Now, "stale");
            AssertRejected(auth, Signed(Body("c2", "n01", Now + 301, "0123456789abcdee")), Now, "stale");
        }

        [TestMethod]
        public void Verify_TamperedBody_Unauthorized()
        {
            var auth = new CommandAuthenticator(Key, "n01");
            string envelope = CommandAuthenticator.Sign(Key, Body("c1", "n01", Now, "0123456789abcdef"));
            string tampered = envelope.Substring(0, envelope.IndexOf("A1")) + "A2" + envelope.Substring(envelope.IndexOf("A1") + 2);
            AssertRejected(auth, Encoding.UTF8.GetBytes(tampered), Now, "unauthorized");
        }

        [TestMethod]
        public void Verify_WrongKeyOrOtherDevice_Unauthorized()
        {
            var auth = new CommandAuthenticator("ff112233445566778899aabbccddeeff", "n01");
            AssertRejected(auth, Signed(Body("c1", "n01", Now, "0123456789abcdef")), Now, "unauthorized");
            var other = new CommandAuthenticator(Key, "n02");
            AssertRejected(other, Signed(Body("c1", "n01", Now, "0123456789abcdef")), Now, "unauthorized");
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("not json")]
        [DataRow("{\"body\":1,\"sig\":\"00\"}")]
        [DataRow("[]")]
        public void Verify_Garbage_Malformed(string payload)
        {
            var auth = new CommandAuthenticator(Key, "n01");
            AssertRejected(auth, Encoding.UTF8.GetBytes(payload), Now, "malformed");
        }

        [TestMethod]
        public void Verify_NonceMemoryFull_OlderCommandsRefused()
        {
            var auth = new CommandAuthenticator(Key, "n01");
            for (int i = 0; i < CommandAuthenticator.NonceMemory + 1; i++)
            {
                auth.Verify(Signed(Body("c" + i, "n01", Now + i, "00000000000000" + (10 + i).ToString())), Now);
            }

            // The first nonce was forgotten, but its timestamp is now below the floor.
            AssertRejected(auth, Signed(Body("c0", "n01", Now, "0000000000000010")), Now, "replayed");
        }

        internal static void AssertRejected(CommandAuthenticator auth, byte[] payload, long now, string code)
        {
            try
            {
                auth.Verify(payload, now);
                Assert.IsTrue(false, "accepted");
            }
            catch (CommandRejectedException ex)
            {
                Assert.AreEqual(code, ex.Code);
            }
        }
    }
}
