using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Beacons.Firmware.Platform;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Firmware.Messaging
{
    /// <summary>
    /// <see cref="IMessageTransport"/> over nanoFramework.M2Mqtt. Owns one MqttClient per connection attempt (M2Mqtt
    /// cannot reconnect a closed client), connects with the retained Last Will on the status topic, and turns every
    /// library exception into a return value: a broker outage must never take the node's main loop down.
    /// </summary>
    public sealed class MqttLink : IMessageTransport, IChunkLink
    {
        private readonly MqttOptions _options;
        private readonly object _gate = new object();
        private MqttClient _client;
        private ITransportListener _listener;
        private X509Certificate _caCert;

        public MqttLink(MqttOptions options)
        {
            _options = options;
        }

        /// <summary>Why the last <see cref="Connect"/> failed (never contains the password), or null.</summary>
        public string LastError { get; private set; }

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public void SetListener(ITransportListener listener)
        {
            _listener = listener;
        }

        /// <summary>TLS checks the broker certificate's validity dates, which a 1970 clock fails.</summary>
        public bool NeedsWallClock
        {
            get { return _options.Tls; }
        }

        /// <summary>Opens a session with the Last Will registered; returns false with <see cref="LastError"/> set on failure.</summary>
        public bool Connect(string willTopic, string willPayload)
        {
            lock (_gate)
            {
                DropClient();
                MqttClient client = null;
                try
                {
                    if (_options.Tls)
                    {
                        if (_caCert == null)
                        {
                            _caCert = new X509Certificate(File.ReadAllBytes(StorageRoot.PathOf(_options.CaCertFile)));
                        }

                        client = new MqttClient(_options.Host, _options.Port, true, _caCert, null, MqttSslProtocols.TLSv1_2);
                    }
                    else
                    {
                        client = new MqttClient(_options.Host, _options.Port, false, null, null, MqttSslProtocols.None);
                    }

                    client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                    client.MqttMsgPublished += OnPublished;
                    client.MqttMsgPublishReceived += OnReceived;
                    client.ConnectionClosed += OnClosed;
                    MqttReasonCode code = client.Connect(
                        _options.ClientId,
                        _options.Username,
                        _options.Password,
                        true,
                        MqttQoSLevel.AtLeastOnce,
                        true,
                        willTopic,
                        willPayload,
                        true,
                        (ushort)_options.KeepAliveS);
                    if (code != MqttReasonCode.Success)
                    {
                        LastError = "broker refused the connection: reason code " + ((int)code).ToString();
                        DisposeQuietly(client);
                        return false;
                    }

                    _client = client;
                    LastError = null;
                    return true;
                }
                catch (Exception ex)
                {
                    LastError = "cannot reach the broker " + _options.Host + ":" + _options.Port + ": " + ex.Message;
                    DisposeQuietly(client);
                    return false;
                }
            }
        }

        public int Publish(string topic, byte[] payload, bool atLeastOnce, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return -1;
            }

            try
            {
                ushort id = client.Publish(topic, payload, null, null, atLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, retain);
                return atLeastOnce ? id : 0;
            }
            catch (Exception)
            {
                // In-flight queue full or the socket just died: the caller keeps the message.
                return -1;
            }
        }

        /// <summary>Convenience for small text payloads (status, command results).</summary>
        public int PublishText(string topic, string payload, bool atLeastOnce, bool retain)
        {
            return Publish(topic, Encoding.UTF8.GetBytes(payload), atLeastOnce, retain);
        }

        public bool Subscribe(string topic)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Ends a subscription (a bundle chunk fetched); false when the session cannot take it now.</summary>
        public bool Unsubscribe(string topic)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                client.Unsubscribe(new string[] { topic });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Ends the session with DISCONNECT, so the broker does not publish the Last Will.</summary>
        public void Disconnect()
        {
            lock (_gate)
            {
                MqttClient client = _client;
                _client = null;
                if (client == null)
                {
                    return;
                }

                try
                {
                    if (client.IsConnected)
                    {
                        client.Disconnect();
                    }
                }
                catch (Exception)
                {
                    // Already gone.
                }

                DisposeQuietly(client);
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null && e.IsPublished)
            {
                listener.OnDelivered(e.MessageId);
            }
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null)
            {
                listener.OnMessage(e.Topic, e.Message);
            }
        }

        private void OnClosed(object sender, EventArgs e)
        {
            ITransportListener listener = _listener;
            if (listener != null && sender == _client)
            {
                listener.OnConnectionLost();
            }
        }

        private void DropClient()
        {
            MqttClient old = _client;
            _client = null;
            DisposeQuietly(old);
        }

        private static void DisposeQuietly(MqttClient client)
        {
            if (client == null)
            {
                return;
            }

            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // Nothing useful to do with a failing close.
            }
        }
    }
}
