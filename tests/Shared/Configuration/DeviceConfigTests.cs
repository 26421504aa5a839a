using Beacons.Shared.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Configuration
{
    [TestClass]
    public class DeviceConfigTests
    {
        internal const string Minimal = "{\"schema\":1,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"}}";

        [TestMethod]
        public void Parse_Minimal_AppliesDefaults()
        {
            DeviceConfig c = DeviceConfig.Parse(Minimal);
            Assert.AreEqual("s001", c.StoreId);
            Assert.AreEqual("n01", c.DeviceId);
            Assert.AreEqual(1, c.ConfigVersion);
            Assert.AreEqual("10.0.0.5", c.Mqtt.Host);
            Assert.AreEqual(1883, c.Mqtt.Port);
            Assert.IsFalse(c.Mqtt.Tls);
            Assert.AreEqual("s001/n01", c.Mqtt.Username);
            Assert.AreEqual("s001-n01", c.Mqtt.ClientId);
            Assert.AreEqual("retail/v1", c.Mqtt.TopicPrefix);
            Assert.AreEqual(30, c.Mqtt.KeepAliveS);
            Assert.IsNull(c.Wifi);
        }

        [TestMethod]
        public void Parse_DateLikeConfigVersion_KeptExactly()
        {
            DeviceConfig c = DeviceConfig.Parse("{\"schema\":1,\"configVersion\":20260521,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"}}");
            Assert.AreEqual(20260521, c.ConfigVersion);
        }

        [TestMethod]
        public void Parse_FractionAbove24Bits_NotWhole()
        {
            try
            {
                DeviceConfig.Parse("{\"schema\":1,\"configVersion\":16777216.5,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"}}");
                Assert.IsTrue(false, "accepted");
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual("configVersion", ex.Key);
            }
        }

        [TestMethod]
        public void Parse_TlsBroker_DefaultPortAndCaRequired()
        {
            DeviceConfig c = DeviceConfig.Parse("{\"schema\":1,\"store\":\"s1\",\"device\":\"d1\",\"mqtt\":{\"broker\":\"mqtts://broker.example\",\"caCertFile\":\"ca.pem\"}}");
            Assert.IsTrue(c.Mqtt.Tls);
            Assert.AreEqual(8883, c.Mqtt.Port);
            Assert.AreEqual("ca.pem", c.Mqtt.CaCertFile);
        }

        [TestMethod]
        [DataRow("{\"schema\":2,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"}}", "schema")]
        [DataRow("{\"schema\":1,\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"}}", "store")]
        [DataRow("{\"schema\":1,\"store\":\"S1\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"}}", "store")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"a/b\",\"mqtt\":{\"broker\":\"mqtt://h\"}}", "device")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\"}", "mqtt")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"http://h\"}}", "mqtt.broker")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h:99999\"}}", "mqtt.broker")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://u:p@h\"}}", "mqtt.broker")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtts://h\"}}", "mqtt.caCertFile")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\",\"keepAliveS\":2}}", "mqtt.keepAliveS")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\",\"keepAliveS\":\"30\"}}", "mqtt.keepAliveS")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\",\"topicPrefix\":\"a/#\"}}", "mqtt.topicPrefix")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\",\"pasword\":\"x\"}}", "mqtt.pasword")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"wifi\":{\"ssid\":\"x\",\"password\":\"short\"}}", "wifi.password")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"colour\":1}", "colour")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"commands\":{\"key\":\"abc\"}}", "commands.key")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"homeAssistant\":{\"discovery\":1}}", "homeAssistant.discovery")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"homeAssistant\":{\"discovery\":true,\"configurationUrl\":\"docs/mqtt.md\"}}", "homeAssistant.configurationUrl")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"homeAssistant\":{\"configurationUrl\":\"https://x/a b\"}}", "homeAssistant.configurationUrl")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"update\":{\"releaseKey\":\"00112233445566778899aabbccddeeff\"}}", "update.releaseKey")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"update\":{\"probationS\":5}}", "update.probationS")]
        [DataRow("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"update\":{\"key\":\"x\"}}", "update.key")]
        [DataRow("[1]", "(document)")]
        [DataRow("{\"schema\":1,", "(document)")]
        public void Parse_Invalid_NamesTheKey(string json, string key)
        {
            try
            {
                DeviceConfig.Parse(json);
                Assert.IsTrue(false, "accepted: " + json);
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual(key, ex.Key);
            }
        }

        [TestMethod]
        public void Parse_UpdateSection_ReleaseKeyAndProbation()
        {
            DeviceConfig c = DeviceConfig.Parse("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"update\":{\"releaseKey\":\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\",\"probationS\":15}}");
            Assert.AreEqual("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", c.ReleaseKeyHex);
            Assert.AreEqual(15, c.ProbationS);
            DeviceConfig none = DeviceConfig.Parse(Minimal);
            Assert.IsNull(none.ReleaseKeyHex);
            Assert.AreEqual(60, none.ProbationS);
        }

        [TestMethod]
        public void Parse_HomeAssistantConfigurationUrl_KeptForTheDeviceEntry()
        {
            DeviceConfig c = DeviceConfig.Parse("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"homeAssistant\":{\"discovery\":true,\"configurationUrl\":\"https://docs.example/mqtt.md\"}}");
            Assert.AreEqual("https://docs.example/mqtt.md", c.HomeAssistantConfigurationUrl);
            Assert.IsNull(DeviceConfig.Parse("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"}}").HomeAssistantConfigurationUrl);
        }

        [TestMethod]
        public void Parse_Invalid_ErrorNeverEchoesSecrets()
        {
            try
            {
                DeviceConfig.Parse("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\",\"password\":\"hunter2-secret\"},\"wifi\":{\"ssid\":\"x\",\"password\":\"tiny\"}}");
                Assert.IsTrue(false, "accepted");
            }
            catch (ConfigException ex)
            {
                Assert.DoesNotContains("hunter2", ex.Message);
                Assert.DoesNotContains("tiny", ex.Message);
            }
        }

        [TestMethod]
        public void ParseConnectivity_IgnoresOtherSections()
        {
            DeviceConfig c = DeviceConfig.ParseConnectivity("{\"schema\":1,\"store\":\"s\",\"device\":\"d\",\"mqtt\":{\"broker\":\"mqtt://h\"},\"lanes\":\"garbage\"}");
            Assert.AreEqual("h", c.Mqtt.Host);
        }
    }
}
