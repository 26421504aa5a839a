using System;
using System.IO;
using System.Text;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>Power cuts, broker crashes and restarts, frozen brokers, lost Wi-Fi: what the firmware will live through.</summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class MqttChaosTests
    {
        private MosquittoBroker _broker;
        private string _nodeFolder;

        [TestInitialize]
        public void StartBroker()
        {
            // Each test gets its own broker: several of them kill or freeze it.
            _broker = MosquittoBroker.Start();
            _nodeFolder = Path.Combine(Path.GetTempPath(), "mqtt-node-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        }

        [TestCleanup]
        public void StopBroker()
        {
            _broker?.Dispose();
            if (Directory.Exists(_nodeFolder))
            {
                Directory.Delete(_nodeFolder, true);
            }
        }

        [TestMethod]
        public void PowerOff_CutsSocketWithoutDisconnect_BrokerPublishesLastWill()
        {
            string willTopic = MqttProbe.NewTopic();
            using MqttProbe watcher = MqttProbe.Plain(_broker.Port).Connect();
            watcher.SubscribeAndWait(willTopic, MqttQoSLevel.AtLeastOnce);
            var node = new VirtualNode("n1", _nodeFolder);
            MqttProbe device;
            using (node.Enter())
            {
                device = new MqttProbe(new MqttClient("127.0.0.1", _broker.Port, false, null, null, MqttSslProtocols.None));
                MqttReasonCode code = device.Client.Connect("n1", null, null, true, MqttQoSLevel.AtLeastOnce, true, willTopic, "offline", true, 60);
                Assert.AreEqual(MqttReasonCode.Success, code);
            }

            node.PowerOff();

            MqttMsgPublishEventArgs will = watcher.NextMessage();
            Assert.AreEqual("offline", MqttProbe.Text(will));
            Assert.IsFalse(device.Client.IsConnected);

            // A dead CPU raises nothing, not even ConnectionClosed.
            Assert.AreEqual(0, device.ClosedCount);
        }

        [TestMethod]
        public void PowerOff_ThenBootAgain_NewClientConnectsWithSameClientId()
        {
            var node = new VirtualNode("n2", _nodeFolder);
            using (node.Enter())
            {
                var first = new MqttClient("127.0.0.1", _broker.Port, false, null, null, MqttSslProtocols.None);
                Assert.AreEqual(MqttReasonCode.Success, first.Connect("n2"));
            }

            node.PowerOff();
            node.Boot(() => { });
            using (node.Enter())
            {
                using MqttProbe second = new MqttProbe(new MqttClient("127.0.0.1", _broker.Port, false, null, null, MqttSslProtocols.None));
                Assert.AreEqual(MqttReasonCode.Success, second.Client.Connect("n2"));
                second.SubscribeAndWait(MqttProbe.NewTopic(), MqttQoSLevel.AtLeastOnce);
            }
        }

        [TestMethod]
        public void BrokerKilled_IsConnectedFalse_ConnectionClosedRaisedOnce()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect();

            _broker.Stop();

            client.WaitClosed();
            Assert.IsFalse(client.Client.IsConnected);
            client.Client.Close();
            client.Client.Dispose();
            Assert.AreEqual(1, client.ClosedCount);
        }

        [TestMethod]
        public void BrokerRestarted_NewConnectOnSameClient_PublishWorks()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect("survivor");
            _broker.Stop();
            client.WaitClosed();
            Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect("survivor"));

            _broker.Restart();
            using MqttProbe watcher = MqttProbe.Plain(_broker.Port).Connect();
            watcher.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);
            client.Connect("survivor");
            ushort id = client.Client.Publish(topic, Encoding.UTF8.GetBytes("back"), null, null, MqttQoSLevel.AtLeastOnce, false);

            Assert.AreEqual("back", MqttProbe.Text(watcher.NextMessage()));
            MqttMsgPublishedEventArgs published = client.NextPublished();
            Assert.AreEqual(id, published.MessageId);
            Assert.IsTrue(published.IsPublished);
        }

        [TestMethod]
        public void ConnectionLost_UnackedQoS1_IsDiscardedWithoutPublishedEvent()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect(keepAliveS: 0);
            _broker.Pause();
            client.Client.Publish(topic, new byte[] { 1 }, null, null, MqttQoSLevel.AtLeastOnce, false);
            client.Client.Publish(topic, new byte[] { 2 }, null, null, MqttQoSLevel.AtLeastOnce, false);

            _broker.Stop();
            client.WaitClosed();

            // M2Mqtt clears its in-flight queue on close: no IsPublished=false either; the firmware's outbox re-sends.
            Assert.AreEqual(0, client.Client.InflightCount);
            Assert.AreEqual(0, client.Published.Count);
        }

        [TestMethod]
        public void FrozenBroker_RetriesRunOut_PublishedWithIsPublishedFalse()
        {
            using var settings = new MqttSettingsOverride();
            settings.Settings.DelayOnRetry = 200;
            settings.Settings.AttemptsOnRetry = 2;
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect(keepAliveS: 0);
            _broker.Pause();

            ushort id = client.Client.Publish(MqttProbe.NewTopic(), new byte[] { 1 }, null, null, MqttQoSLevel.AtLeastOnce, false);

            MqttMsgPublishedEventArgs given = client.NextPublished();
            Assert.AreEqual(id, given.MessageId);
            Assert.IsFalse(given.IsPublished);
            Assert.AreEqual(0, client.Client.InflightCount);
            _broker.Resume();
        }

        [TestMethod]
        public void FrozenBroker_KeepAliveTimeout_ClosesConnection()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect(keepAliveS: 1);

            _broker.Pause();

            client.WaitClosed();
            Assert.IsFalse(client.Client.IsConnected);
            Assert.AreEqual(1, client.ClosedCount);
            _broker.Resume();
        }

        [TestMethod]
        public void WifiAway_ConnectFails_AndLiveConnectionDiesByKeepAlive()
        {
            var node = new VirtualNode("n3", _nodeFolder);
            using (node.Enter())
            {
                var client = new MqttProbe(new MqttClient("127.0.0.1", _broker.Port, false, null, null, MqttSslProtocols.None));
                Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect("n3", null, null, true, 1));

                node.WifiAvailable = false;

                client.WaitClosed();
                Assert.IsFalse(client.Client.IsConnected);
                var ex = Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect("n3"));
                StringAssert.StartsWith(ex.Message, "Socket exception connecting to the broker: ");

                node.WifiAvailable = true;
                Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect("n3"));
                client.Client.Dispose();
            }
        }
    }
}
