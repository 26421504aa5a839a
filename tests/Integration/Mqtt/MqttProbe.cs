using System;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>A virtual-device MqttClient that records every event it raises, with waits that fail the test on timeout.</summary>
    internal sealed class MqttProbe : IDisposable
    {
        public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
        private int _closedCount;

        public MqttProbe(MqttClient client)
        {
            Client = client;
            client.MqttMsgPublishReceived += (_, e) => Received.Add(e);
            client.MqttMsgPublished += (_, e) => Published.Add(e);
            client.MqttMsgSubscribed += (_, e) => Subscribed.Add(e);
            client.MqttMsgUnsubscribed += (_, e) => Unsubscribed.Add(e.MessageId);
            client.ConnectionClosed += (_, _) =>
            {
                Interlocked.Increment(ref _closedCount);
                Closed.Set();
            };
        }

        public MqttClient Client { get; }

        public BlockingCollection<MqttMsgPublishEventArgs> Received { get; } = new BlockingCollection<MqttMsgPublishEventArgs>();

        public BlockingCollection<MqttMsgPublishedEventArgs> Published { get; } = new BlockingCollection<MqttMsgPublishedEventArgs>();

        public BlockingCollection<MqttMsgSubscribedEventArgs> Subscribed { get; } = new BlockingCollection<MqttMsgSubscribedEventArgs>();

        public BlockingCollection<ushort> Unsubscribed { get; } = new BlockingCollection<ushort>();

        public ManualResetEventSlim Closed { get; } = new ManualResetEventSlim(false);

        public int ClosedCount => Volatile.Read(ref _closedCount);

        public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 10);

        public static string NewTopic() => "test/" + Guid.NewGuid().ToString("N").Substring(0, 12);

        /// <summary>Plain TCP client, not yet connected.</summary>
        public static MqttProbe Plain(int port) => new MqttProbe(new MqttClient("127.0.0.1", port, false, null, null, MqttSslProtocols.None));

        /// <summary>TLS client, not yet connected.</summary>
        public static MqttProbe Tls(string host, int port, X509Certificate ca, X509Certificate clientCert = null) =>
            new MqttProbe(new MqttClient(host, port, true, ca, clientCert, MqttSslProtocols.TLSv1_2));

        /// <summary>Connects anonymously with a clean session; asserts success.</summary>
        public MqttProbe Connect(string clientId = null, ushort keepAliveS = 60)
        {
            MqttReasonCode code = Client.Connect(clientId ?? NewId("probe"), null, null, true, keepAliveS);
            Assert.AreEqual(MqttReasonCode.Success, code);
            Assert.IsTrue(Client.IsConnected);
            return this;
        }

        /// <summary>Subscribes and waits for the SUBACK; returns the granted QoS.</summary>
        public MqttQoSLevel SubscribeAndWait(string topic, MqttQoSLevel qos)
        {
            ushort id = Client.Subscribe(new[] { topic }, new[] { qos });
            MqttMsgSubscribedEventArgs ack = Take(Subscribed, "SUBACK");
            Assert.AreEqual(id, ack.MessageId);
            Assert.AreEqual(1, ack.GrantedQoSLevels.Length);
            return ack.GrantedQoSLevels[0];
        }

        public MqttMsgPublishEventArgs NextMessage() => Take(Received, "PUBLISH from the broker");

        public MqttMsgPublishedEventArgs NextPublished() => Take(Published, "MqttMsgPublished");

        public void WaitClosed()
        {
            Assert.IsTrue(Closed.Wait(Patience), "ConnectionClosed was not raised");
        }

        public static T Take<T>(BlockingCollection<T> collection, string what)
        {
            if (!collection.TryTake(out T item, Patience))
            {
                Assert.Fail($"no {what} within {Patience.TotalSeconds} s");
            }

            return item;
        }

        public static string Text(MqttMsgPublishEventArgs e) => Encoding.UTF8.GetString(e.Message);

        public void Dispose()
        {
            try
            {
                Client.Dispose();
            }
            catch (Exception)
            {
                // Test cleanup.
            }
        }
    }
}
