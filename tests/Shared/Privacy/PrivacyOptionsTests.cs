using Beacons.Shared.Configuration;
using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class PrivacyOptionsTests
    {
        private const string Secret = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

        private static string KeyOf(string json)
        {
            try
            {
                PrivacyOptions.Read(ConfigSection.ParseDocument(json).Section("privacy"));
            }
            catch (ConfigException ex)
            {
                Assert.IsFalse(ex.Message.IndexOf("00112233") >= 0, "a config error must not echo the secret");
                return ex.Key;
            }

            return null;
        }

        [TestMethod]
        public void Read_Absent_Defaults()
        {
            PrivacyOptions o = PrivacyOptions.Read(null);
            Assert.AreEqual("none", o.ModeName);
            Assert.AreEqual(5, o.KAnonymity);
            Assert.AreEqual(24, o.EpochHours);
            Assert.AreEqual(0xFFFF, o.ConsentCompanyId);
            Assert.IsNull(o.StoreSecretHex);
        }

        [TestMethod]
        public void Read_Consented_Accepted()
        {
            PrivacyOptions o = PrivacyOptions.Read(ConfigSection.ParseDocument(
                "{\"privacy\":{\"identifiers\":\"consented\",\"kAnonymity\":3,\"epochHours\":12,\"storeSecret\":\"" + Secret + "\"}}").Section("privacy"));
            Assert.AreEqual("consented", o.ModeName);
            Assert.AreEqual(3, o.KAnonymity);
            Assert.AreEqual(12, o.EpochHours);
            Assert.AreEqual(32, o.StoreSecretBytes().Length);
        }

        [TestMethod]
        public void Read_BadValues_NameTheKey()
        {
            Assert.AreEqual("privacy.identifiers", KeyOf("{\"privacy\":{\"identifiers\":\"all\"}}"));
            Assert.AreEqual("privacy.kAnonymity", KeyOf("{\"privacy\":{\"kAnonymity\":1}}"));
            Assert.AreEqual("privacy.epochHours", KeyOf("{\"privacy\":{\"epochHours\":0}}"));
            Assert.AreEqual("privacy.epochHours", KeyOf("{\"privacy\":{\"epochHours\":169}}"));
            Assert.AreEqual("privacy.storeSecret", KeyOf("{\"privacy\":{\"identifiers\":\"consented\"}}"));
            Assert.AreEqual("privacy.storeSecret", KeyOf("{\"privacy\":{\"identifiers\":\"consented\",\"storeSecret\":\"0011223344\"}}"));
            Assert.AreEqual("privacy.storeSecret", KeyOf("{\"privacy\":{\"identifiers\":\"consented\",\"storeSecret\":\"" + Secret.Substring(2) + "zz\"}}"));
            Assert.AreEqual("privacy.consentCompanyId", KeyOf("{\"privacy\":{\"consentCompanyId\":70000}}"));
            Assert.AreEqual("privacy.kanonymity", KeyOf("{\"privacy\":{\"kanonymity\":5}}"));
        }

        [TestMethod]
        public void Validate_ConsentedWithoutSecret_Throws()
        {
            var o = new PrivacyOptions();
            o.Identifiers = IdentifierMode.Consented;
            Assert.ThrowsException(typeof(ConfigException), () => o.Validate());
        }
    }
}
