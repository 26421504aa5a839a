using System.Collections;
using System.Text;
using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    /// <summary>Every command payload gets one result, and forged ones never take the place of valid ones.</summary>
    [TestClass]
    public class CommandInboxTests
    {
        private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private const string OtherKey = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
        private const long Now = 1795000000;

        [TestMethod]
        public void TooLarge_AnsweredTooLarge()
        {
            var inbox = new CommandInbox(new CommandAuthenticator(Key, "n01"));
            inbox.Receive(new byte[CommandInbox.MaxPayloadBytes + 1], Now);

            AssertResultCode(inbox.TakeResult(), "too-large");
            Assert.IsNull(inbox.TakeCommand());
        }

        [TestMethod]
        public void FifthWaitingCommand_AnsweredBusy()
        {
            var inbox = new CommandInbox(new CommandAuthenticator(Key, "n01"));
            for (int i = 0; i < CommandInbox.MaxPendingCommands + 1; i++)
            {
                inbox.Receive(Signed(Key, "c" + i, "00000000000000a" + i), Now);
            }

            string busy = inbox.TakeResult();
            AssertResultCode(busy, "busy");
            Assert.IsTrue(busy.IndexOf("\"id\":\"c4\"") >= 0, busy);
            for (int i = 0; i < CommandInbox.MaxPendingCommands; i++)
            {
                Assert.AreEqual("c" + i, (string)inbox.TakeCommand()["id"]);
            }

            Assert.IsNull(inbox.TakeCommand());
        }

        [TestMethod]
        public void FloodOfForgedCommands_ValidOneStillQueued()
        {
            var inbox = new CommandInbox(new CommandAuthenticator(Key, "n01"));
            for (int i = 0; i < 10; i++)
            {
                inbox.Receive(Signed(OtherKey, "f" + i, "00000000000000b" + i), Now);
            }

            inbox.Receive(Signed(Key, "good", "00000000000000c1"), Now);

            Hashtable command = inbox.TakeCommand();
            Assert.IsNotNull(command, "the valid command after the flood is queued");
            Assert.AreEqual("good", (string)command["id"]);
            int results = 0;
            for (string r = inbox.TakeResult(); r != null; r = inbox.TakeResult())
            {
                AssertResultCode(r, "unauthorized");
                results++;
            }

            Assert.AreEqual(CommandInbox.MaxPendingResults, results);
            Assert.AreEqual(10L - CommandInbox.MaxPendingResults, inbox.Unanswered);
            Assert.AreEqual(10L, inbox.Rejected);
        }

        [TestMethod]
        public void NoCommandKey_Unauthorized()
        {
            var inbox = new CommandInbox(null);
            inbox.Receive(Signed(Key, "c1", "00000000000000d1"), Now);

            AssertResultCode(inbox.TakeResult(), "unauthorized");
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("{")]
        [DataRow("[1,2]")]
        [DataRow("{\"body\":42,\"sig\":\"00\"}")]
        public void Garbage_AnsweredMalformedOrUnauthorized(string payload)
        {
            var inbox = new CommandInbox(new CommandAuthenticator(Key, "n01"));
            inbox.Receive(Encoding.UTF8.GetBytes(payload), Now);

            string result = inbox.TakeResult();
            Assert.IsNotNull(result, "one result");
            Assert.IsTrue(result.IndexOf("\"ok\":false") >= 0, result);
            Assert.IsNull(inbox.TakeResult());
            Assert.IsNull(inbox.TakeCommand());
        }

        private static byte[] Signed(string key, string id, string nonce)
        {
            string body = "{\"id\":\"" + id + "\",\"device\":\"n01\",\"ts\":" + Now + ",\"nonce\":\"" + nonce + "\",\"cmd\":\"status\"}";
            return Encoding.UTF8.GetBytes(CommandAuthenticator.Sign(key, body));
        }

        private static void AssertResultCode(string result, string code)
        {
            Assert.IsNotNull(result);
            Assert.IsTrue(result.IndexOf("\"code\":\"" + code + "\"") >= 0, result);
        }
    }
}
