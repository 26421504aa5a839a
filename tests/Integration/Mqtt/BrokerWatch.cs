using System.Threading;
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>
    /// A test's independent eye on the broker: MQTTnet's ordinary client (MQTT 3.1.1), not the virtual device's
    /// M2Mqtt mirror, so a bug in the mirror cannot hide itself from the test that watches the firmware. Records
    /// every message received; waits fail the test on timeout.
    /// </summary>
    internal sealed class BrokerWatch : IDisposable
    {
        private readonly IMqttClient _client;
        private readonly int _port;

        private BrokerWatch(int port)
        {
            _port = port;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                MqttApplicationMessage m = e.ApplicationMessage;
                Received.Add(new WatchedMessage(m.Topic, m.Payload.ToArray(), m.Retain, m.QualityOfServiceLevel));
                return Task.CompletedTask;
            };
        }

        public BlockingCollection<WatchedMessage> Received { get; } = new BlockingCollection<WatchedMessage>();

        public bool IsConnected => _client.IsConnected;

        /// <summary>Plain TCP to 127.0.0.1, not yet connected.</summary>
        public static BrokerWatch Plain(int port) => new BrokerWatch(port);

        /// <summary>Connects with a clean session; returns the CONNACK result (a refusal is returned, not thrown).</summary>
        public MqttClientConnectResultCode TryConnect(string clientId, string username = null, string password = null)
        {
            MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", _port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(clientId)
                .WithCleanSession()
                .WithTimeout(MqttProbe.Patience);
            if (username != null)
            {
                options = options.WithCredentials(username, password);
            }

            return _client.ConnectAsync(options.Build()).GetAwaiter().GetResult().ResultCode;
        }

        /// <summary>Connects; asserts success.</summary>
        public BrokerWatch Connect(string clientId = null, string username = null, string password = null)
        {
            Assert.AreEqual(MqttClientConnectResultCode.Success, TryConnect(clientId ?? MqttProbe.NewId("watch"), username, password), username);
            return this;
        }

        /// <summary>Subscribes and waits for the SUBACK; asserts the broker granted the subscription.</summary>
        public void SubscribeAndWait(string topic, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
        {
            using var patience = new CancellationTokenSource(MqttProbe.Patience);
            MqttClientSubscribeResult result = _client.SubscribeAsync(topic, qos, patience.Token).GetAwaiter().GetResult();
            Assert.AreEqual(1, result.Items.Count);
            Assert.IsTrue(IsGranted(result), $"SUBACK for {topic}: refused");
        }

        /// <summary>Publishes and, for QoS 1/2, waits for the broker's acknowledgement.</summary>
        public void Publish(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool retain = false)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(qos)
                .WithRetainFlag(retain)
                .Build();
            using var patience = new CancellationTokenSource(MqttProbe.Patience);
            _client.PublishAsync(message, patience.Token).GetAwaiter().GetResult();
        }

        public WatchedMessage NextMessage() => MqttProbe.Take(Received, "PUBLISH from the broker");

        public void Dispose()
        {
            try
            {
                if (_client.IsConnected)
                {
                    // Bounded: a broker that has gone away must not hold a test's cleanup forever.
                    using var patience = new CancellationTokenSource(MqttProbe.Patience);
                    _client.DisconnectAsync(new MqttClientDisconnectOptions(), patience.Token).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                // Test cleanup.
            }

            _client.Dispose();
        }

        private static bool IsGranted(MqttClientSubscribeResult result)
        {
            foreach (MqttClientSubscribeResultItem item in result.Items)
            {
                if ((int)item.ResultCode > 2)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>One PUBLISH a <see cref="BrokerWatch"/> received.</summary>
    internal sealed class WatchedMessage
    {
        public WatchedMessage(string topic, byte[] message, bool retain, MqttQualityOfServiceLevel qos)
        {
            Topic = topic;
            Message = message;
            Retain = retain;
            Qos = qos;
        }

        public string Topic { get; }

        /// <summary>The payload bytes.</summary>
        public byte[] Message { get; }

        public bool Retain { get; }

        public MqttQualityOfServiceLevel Qos { get; }

        public string Text => Encoding.UTF8.GetString(Message);
    }
}
