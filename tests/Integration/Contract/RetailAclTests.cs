using System;
using System.IO;
using System.Text;
using System.Threading;
using Beacons.Flash.Provisioning;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// deploy/mosquitto/retail-acl.conf, as tools/flash generates it per store, on a real mosquitto: each device is
    /// confined to its own subtree, store ops read only their store, and the password is enforced.
    /// </summary>
    [TestClass]
    public sealed class RetailAclTests
    {
        private static MosquittoBroker _broker;
        private static string _aclFile;

        [ClassInitialize]
        public static void StartBroker(TestContext _)
        {
            _aclFile = Path.Combine(Path.GetTempPath(), "retail-acl-" + Guid.NewGuid().ToString("N") + ".conf");
            string s002Ops = "user ops-s002\ntopic read retail/v1/s002/#\ntopic write retail/v1/s002/+/cmd\n";
            File.WriteAllText(_aclFile, AclBuilder.Build("s001", "retail/v1") + "\n" + s002Ops);
            var options = new MosquittoOptions { AllowAnonymous = false, AclFile = _aclFile };
            options.Users["s001/n01"] = "pw-s001-n01";
            options.Users["s001/n02"] = "pw-s001-n02";
            options.Users["s002/n01"] = "pw-s002-n01";
            options.Users["ops-s001"] = "pw-ops-s001";
            options.Users["pipeline"] = "pw-pipeline";
            _broker = MosquittoBroker.Start(options);
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
            File.Delete(_aclFile);
        }

        private static MqttProbe Login(string user, string password)
        {
            MqttProbe probe = MqttProbe.Plain(_broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, probe.Client.Connect(MqttProbe.NewId("acl"), user, password), user);
            return probe;
        }

        [TestMethod]
        public void Device_PublishesOnlyIntoItsOwnSubtree()
        {
            using MqttProbe pipeline = Login("pipeline", "pw-pipeline");
            pipeline.SubscribeAndWait("retail/v1/#", MqttQoSLevel.AtLeastOnce);
            using MqttProbe device = Login("s001/n01", "pw-s001-n01");

            device.Client.Publish("retail/v1/s002/n01/events/stock", Encoding.UTF8.GetBytes("forged"), null, null, MqttQoSLevel.AtLeastOnce, false);
            device.Client.Publish("retail/v1/s001/n02/events/stock", Encoding.UTF8.GetBytes("forged-neighbour"), null, null, MqttQoSLevel.AtLeastOnce, false);
            device.Client.Publish("retail/v1/s001/n01/events/stock", Encoding.UTF8.GetBytes("genuine"), null, null, MqttQoSLevel.AtLeastOnce, false);
            device.Client.Publish("retail/v1/s001/n01/zones/near", Encoding.UTF8.GetBytes("zone"), null, null, MqttQoSLevel.AtLeastOnce, false);

            MqttMsgPublishEventArgs first = pipeline.NextMessage();
            Assert.AreEqual("retail/v1/s001/n01/events/stock", first.Topic);
            Assert.AreEqual("genuine", Encoding.UTF8.GetString(first.Message));
            MqttMsgPublishEventArgs zone = pipeline.NextMessage();
            Assert.AreEqual("retail/v1/s001/n01/zones/near", zone.Topic, "a scanning node retains its zones' aggregates");
            Assert.IsFalse(pipeline.Received.TryTake(out MqttMsgPublishEventArgs extra, 1000), "forged message delivered: " + extra?.Topic);
        }

        [TestMethod]
        public void Device_ReadsOnlyItsOwnCommands()
        {
            using MqttProbe n01 = Login("s001/n01", "pw-s001-n01");
            n01.SubscribeAndWait("retail/v1/s001/n02/cmd", MqttQoSLevel.AtLeastOnce);
            n01.SubscribeAndWait("retail/v1/s001/n01/cmd", MqttQoSLevel.AtLeastOnce);
            using MqttProbe ops = Login("ops-s001", "pw-ops-s001");
            ops.Client.Publish("retail/v1/s001/n02/cmd", Encoding.UTF8.GetBytes("for n02"), null, null, MqttQoSLevel.AtLeastOnce, false);
            ops.Client.Publish("retail/v1/s001/n01/cmd", Encoding.UTF8.GetBytes("for n01"), null, null, MqttQoSLevel.AtLeastOnce, false);

            MqttMsgPublishEventArgs got = n01.NextMessage();
            Assert.AreEqual("retail/v1/s001/n01/cmd", got.Topic);
            Assert.IsFalse(n01.Received.TryTake(out _, 1000), "a device read another device's commands");
        }

        [TestMethod]
        public void StoreOps_ReadTheirStoreOnly()
        {
            using MqttProbe ops = Login("ops-s001", "pw-ops-s001");
            ops.SubscribeAndWait("retail/v1/#", MqttQoSLevel.AtLeastOnce);
            using MqttProbe other = Login("s002/n01", "pw-s002-n01");
            using MqttProbe own = Login("s001/n02", "pw-s001-n02");
            other.Client.Publish("retail/v1/s002/n01/status", Encoding.UTF8.GetBytes("s002"), null, null, MqttQoSLevel.AtLeastOnce, false);
            own.Client.Publish("retail/v1/s001/n02/status", Encoding.UTF8.GetBytes("s001"), null, null, MqttQoSLevel.AtLeastOnce, false);

            Assert.AreEqual("retail/v1/s001/n02/status", ops.NextMessage().Topic);
            Assert.IsFalse(ops.Received.TryTake(out _, 1000), "store ops read another store");
        }

        [TestMethod]
        public void WrongPassword_Refused()
        {
            using MqttProbe probe = MqttProbe.Plain(_broker.Port);
            MqttReasonCode code = probe.Client.Connect(MqttProbe.NewId("acl"), "s001/n01", "not-the-password");
            Assert.AreNotEqual(MqttReasonCode.Success, code);
            Assert.IsFalse(probe.Client.IsConnected);
        }
    }
}
