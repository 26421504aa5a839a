using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class PrivacyManifestTests
    {
        private const string Secret = "A0B1C2D3E4F5061728394A5B6C7D8E9FA0B1C2D3E4F5061728394A5B6C7D8E9F";

        [TestMethod]
        public void Write_Default_DescribesPolicy()
        {
            string m = PrivacyManifest.Write(new JsonWriter(256), new PrivacyOptions(), new ProximityOptions());
            Assert.AreEqual("{\"mode\":\"none\",\"epochHours\":24,\"k\":5,\"consentVersion\":1,\"companyId\":65535,"
                + "\"events\":\"aggregates-only\",\"bucketS\":300,\"retention\":{\"addresses\":\"per-boot-keyed-hash\","
                + "\"tokens\":\"not-read\",\"persisted\":\"none\",\"sessionTimeoutS\":20,\"maxSessions\":64}}", m);
        }

        [TestMethod]
        public void Write_Consented_NeverContainsTheSecret()
        {
            var p = new PrivacyOptions();
            p.Identifiers = IdentifierMode.Consented;
            p.StoreSecretHex = Secret;
            p.Validate();
            string m = PrivacyManifest.Write(new JsonWriter(256), p, new ProximityOptions());
            Assert.IsTrue(m.IndexOf("\"mode\":\"consented\"") >= 0);
            Assert.IsFalse(m.ToLower().IndexOf("a0b1c2d3") >= 0);
            Assert.IsFalse(m.IndexOf("A0B1C2D3") >= 0);
            Assert.IsFalse(m.IndexOf("oLHC0") >= 0, "base64 of the secret's first bytes");
            Assert.IsFalse(m.IndexOf("160,177") >= 0, "decimal bytes of the secret");
        }
    }
}
