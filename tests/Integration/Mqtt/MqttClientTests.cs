using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Beacons.Tests.Integration.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>The virtual device's M2Mqtt client against a real mosquitto (anonymous, plain TCP).</summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class MqttClientTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext _)
        {
            _broker = MosquittoBroker.Start();
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
        }

        [TestMethod]
        [DataRow(MqttQoSLevel.AtMostOnce)]
        [DataRow(MqttQoSLevel.AtLeastOnce)]
        [DataRow(MqttQoSLevel.ExactlyOnce)]
        public void Publish_EachQoS_RoundTripsThroughBroker(MqttQoSLevel qos)
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect();
            Assert.AreEqual(qos, subscriber.SubscribeAndWait(topic, qos));

            ushort id = publisher.Client.Publish(topic, Encoding.UTF8.GetBytes("hello " + qos), null, null, qos, false);

            Assert.AreNotEqual(0, id);
            MqttMsgPublishEventArgs received = subscriber.NextMessage();
            Assert.AreEqual(topic, received.Topic);
            Assert.AreEqual("hello " + qos, MqttProbe.Text(received));
            Assert.AreEqual(qos, received.QosLevel);
            Assert.IsFalse(received.Retain);
            if (qos != MqttQoSLevel.AtMostOnce)
            {
                MqttMsgPublishedEventArgs published = publisher.NextPublished();
                Assert.AreEqual(id, published.MessageId);
                Assert.IsTrue(published.IsPublished);
            }
        }

        [TestMethod]
        public void Publish_QoS0_RaisesNoPublishedEvent_LikeM2Mqtt()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);

            publisher.Client.Publish(topic, new byte[] { 1 });
            ushort confirmed = publisher.Client.Publish(topic, new byte[] { 2 }, null, null, MqttQoSLevel.AtLeastOnce, false);

            // Events are raised in order, so the QoS 1 confirmation would come after any QoS 0 one.
            Assert.AreEqual(confirmed, publisher.NextPublished().MessageId);
            Assert.AreEqual(0, publisher.Published.Count);
            Assert.AreEqual(1, subscriber.NextMessage().Message[0]);
            Assert.AreEqual(2, subscriber.NextMessage().Message[0]);
        }

        [TestMethod]
        public void Publish_Retained_IsDeliveredToLaterSubscriberWithRetainFlag()
        {
            string topic = MqttProbe.NewTopic();
            using (MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect())
            {
                publisher.Client.Publish(topic, Encoding.UTF8.GetBytes("kept"), null, null, MqttQoSLevel.AtLeastOnce, true);
                Assert.IsTrue(publisher.NextPublished().IsPublished);
            }

            using MqttProbe late = MqttProbe.Plain(_broker.Port).Connect();
            late.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);

            MqttMsgPublishEventArgs retained = late.NextMessage();
            Assert.AreEqual("kept", MqttProbe.Text(retained));
            Assert.IsTrue(retained.Retain);
        }

        [TestMethod]
        public void Publish_300KbPayload_ThreeByteRemainingLengthRoundTrips()
        {
            string topic = MqttProbe.NewTopic();
            byte[] payload = new byte[300_000];
            new Random(7).NextBytes(payload);
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);

            publisher.Client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, false);

            CollectionAssert.AreEqual(payload, subscriber.NextMessage().Message);
            Assert.IsTrue(publisher.NextPublished().IsPublished);
        }

        [TestMethod]
        public void Unsubscribe_RaisesUnsubscribed_AndStopsDelivery()
        {
            string gone = MqttProbe.NewTopic();
            string kept = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(gone, MqttQoSLevel.AtLeastOnce);
            subscriber.SubscribeAndWait(kept, MqttQoSLevel.AtLeastOnce);

            ushort id = subscriber.Client.Unsubscribe(new[] { gone });
            Assert.AreEqual(id, MqttProbe.Take(subscriber.Unsubscribed, "UNSUBACK"));
            publisher.Client.Publish(gone, new byte[] { 1 }, null, null, MqttQoSLevel.AtLeastOnce, false);
            publisher.Client.Publish(kept, new byte[] { 2 }, null, null, MqttQoSLevel.AtLeastOnce, false);

            // The broker handles one publisher's messages in order: the kept one arriving first proves the other was not sent.
            MqttMsgPublishEventArgs first = subscriber.NextMessage();
            Assert.AreEqual(kept, first.Topic);
        }

        [TestMethod]
        public void Publish_BeforeConnect_IsQueuedAndSentAfterConnect()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port);

            ushort id = publisher.Client.Publish(topic, Encoding.UTF8.GetBytes("early"), null, null, MqttQoSLevel.AtLeastOnce, false);
            Assert.IsFalse(publisher.Client.IsConnected);
            publisher.Connect();

            Assert.AreEqual("early", MqttProbe.Text(subscriber.NextMessage()));
            Assert.AreEqual(id, publisher.NextPublished().MessageId);
        }

        [TestMethod]
        public void Publish_InflightQueueFull_ThrowsInflightQueueFull()
        {
            string topic = MqttProbe.NewTopic();
            using var settings = new MqttSettingsOverride();
            settings.Settings.InflightQueueSize = 3;
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port);

            // Not connected yet, so nothing drains the queue.
            ushort[] ids = Enumerable.Range(0, 3)
                .Select(i => publisher.Client.Publish(topic, new byte[] { (byte)i }, null, null, MqttQoSLevel.AtLeastOnce, false))
                .ToArray();
            var full = Assert.ThrowsExactly<MqttClientException>(
                () => publisher.Client.Publish(topic, new byte[] { 9 }, null, null, MqttQoSLevel.AtLeastOnce, false));

            Assert.AreEqual(MqttClientErrorCode.InflightQueueFull, full.ErrorCode);
            publisher.Connect();
            CollectionAssert.AreEquivalent(ids, new[] { publisher.NextPublished(), publisher.NextPublished(), publisher.NextPublished() }.Select(p => p.MessageId).ToArray());
            publisher.Client.Publish(topic, new byte[] { 4 }, null, null, MqttQoSLevel.AtLeastOnce, false);
            Assert.IsTrue(publisher.NextPublished().IsPublished);
        }

        [TestMethod]
        public void Publish_FromManyThreads_AllDeliveredWithDistinctIds()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            using MqttProbe publisher = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);

            var ids = new System.Collections.Concurrent.ConcurrentBag<ushort>();
            System.Threading.Tasks.Parallel.For(0, 200, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
                ids.Add(publisher.Client.Publish(topic, BitConverter.GetBytes(i), null, null, MqttQoSLevel.AtLeastOnce, false)));

            Assert.AreEqual(200, ids.Distinct().Count());
            var seen = new bool[200];
            for (int i = 0; i < 200; i++)
            {
                seen[BitConverter.ToInt32(subscriber.NextMessage().Message, 0)] = true;
            }

            Assert.IsTrue(seen.All(s => s));
            CollectionAssert.AreEquivalent(ids.ToArray(), Enumerable.Range(0, 200).Select(_ => publisher.NextPublished().MessageId).ToArray());
        }

        [TestMethod]
        public void Connect_ShortKeepAlive_PingsKeepTheConnectionAlive()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe idle = MqttProbe.Plain(_broker.Port).Connect(keepAliveS: 1);

            // The broker drops a client silent for 1.5 keep-alive periods; PINGREQs must prevent that.
            System.Threading.Thread.Sleep(3500);

            Assert.IsTrue(idle.Client.IsConnected);
            Assert.AreEqual(0, idle.ClosedCount);
            idle.SubscribeAndWait(topic, MqttQoSLevel.AtMostOnce);
        }

        [TestMethod]
        public void Disconnect_SendsDisconnect_RaisesClosedOnce_AndSuppressesWill()
        {
            string willTopic = MqttProbe.NewTopic();
            using MqttProbe watcher = MqttProbe.Plain(_broker.Port).Connect();
            watcher.SubscribeAndWait(willTopic, MqttQoSLevel.AtLeastOnce);
            using MqttProbe leaver = MqttProbe.Plain(_broker.Port);
            Assert.AreEqual(MqttReasonCode.Success, leaver.Client.Connect(MqttProbe.NewId("leaver"), null, null, false, MqttQoSLevel.AtLeastOnce, true, willTopic, "gone", true, 60));
            Assert.IsTrue(leaver.Client.WillFlag);
            Assert.AreEqual(willTopic, leaver.Client.WillTopic);

            leaver.Client.Disconnect();

            Assert.IsFalse(leaver.Client.IsConnected);
            leaver.WaitClosed();
            using (MqttProbe marker = MqttProbe.Plain(_broker.Port).Connect())
            {
                marker.Client.Publish(willTopic, Encoding.UTF8.GetBytes("marker"), null, null, MqttQoSLevel.AtLeastOnce, false);
                Assert.IsTrue(marker.NextPublished().IsPublished);
            }

            Assert.AreEqual("marker", MqttProbe.Text(watcher.NextMessage()));
            leaver.Client.Dispose();
            Assert.AreEqual(1, leaver.ClosedCount);
        }

        [TestMethod]
        public void Close_WithoutDisconnect_BrokerPublishesWill()
        {
            string willTopic = MqttProbe.NewTopic();
            using MqttProbe watcher = MqttProbe.Plain(_broker.Port).Connect();
            watcher.SubscribeAndWait(willTopic, MqttQoSLevel.AtLeastOnce);
            using MqttProbe dropper = MqttProbe.Plain(_broker.Port);
            dropper.Client.Connect(MqttProbe.NewId("dropper"), null, null, false, MqttQoSLevel.AtLeastOnce, true, willTopic, "lost", true, 60);

            dropper.Client.Close();

            Assert.IsFalse(dropper.Client.IsConnected);
            Assert.AreEqual("lost", MqttProbe.Text(watcher.NextMessage()));
        }

        [TestMethod]
        public void Connect_ClientReconnects_SameInstanceWorksAgain()
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe subscriber = MqttProbe.Plain(_broker.Port).Connect();
            subscriber.SubscribeAndWait(topic, MqttQoSLevel.AtLeastOnce);
            using MqttProbe client = MqttProbe.Plain(_broker.Port).Connect("again");
            client.Client.Disconnect();
            client.WaitClosed();

            client.Connect("again");
            client.Client.Publish(topic, new byte[] { 5 }, null, null, MqttQoSLevel.AtLeastOnce, false);

            Assert.AreEqual(5, subscriber.NextMessage().Message[0]);
            Assert.IsTrue(client.NextPublished().IsPublished);
        }

        [TestMethod]
        public void Publish_InvalidArguments_ThrowLikeM2Mqtt()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            Assert.AreEqual(MqttClientErrorCode.TopicWildcard, Assert.ThrowsExactly<MqttClientException>(() => client.Client.Publish("a/+/b", new byte[0])).ErrorCode);
            Assert.AreEqual(MqttClientErrorCode.TopicWildcard, Assert.ThrowsExactly<MqttClientException>(() => client.Client.Publish("a/#", new byte[0])).ErrorCode);
            Assert.AreEqual(MqttClientErrorCode.TopicLength, Assert.ThrowsExactly<MqttClientException>(() => client.Client.Publish(string.Empty, new byte[0])).ErrorCode);
            Assert.ThrowsExactly<NotSupportedException>(() => client.Client.Publish("a", new byte[0], "application/json"));
            Assert.ThrowsExactly<NotSupportedException>(() => client.Client.Publish("a", new byte[0], null, new System.Collections.ArrayList { new UserProperty("k", "v") }));
            Assert.AreEqual(MqttClientErrorCode.TopicsQosLevelsNotMatch, Assert.ThrowsExactly<MqttClientException>(
                () => client.Client.Subscribe(new[] { "a", "b" }, new[] { MqttQoSLevel.AtMostOnce })).ErrorCode);
            Assert.AreEqual(0, client.Client.InflightCount);
        }

        [TestMethod]
        public void Connect_InvalidWillOrVersion5_Throws()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            Assert.AreEqual(MqttClientErrorCode.WillWrong, Assert.ThrowsExactly<MqttClientException>(
                () => client.Client.Connect("w", null, null, false, MqttQoSLevel.AtMostOnce, true, null, "x", true, 60)).ErrorCode);
            Assert.AreEqual(MqttClientErrorCode.InvalidClientId, Assert.ThrowsExactly<MqttClientException>(
                () => client.Client.Connect(string.Empty, false)).ErrorCode);
            client.Client.ProtocolVersion = MqttProtocolVersion.Version_5;
            Assert.ThrowsExactly<NotSupportedException>(() => client.Client.Connect("v5"));
            Assert.IsFalse(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_Version31_MQIsdpIsAccepted()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);
            client.Client.ProtocolVersion = MqttProtocolVersion.Version_3_1;

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect("v31-client"));
            Assert.IsTrue(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_NobodyListening_ThrowsMqttConnectionException()
        {
            int closedPort;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            using MqttProbe client = MqttProbe.Plain(closedPort);

            var ex = Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect("nobody"));
            StringAssert.StartsWith(ex.Message, "Socket exception connecting to the broker: ");
            Assert.IsInstanceOfType<SocketException>(ex.InnerException);
            Assert.IsFalse(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_NoConnackWithinTimeout_ThrowsMqttCommunicationException()
        {
            using var settings = new MqttSettingsOverride();
            settings.Settings.TimeoutOnConnection = 500;
            using var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            using MqttProbe client = MqttProbe.Plain(port);

            Assert.ThrowsExactly<MqttCommunicationException>(() => client.Client.Connect("silent"));
            Assert.IsFalse(client.Client.IsConnected);
            Assert.AreEqual(0, client.ClosedCount);
        }

        [TestMethod]
        public void Settings_IsProcessWideSingletonWithM2MqttDefaults()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            Assert.AreSame(MqttSettings.Instance, client.Client.Settings);
            Assert.AreEqual(1883, MqttSettings.BrokerDefaultPort);
            Assert.AreEqual(8883, MqttSettings.BrokerDefaultSslPort);
            Assert.AreEqual(30_000, MqttSettings.Instance.TimeoutOnReceiving);
            Assert.IsTrue(MqttSettings.Instance.ValidateServerCertificate);
            Assert.AreEqual(MqttProtocolVersion.Version_3_1_1, client.Client.ProtocolVersion);
        }
    }
}
