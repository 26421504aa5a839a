using System;
using System.Collections;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    /// <summary>
    /// Mirror of nanoFramework.M2Mqtt.Core's IMqttClient: the part of the client a firmware can depend on, so that
    /// shared code and tests can fake the broker connection. Member names, order and delegate nesting match 5.1.x.
    /// </summary>
    public interface IMqttClient
    {
        /// <summary>True between a successful CONNACK and the loss or close of that connection.</summary>
        public bool IsConnected { get; }

        /// <summary>(Re)initialises the client for a broker; certificates are PEM or DER bytes.</summary>
        void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);

        /// <summary>Connects and returns the broker's CONNACK code (a refusal is returned, not thrown).</summary>
        public MqttReasonCode Connect(
            string clientId,
            string username,
            string password,
            bool willRetain,
            MqttQoSLevel willQosLevel,
            bool willFlag,
            string willTopic,
            string willMessage,
            bool cleanSession,
            ushort keepAlivePeriod);

        /// <summary>Sends DISCONNECT (so no Last Will) and closes the connection.</summary>
        public void Disconnect();

        /// <summary>Queues a SUBSCRIBE; returns its message id.</summary>
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);

        /// <summary>Queues an UNSUBSCRIBE; returns its message id.</summary>
        public ushort Unsubscribe(string[] topics);

        /// <summary>Queues a PUBLISH; returns its message id.</summary>
        public ushort Publish(
            string topic,
            byte[] message,
            string contentType,
            ArrayList userProperties,
            MqttQoSLevel qosLevel,
            bool retain);

        /// <summary>Queues a QoS 0, not retained PUBLISH; contentType is MQTT v5 only.</summary>
        public ushort Publish(
            string topic,
            byte[] message,
            string contentType);

        /// <summary>Queues a QoS 0, not retained PUBLISH.</summary>
        public ushort Publish(
            string topic,
            byte[] message);

        /// <summary>Closes the connection without DISCONNECT (the broker publishes the Last Will).</summary>
        public void Close();

        /// <summary>Handler of a PUBLISH received from the broker.</summary>
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        /// <summary>Raised for each PUBLISH received from the broker.</summary>
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

        /// <summary>Handler of the end of an outgoing QoS 1/2 publish flow.</summary>
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        /// <summary>Raised when a QoS 1 PUBACK / QoS 2 PUBCOMP arrives, or when retries are exhausted (IsPublished false).</summary>
        public event MqttMsgPublishedEventHandler MqttMsgPublished;

        /// <summary>Handler of a SUBACK.</summary>
        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        /// <summary>Raised when the broker acknowledges a SUBSCRIBE.</summary>
        public event MqttMsgSubscribedEventHandler MqttMsgSubscribed;

        /// <summary>Handler of an UNSUBACK.</summary>
        public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

        /// <summary>Raised when the broker acknowledges an UNSUBSCRIBE.</summary>
        public event MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;

        /// <summary>Handler of the end of a connection.</summary>
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        /// <summary>Raised once when an established connection ends (peer gone, keep-alive timeout, Disconnect).</summary>
        public event ConnectionClosedEventHandler ConnectionClosed;
    }
}
