using System.Collections;
using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class PrivacyCommandTests
    {
        // The device's metadata processor cannot encode a null attribute argument, so DataRows name a missing key.
        private const string Absent = "(absent)";

        private static Hashtable Body(string identifiers, object k)
        {
            var h = new Hashtable();
            h["id"] = "c1";
            if (identifiers != null && identifiers != Absent)
            {
                h["identifiers"] = identifiers;
            }

            if (k != null && !Absent.Equals(k))
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
        [DataRow("maybe", Absent)]
        [DataRow(Absent, 1.0)]
        [DataRow(Absent, 2.5)]
        [DataRow("consented", Absent)]
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
