using System.Collections;
using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class PrivacyCommandTests
    {
        private static Hashtable Body(string identifiers, object k)
        {
            var h = new Hashtable();
            h["id"] = "c1";
            if (identifiers != null)
            {
                h["identifiers"] = identifiers;
            }

            if (k != null)
            {
                h["kAnonymity"] = k;
            }

            return h;
        }

        [TestMethod]
        public void FromCommand_ChangesOnlyWhatIsGiven()
        {
            var current = new PrivacyOptions { StoreSecretHex = "00112233445566778899aabbccddeeff" };
            PrivacyOptions next = PrivacyOptions.FromCommand(Body("consented", 10.0), current);
            Assert.AreEqual("consented", next.ModeName);
            Assert.AreEqual(10, next.KAnonymity);
            Assert.AreEqual(24, next.EpochHours);
            Assert.AreEqual(current.StoreSecretHex, next.StoreSecretHex);
            Assert.AreEqual("none", current.ModeName);
        }

        [TestMethod]
        [DataRow("maybe", null)]
        [DataRow(null, 1.0)]
        [DataRow(null, 2.5)]
        [DataRow("consented", null)]
        public void FromCommand_Invalid_RejectedWithoutChange(string identifiers, object k)
        {
            var current = new PrivacyOptions();
            try
            {
                PrivacyOptions.FromCommand(Body(identifiers, k), current);
                Assert.IsTrue(false, "accepted");
            }
            catch (CommandRejectedException ex)
            {
                Assert.AreEqual("invalid", ex.Code);
                Assert.AreEqual("none", current.ModeName);
            }
        }
    }
}
