using Beacons.Shared.Configuration;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Configuration
{
    [TestClass]
    public class ConfigStoreTests
    {
        private const string Good = DeviceConfigTests.Minimal;
        private const string BadLane = "{\"schema\":1,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"},\"colour\":1}";

        [TestMethod]
        [DataRow("\"statusIntervalS\":\"ten\"", "statusIntervalS")]
        [DataRow("\"statusIntervalS\":10.5", "statusIntervalS")]
        [DataRow("\"statusIntervalS\":1e400", "statusIntervalS")]
        [DataRow("\"configVersion\":99999999999999999999", "configVersion")]
        [DataRow("\"configVersion\":-1", "configVersion")]
        public void Load_BadReportingSettingWithUsableMqtt_SafeModeStillConnects(string member, string key)
        {
            var storage = new MemoryStorage();
            storage.WriteText(ConfigStore.ConfigFile, "{\"schema\":1,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"}," + member + "}");
            var store = new ConfigStore(storage);
            store.Load();

            Assert.IsTrue(store.SafeMode);
            Assert.IsNotNull(store.Config, "safe mode keeps the usable MQTT settings");
            Assert.AreEqual("10.0.0.5", store.Config.Mqtt.Host);
            Assert.IsTrue(store.Error.IndexOf(key) == 0, store.Error);
        }

        [TestMethod]
        public void Load_HugeUnknownKey_ErrorBoundedTo200Bytes()
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < 20000; i++)
            {
                sb.Append("k");
            }

            var storage = new MemoryStorage();
            storage.WriteText(ConfigStore.ConfigFile, "{\"schema\":1,\"store\":\"s001\",\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://10.0.0.5\"},\"" + sb.ToString() + "\":1}");
            var store = new ConfigStore(storage);
            store.Load();

            Assert.IsTrue(store.SafeMode);
            Assert.IsNotNull(store.Config);
            Assert.IsTrue(System.Text.Encoding.UTF8.GetBytes(store.Error).Length <= ConfigStore.MaxErrorBytes, store.Error.Length.ToString());
            Assert.IsTrue(store.Error.EndsWith("..."));
        }

        [TestMethod]
        public void Bounded_ControlCharactersEscaped_ShortTextKept()
        {
            Assert.AreEqual("a\\u0001b\\u001B: unknown key", ConfigStore.Bounded("a\u0001b\u001b: unknown key"));
            Assert.AreEqual("lanes[0].id: must be 1-16 characters", ConfigStore.Bounded("lanes[0].id: must be 1-16 characters"));
        }

        [TestMethod]
        public void Bounded_MultiByteText_CutOnCharacterBoundary()
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < 150; i++)
            {
                sb.Append("\u00e9");
            }

            string bounded = ConfigStore.Bounded(sb.ToString());
            int bytes = System.Text.Encoding.UTF8.GetBytes(bounded).Length;
            Assert.IsTrue(bytes <= ConfigStore.MaxErrorBytes && bytes >= ConfigStore.MaxErrorBytes - 4, bytes.ToString());
            Assert.IsTrue(bounded.EndsWith("..."));
        }

        [TestMethod]
        public void Load_Valid_UsesItAndSavesLastGood()
        {
            var storage = new MemoryStorage();
            storage.WriteText(ConfigStore.ConfigFile, Good);
            var store = new ConfigStore(storage);
            store.Load();
            Assert.IsFalse(store.SafeMode);
            Assert.AreEqual(ConfigStore.ConfigFile, store.Source);
            Assert.AreEqual(Good, storage.ReadText(ConfigStore.LastGoodFile));
            Assert.IsNull(store.Error);
        }

        [TestMethod]
        public void Load_InvalidWithLastGood_KeepsRunningOnLastGood()
        {
            var storage = new MemoryStorage();
            storage.WriteText(ConfigStore.LastGoodFile, Good);
            storage.WriteText(ConfigStore.ConfigFile, BadLane);
            var store = new ConfigStore(storage);
            store.Load();
            Assert.IsFalse(store.SafeMode);
            Assert.AreEqual(ConfigStore.LastGoodFile, store.Source);
            Assert.AreEqual("colour: unknown key", store.Error);
            Assert.AreEqual(Good, storage.ReadText(ConfigStore.LastGoodFile));
        }

        [TestMethod]
        public void Load_InvalidWithoutLastGood_SafeModeStillReachable()
        {
            var storage = new MemoryStorage();
            storage.WriteText(ConfigStore.ConfigFile, BadLane);
            var store = new ConfigStore(storage);
            store.Load();
            Assert.IsTrue(store.SafeMode);
            Assert.AreEqual("safe-mode", store.Source);
            Assert.IsNotNull(store.Config);
            Assert.AreEqual("10.0.0.5", store.Config.Mqtt.Host);
            Assert.IsNull(storage.ReadText(ConfigStore.LastGoodFile));
        }

        [TestMethod]
        public void Load_Missing_SafeModeWithoutConfig()
        {
            var store = new ConfigStore(new MemoryStorage());
            store.Load();
            Assert.IsTrue(store.SafeMode);
            Assert.IsNull(store.Config);
            Assert.AreEqual("device.json: missing", store.Error);
        }
    }
}
