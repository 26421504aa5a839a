using System.IO;
using System.Text;
using Beacons.Tests.Integration.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>Credentials and ACLs: a broker refusal is a return code, never an exception.</summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class MqttAuthTests
    {
        private static MosquittoBroker _broker;
        private static string _aclFile;

        [ClassInitialize]
        public static void StartBroker(TestContext _)
        {
            _aclFile = Path.Combine(Path.GetTempPath(), "acl-" + System.Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(_aclFile, "user node\ntopic readwrite allowed/#\n\nuser admin\ntopic readwrite #\n");
            var options = new MosquittoOptions { AllowAnonymous = false, AclFile = _aclFile };
            options.Users["node"] = "s3cret";
            options.Users["admin"] = "adm1n";
            _broker = MosquittoBroker.Start(options);
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
            File.Delete(_aclFile);
        }

        [TestMethod]
        public void Connect_RightPassword_Succeeds()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect(MqttProbe.NewId("node"), "node", "s3cret"));
            Assert.IsTrue(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_WrongPassword_ReturnsRefusalCodeWithoutThrowing()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            MqttReasonCode code = client.Client.Connect(MqttProbe.NewId("node"), "node", "wrong");

            // mosquitto 2.x answers a bad password on MQTT 3.1.1 with CONNACK 0x05 "not authorised".
            Assert.AreEqual(MqttReasonCode.ConnectionRefusedNotAuthorized, code);
            Assert.IsFalse(client.Client.IsConnected);
            Assert.AreEqual(0, client.ClosedCount);
        }

        [TestMethod]
        public void Connect_AnonymousWhenNotAllowed_ReturnsRefusalCode()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            MqttReasonCode code = client.Client.Connect(MqttProbe.NewId("anon"));

            Assert.AreEqual(MqttReasonCode.ConnectionRefusedNotAuthorized, code);
            Assert.IsFalse(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_RefusedThenRightPassword_SameClientConnects()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);
            string id = MqttProbe.NewId("node");
            Assert.AreNotEqual(MqttReasonCode.Success, client.Client.Connect(id, "node", "wrong"));

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect(id, "node", "s3cret"));
            Assert.IsTrue(client.Client.IsConnected);
        }

        [TestMethod]
        public void Publish_OutsideAcl_IsDroppedByBroker_InsideIsDelivered()
        {
            using MqttProbe admin = MqttProbe.Plain(_broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, admin.Client.Connect(MqttProbe.NewId("admin"), "admin", "adm1n"));
            admin.SubscribeAndWait("#", MqttQoSLevel.AtLeastOnce);
            using MqttProbe node = MqttProbe.Plain(_broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, node.Client.Connect(MqttProbe.NewId("node"), "node", "s3cret"));

            node.Client.Publish("denied/x", Encoding.UTF8.GetBytes("no"), null, null, MqttQoSLevel.AtLeastOnce, false);
            node.Client.Publish("allowed/x", Encoding.UTF8.GetBytes("yes"), null, null, MqttQoSLevel.AtLeastOnce, false);

            // MQTT 3.1.1 has no negative PUBACK: both are "published", only one is routed.
            Assert.IsTrue(node.NextPublished().IsPublished);
            Assert.IsTrue(node.NextPublished().IsPublished);
            MqttMsgPublishEventArgs first = admin.NextMessage();
            Assert.AreEqual("allowed/x", first.Topic);
        }
    }
}
