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
