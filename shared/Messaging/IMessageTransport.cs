namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The broker connection as the core sees it: bytes to topics, delivery confirmations, inbound messages. The
    /// firmware implements it over nanoFramework.M2Mqtt's MqttClient (MQTTnet's channel/formatter split: the core
    /// formats payloads and never touches a socket).
    /// </summary>
    public interface IMessageTransport
    {
        bool IsConnected { get; }

        /// <summary>
        /// Queues a message. Returns the MQTT message id (QoS 1), 0 for a QoS 0 message handed to the socket, or -1 when
        /// the transport could not take it (disconnected, in-flight queue full): the caller keeps it and retries.
        /// </summary>
        int Publish(string topic, byte[] payload, bool atLeastOnce, bool retain);

        /// <summary>Where delivery confirmations, inbound messages and connection loss are reported.</summary>
        void SetListener(ITransportListener listener);
    }

    /// <summary>Callbacks from an <see cref="IMessageTransport"/>; they may arrive on the transport's receive thread.</summary>
    public interface ITransportListener
    {
        /// <summary>The broker acknowledged the QoS 1 message with this id.</summary>
        void OnDelivered(int messageId);

        void OnMessage(string topic, byte[] payload);

        void OnConnectionLost();
    }
}
