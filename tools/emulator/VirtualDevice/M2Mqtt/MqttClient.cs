using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.Mqtt;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    /// <summary>
    /// Mirror of nanoFramework.M2Mqtt 5.1.x's MqttClient, backed by a real MQTT 3.1/3.1.1 client over TCP or TLS:
    /// M2Mqtt's own session logic (in-flight queue, retries with DUP, drop after the last attempt, events) here, over
    /// MQTTnet's packet formatter and channel (<see cref="BrokerConnection"/>).
    /// </summary>
    /// <remarks>
    /// Behaviour copied from the device library, because the firmware depends on it:
    /// <list type="bullet">
    /// <item>Publish, Subscribe and Unsubscribe only queue (bounded by <see cref="MqttSettings.InflightQueueSize"/>)
    /// and return the message id at once; the queue drains only while connected, so messages queued while
    /// disconnected are sent after the next successful Connect.</item>
    /// <item>An unacknowledged QoS 1/2 message is written again (DUP set) every
    /// <see cref="MqttSettings.DelayOnRetry"/> ms, <see cref="MqttSettings.AttemptsOnRetry"/> writes in all; then it
    /// is dropped with MqttMsgPublished(IsPublished = false). QoS 0 publishes raise no MqttMsgPublished at all.</item>
    /// <item>When the connection ends (peer gone, keep-alive timeout, Disconnect, handler exception) the events
    /// already queued are delivered, then the in-flight queue is discarded WITHOUT any MqttMsgPublished event, and
    /// ConnectionClosed fires once. Only with cleanSession = false do QoS 1/2 publishes that were never written
    /// (and QoS 2 ones already past PUBREC) survive, to be sent after the next Connect with cleanSession = false.
    /// Everything else is the firmware's business: keep an outbox and publish again after reconnecting.</item>
    /// <item>Close and Dispose end the connection without DISCONNECT (the broker publishes the Last Will) and raise
    /// no ConnectionClosed; Disconnect sends DISCONNECT and does raise it.</item>
    /// <item>An exception thrown by an event handler closes the connection, as on the device.</item>
    /// <item>A QoS 2 message from the broker is delivered when its PUBREL arrives.</item>
    /// </list>
    /// Deliberate differences: topic and subscription arguments are validated in Publish/Subscribe/Unsubscribe
    /// (the device fails later, on the send thread, and drops the connection); MQTT 5 is not implemented
    /// (Connect throws NotSupportedException); the ConnectionOpened, ConnectionClosedRequest and Authentication
    /// events (MQTT 5 message types) are not mirrored.
    /// On a virtual node the client dies with the node's power (socket reset, no DISCONNECT, no more events) and,
    /// while the node's Wi-Fi is away, nothing gets through, so the keep-alive ends the connection as on the device.
    /// </remarks>
    public class MqttClient : IMqttClient, IDisposable
    {
        private const int MinTopicLength = 1;
        private const int MaxTopicLength = 65535;
        private const ushort KeepAlivePeriodDefault = 60;

        // Guards the queues, the session, the current link and the message id counter.
        private readonly object _sync = new object();

        // Serialises Connect calls (each one replaces the link).
        private readonly object _connectGate = new object();
        private readonly List<InflightMessage> _inflight = new List<InflightMessage>();

        // QoS 1/2 publishes of a persistent session (cleanSession = false), restored by the next such Connect.
        private readonly List<InflightMessage> _sessionMessages = new List<InflightMessage>();

        // Incoming QoS 2 messages between PUBREC and PUBREL, by message id.
        private readonly Dictionary<ushort, MqttMsgPublishEventArgs> _incomingQos2 = new Dictionary<ushort, MqttMsgPublishEventArgs>();
        private readonly VirtualNode _node;
        private string _brokerHostName;
        private int _brokerPort;
        private IPAddress _brokerAddress;
        private bool _secure;
        private X509Certificate _caCert;
        private X509Certificate _clientCert;
        private MqttSslProtocols _sslProtocol;
        private MqttSettings _settings;
        private bool _hasSession;
        private Link _link;
        private Link _connecting;
        private ushort _messageIdCounter;
        private volatile bool _poweredOff;

        // Written by the client's threads, read by the firmware's.
        private volatile bool _isConnected;

        /// <summary>Creates a non-secure client for port 1883; resolves the host name now.</summary>
        /// <param name="brokerHostName">Broker host name or IP address.</param>
        public MqttClient(string brokerHostName)
            : this(brokerHostName, MqttSettings.BrokerDefaultPort, false, null, null, MqttSslProtocols.None)
        {
        }

        /// <summary>Creates a client; resolves the host name now (DNS failures throw here).</summary>
        /// <param name="brokerHostName">Broker host name or IP address; with TLS it must match the server certificate.</param>
        /// <param name="brokerPort">Broker TCP port, 1..65535.</param>
        /// <param name="secure">Whether to use TLS.</param>
        /// <param name="caCert">The only CA trusted for the server certificate; null uses the platform roots.</param>
        /// <param name="clientCert">Client certificate (with private key) for mutual TLS, or null.</param>
        /// <param name="sslProtocol">TLS version: None (platform default), TLSv1_2 or TLSv1_3.</param>
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            _node = VirtualNode.CurrentOrNull;
            if (_node != null)
            {
                // The node's list keeps only a weak handle, so a firmware that makes a client per attempt leaks nothing big.
                var self = new WeakReference<MqttClient>(this);
                _node.OnPowerLoss(() =>
                {
                    if (self.TryGetTarget(out MqttClient client))
                    {
                        client.CutPower();
                    }
                });
            }

            Init(brokerHostName, brokerPort, secure, caCert, clientCert, sslProtocol);
        }

        /// <summary>Handler of a PUBLISH received (declared by MqttClient too, as in M2Mqtt).</summary>
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        /// <summary>Handler of the end of a publish flow.</summary>
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        /// <summary>Handler of a SUBACK.</summary>
        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        /// <summary>Handler of an UNSUBACK.</summary>
        public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

        /// <summary>Handler of the end of a connection.</summary>
        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        /// <summary>Raised (on the client's event thread) for each PUBLISH received.</summary>
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

        /// <summary>Raised when a QoS 1 PUBACK or QoS 2 PUBCOMP arrives, or the retries ran out (IsPublished false).</summary>
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;

        /// <summary>Raised when a SUBACK arrives.</summary>
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;

        /// <summary>Raised when an UNSUBACK arrives.</summary>
        public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;

        /// <summary>Raised once when an established connection ends (not after Close or Dispose).</summary>
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

        /// <summary>True between a successful CONNACK and the end of that connection.</summary>
        public bool IsConnected
        {
            get { return _isConnected; }
            private set { _isConnected = value; }
        }

        /// <summary>Client id of the last successful Connect.</summary>
        public string ClientId { get; private set; }

        /// <summary>Clean session flag of the last successful Connect.</summary>
        public bool CleanSession { get; private set; }

        /// <summary>Will flag of the last successful Connect.</summary>
        public bool WillFlag { get; private set; }

        /// <summary>Will QoS of the last successful Connect.</summary>
        public MqttQoSLevel WillQosLevel { get; private set; }

        /// <summary>Will topic of the last successful Connect.</summary>
        public string WillTopic { get; private set; }

        /// <summary>Will message of the last successful Connect.</summary>
        public string WillMessage { get; private set; }

        /// <summary>Protocol version used by Connect; 3.1.1 by default. Version_5 is not supported here.</summary>
        public MqttProtocolVersion ProtocolVersion { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public string AuthenticationMethod { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public byte[] AuthenticationData { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public uint SessionExpiryInterval { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public bool RequestProblemInformation { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public bool RequestResponseInformation { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;

        /// <summary>MQTT v5 only.</summary>
        public ushort TopicAliasMaximum { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public uint WillDelayInterval { get; set; }

        /// <summary>MQTT v5 only.</summary>
        public ArrayList UserProperties { get; internal set; } = new ArrayList();

        /// <summary>MQTT v5 only.</summary>
        public uint MaximumPacketSize { get; set; }

        /// <summary>MQTT v5 only; must stay false with 3.1.1.</summary>
        public bool IsAuthenticationFlow { get; set; } = false;

        /// <summary>The process-wide <see cref="MqttSettings.Instance"/>.</summary>
        public MqttSettings Settings => _settings;

        /// <summary>(Re)initialises broker address and TLS material; certificates as PEM or DER bytes.</summary>
        public void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol) =>
            Init(brokerHostName, brokerPort, secure, caCert == null ? null : LoadCertificate(caCert), clientCert == null ? null : LoadCertificate(clientCert), sslProtocol);

        /// <summary>Connects with a clean session, no credentials, no will and a 60 s keep-alive.</summary>
        public MqttReasonCode Connect(string clientId)
        {
            return Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, KeepAlivePeriodDefault);
        }

        /// <summary>Connects without credentials or will, with a 60 s keep-alive.</summary>
        public MqttReasonCode Connect(string clientId, bool cleanSession)
        {
            return Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, KeepAlivePeriodDefault);
        }

        /// <summary>Connects with credentials, a clean session and a 60 s keep-alive.</summary>
        public MqttReasonCode Connect(string clientId, string username, string password)
        {
            return Connect(clientId, username, password, false, MqttQoSLevel.AtMostOnce, false, null, null, true, KeepAlivePeriodDefault);
        }

        /// <summary>Connects with credentials and no will.</summary>
        public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod)
        {
            return Connect(clientId, username, password, false, MqttQoSLevel.AtMostOnce, false, null, null, cleanSession, keepAlivePeriod);
        }

        /// <summary>
        /// Opens the connection and waits for the CONNACK. A broker refusal is returned (IsConnected stays false);
        /// a socket or TLS failure throws <see cref="MqttConnectionException"/>; no CONNACK within
        /// <see cref="MqttSettings.TimeoutOnConnection"/> ms throws <see cref="MqttCommunicationException"/>.
        /// </summary>
        /// <param name="keepAlivePeriod">Seconds; 0 turns the keep-alive off.</param>
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
            ushort keepAlivePeriod)
        {
            HaltIfPoweredOff();
            if (ProtocolVersion == MqttProtocolVersion.Version_5 || IsAuthenticationFlow)
            {
                throw new NotSupportedException("The virtual device's M2Mqtt speaks MQTT 3.1/3.1.1 only.");
            }

            if (clientId == null)
            {
                throw new ArgumentNullException(nameof(clientId));
            }

            ValidateConnect(clientId, willRetain, willQosLevel, willFlag, willTopic, willMessage, cleanSession);

            // M2Mqtt sends the user name and password only when non-empty; so does this client.
            var connect = new MqttConnectPacket
            {
                ClientId = clientId,
                Username = string.IsNullOrEmpty(username) ? null : username,
                Password = string.IsNullOrEmpty(password) ? null : System.Text.Encoding.UTF8.GetBytes(password),
                CleanSession = cleanSession,
                KeepAlivePeriod = keepAlivePeriod,
                WillFlag = willFlag,
                WillRetain = willFlag && willRetain,
                WillQoS = willFlag ? (MqttQualityOfServiceLevel)willQosLevel : MqttQualityOfServiceLevel.AtMostOnce,
                WillTopic = willFlag ? willTopic : null,
                WillMessage = willFlag ? System.Text.Encoding.UTF8.GetBytes(willMessage) : null,
            };

            lock (_connectGate)
            {
                // M2Mqtt stops the workers of a previous connection before starting new ones; no event for that one.
                DropLink(CurrentLink(), false);
                BrokerConnection channel = OpenChannel();
                var link = new Link(channel, keepAlivePeriod * 1000);
                lock (_sync)
                {
                    _connecting = link;
                }

                if (_poweredOff)
                {
                    // Power went while the socket was opening, before CutPower could see this link: reset it now,
                    // or the broker would hold a live session (and the Last Will) until its keep-alive ran out.
                    link.Silenced = true;
                    CloseLink(link, false);
                    HaltIfPoweredOff();
                }

                try
                {
                    StartThread(() => ReceiveLoop(link), "receive");
                    StartThread(() => DispatchLoop(link), "events");
                    try
                    {
                        Send(link, connect);
                    }
                    catch (Exception ex)
                    {
                        throw new MqttCommunicationException(ex);
                    }

                    bool answered = link.ConnAckArrived.Wait(_settings.TimeoutOnConnection);
                    HaltIfPoweredOff();
                    if (!answered)
                    {
                        throw new MqttCommunicationException();
                    }

                    if (link.ConnAckCode < 0)
                    {
                        // The broker closed the socket (or sent garbage) instead of answering.
                        throw link.ReceiveError == null ? new MqttCommunicationException() : new MqttCommunicationException(link.ReceiveError);
                    }

                    var code = (MqttReasonCode)link.ConnAckCode;
                    if (code != MqttReasonCode.Success)
                    {
                        return code;
                    }

                    lock (_sync)
                    {
                        ClientId = clientId;
                        CleanSession = cleanSession;
                        WillFlag = willFlag;
                        WillTopic = willTopic;
                        WillMessage = willMessage;
                        WillQosLevel = willQosLevel;
                        RestoreSession(cleanSession);
                        link.Established = true;
                        if (!link.Closed)
                        {
                            _link = link;
                            IsConnected = true;
                        }
                    }

                    StartThread(() => SendLoop(link), "send");
                    return code;
                }
                finally
                {
                    lock (_sync)
                    {
                        _connecting = null;
                        link.ConnectFinished = true;
                    }

                    if (!link.Established)
                    {
                        CloseLink(link, true);
                    }

                    link.Wake();
                }
            }
        }

        /// <summary>Sends DISCONNECT (the broker discards the Last Will), closes, and raises ConnectionClosed.</summary>
        public void Disconnect()
        {
            HaltIfPoweredOff();
            Link link = CurrentLink();
            if (link == null)
            {
                throw new MqttCommunicationException(new SocketException((int)SocketError.NotConnected));
            }

            try
            {
                Send(link, new MqttDisconnectPacket());
            }
            catch (Exception ex)
            {
                CloseLink(link, true);
                throw new MqttCommunicationException(ex);
            }

            CloseLink(link, true);
        }

        /// <summary>Closes the connection without DISCONNECT and discards the in-flight queue; no ConnectionClosed.</summary>
        public void Close()
        {
            HaltIfPoweredOff();
            DropLink(CurrentLink(), true);
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            HaltIfPoweredOff();
            DropLink(CurrentLink(), true);
        }

        /// <summary>Queues a SUBSCRIBE; returns its message id. When the in-flight queue is full it is dropped, as on the device.</summary>
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            HaltIfPoweredOff();
            if (topics == null || topics.Length == 0)
            {
                throw new MqttClientException(MqttClientErrorCode.TopicsEmpty);
            }

            if (qosLevels == null || qosLevels.Length == 0)
            {
                throw new MqttClientException(MqttClientErrorCode.QosLevelsEmpty);
            }

            if (topics.Length != qosLevels.Length)
            {
                throw new MqttClientException(MqttClientErrorCode.TopicsQosLevelsNotMatch);
            }

            foreach (string topic in topics)
            {
                CheckTopicLength(topic);
            }

            foreach (MqttQoSLevel qos in qosLevels)
            {
                if (qos > MqttQoSLevel.ExactlyOnce)
                {
                    throw new MqttClientException(MqttClientErrorCode.QosNotAllowed);
                }
            }

            lock (_sync)
            {
                ushort id = NextMessageId();
                var subscribe = new MqttSubscribePacket { PacketIdentifier = id };
                for (int i = 0; i < topics.Length; i++)
                {
                    subscribe.TopicFilters.Add(new MqttTopicFilter { Topic = topics[i], QualityOfServiceLevel = (MqttQualityOfServiceLevel)qosLevels[i] });
                }

                TryEnqueue(new InflightMessage(InflightKind.Subscribe, id, MqttQoSLevel.AtLeastOnce, subscribe));
                return id;
            }
        }

        /// <summary>Queues an UNSUBSCRIBE; returns its message id (dropped when the in-flight queue is full, as on the device).</summary>
        public ushort Unsubscribe(string[] topics)
        {
            HaltIfPoweredOff();
            if (topics == null || topics.Length == 0)
            {
                throw new MqttClientException(MqttClientErrorCode.TopicsEmpty);
            }

            foreach (string topic in topics)
            {
                CheckTopicLength(topic);
            }

            lock (_sync)
            {
                ushort id = NextMessageId();
                var unsubscribe = new MqttUnsubscribePacket { PacketIdentifier = id };
                unsubscribe.TopicFilters.AddRange(topics);
                TryEnqueue(new InflightMessage(InflightKind.Unsubscribe, id, MqttQoSLevel.AtLeastOnce, unsubscribe));
                return id;
            }
        }

        /// <summary>Queues a QoS 0, not retained PUBLISH; returns its message id.</summary>
        public ushort Publish(string topic, byte[] message)
        {
            return Publish(topic, message, null, null, MqttQoSLevel.AtMostOnce, false);
        }

        /// <summary>Queues a QoS 0 PUBLISH; <paramref name="contentType"/> is MQTT v5 only (NotSupportedException if set).</summary>
        public ushort Publish(string topic, byte[] message, string contentType)
        {
            return Publish(topic, message, contentType, null, MqttQoSLevel.AtMostOnce, false);
        }

        /// <summary>Queues a QoS 0 PUBLISH; content type and user properties are MQTT v5 only.</summary>
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties)
        {
            return Publish(topic, message, contentType, userProperties, MqttQoSLevel.AtMostOnce, false);
        }

        /// <summary>
        /// Queues a PUBLISH and returns its message id at once (QoS 0 messages get one too). Throws
        /// <see cref="MqttClientException"/> with InflightQueueFull when the queue holds InflightQueueSize entries.
        /// Safe to call from any thread, connected or not (queued messages go out after the next Connect).
        /// </summary>
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            HaltIfPoweredOff();
            if (topic == null)
            {
                throw new ArgumentNullException(nameof(topic));
            }

            if (topic.IndexOf('#') != -1 || topic.IndexOf('+') != -1)
            {
                throw new MqttClientException(MqttClientErrorCode.TopicWildcard);
            }

            CheckTopicLength(topic);
            if (qosLevel > MqttQoSLevel.ExactlyOnce)
            {
                throw new MqttClientException(MqttClientErrorCode.QosNotAllowed);
            }

            if (!string.IsNullOrEmpty(contentType) || (userProperties != null && userProperties.Count > 0))
            {
                // Both are MQTT v5 properties; the device throws the same for a v3 client.
                throw new NotSupportedException();
            }

            lock (_sync)
            {
                ushort id = NextMessageId();
                var packet = new MqttPublishPacket
                {
                    Topic = topic,
                    Payload = new ReadOnlySequence<byte>(message ?? Array.Empty<byte>()),
                    QualityOfServiceLevel = (MqttQualityOfServiceLevel)qosLevel,
                    Retain = retain,

                    // A QoS 0 PUBLISH carries no packet identifier on the wire; M2Mqtt still returns one.
                    PacketIdentifier = qosLevel == MqttQoSLevel.AtMostOnce ? (ushort)0 : id,
                };
                var entry = new InflightMessage(InflightKind.Publish, id, qosLevel, packet);
                if (!TryEnqueue(entry))
                {
                    throw new MqttClientException(MqttClientErrorCode.InflightQueueFull);
                }

                if (_hasSession && qosLevel != MqttQoSLevel.AtMostOnce)
                {
                    _sessionMessages.Add(entry);
                }

                return id;
            }
        }

        /// <summary>Entries in the in-flight queue (queued plus unacknowledged); for host tests and the emulator.</summary>
        internal int InflightCount
        {
            get
            {
                lock (_sync)
                {
                    return _inflight.Count;
                }
            }
        }

        private static X509Certificate LoadCertificate(byte[] data)
        {
#pragma warning disable SYSLIB0057 // The device API takes PEM or DER bytes; this constructor accepts both.
            return new X509Certificate2(data);
#pragma warning restore SYSLIB0057
        }

        private static void CheckTopicLength(string topic)
        {
            if (topic == null || topic.Length < MinTopicLength || topic.Length > MaxTopicLength)
            {
                throw new MqttClientException(MqttClientErrorCode.TopicLength);
            }
        }

        private static void StartThread(ThreadStart body, string role)
        {
            // Started from the caller's thread, so the virtual node context flows into the event handlers.
            new Thread(body) { IsBackground = true, Name = "M2Mqtt " + role }.Start();
        }

        private void ValidateConnect(string clientId, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession)
        {
            if (ProtocolVersion == MqttProtocolVersion.Version_3_1_1)
            {
                if (clientId.Length == 0 && !cleanSession)
                {
                    throw new MqttClientException(MqttClientErrorCode.InvalidClientId);
                }

                if (willFlag && (willQosLevel > MqttQoSLevel.ExactlyOnce || string.IsNullOrEmpty(willTopic) || string.IsNullOrEmpty(willMessage)))
                {
                    throw new MqttClientException(MqttClientErrorCode.WillWrong);
                }

                if (!willFlag && (willRetain || willTopic != null || willMessage != null))
                {
                    throw new MqttClientException(MqttClientErrorCode.WillWrong);
                }
            }

            if (willQosLevel > MqttQoSLevel.ExactlyOnce)
            {
                throw new MqttClientException(MqttClientErrorCode.WillWrong);
            }
        }

        private void Init(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            HaltIfPoweredOff();
            ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            _brokerHostName = brokerHostName;
            _brokerPort = brokerPort;
            _secure = secure;
            _caCert = caCert;
            _clientCert = clientCert;
            _sslProtocol = sslProtocol;
            _settings = MqttSettings.Instance;
            if (!secure)
            {
                _settings.Port = brokerPort;
            }
            else
            {
                _settings.SslPort = brokerPort;
            }

            // The device resolves the name when the channel is created, i.e. here.
            _brokerAddress = Resolve(brokerHostName);
        }

        private static IPAddress Resolve(string hostName)
        {
            if (IPAddress.TryParse(hostName, out IPAddress literal))
            {
                return literal;
            }

            foreach (IPAddress address in Dns.GetHostAddresses(hostName))
            {
                // The device's lwIP stack is IPv4 only.
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return address;
                }
            }

            throw new Exception("No address found for the remote host name");
        }

        private BrokerConnection OpenChannel()
        {
            try
            {
                if (_node != null && !_node.WifiAvailable)
                {
                    throw new SocketException((int)SocketError.NetworkUnreachable);
                }

                return BrokerConnection.Open(
                    _brokerHostName,
                    _brokerAddress,
                    _brokerPort,
                    ProtocolVersion,
                    _secure,
                    _caCert,
                    _clientCert,
                    _sslProtocol,
                    _settings.ValidateServerCertificate,
                    _settings.TimeoutOnConnection);
            }
            catch (SocketException ex)
            {
                throw new MqttConnectionException("Socket exception connecting to the broker: " + ex.ErrorCode, ex);
            }
            catch (Exception ex)
            {
                throw new MqttConnectionException("Exception connecting to the broker", ex);
            }
        }

        private void HaltIfPoweredOff()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
        }

        private bool WifiAway => _node != null && !_node.WifiAvailable;

        private Link CurrentLink()
        {
            lock (_sync)
            {
                return _link;
            }
        }

        private ushort NextMessageId()
        {
            // 1..65535, wrapping; 0 is not a valid packet identifier.
            _messageIdCounter = _messageIdCounter == ushort.MaxValue ? (ushort)1 : (ushort)(_messageIdCounter + 1);
            return _messageIdCounter;
        }

        /// <summary>Caller holds _sync.</summary>
        private bool TryEnqueue(InflightMessage entry)
        {
            if (_inflight.Count >= _settings.InflightQueueSize)
            {
                return false;
            }

            _inflight.Add(entry);
            _link?.SendSignal.Set();
            return true;
        }

        /// <summary>Caller holds _sync. M2Mqtt's RestoreSession: a persistent session re-queues what survived.</summary>
        private void RestoreSession(bool cleanSession)
        {
            if (cleanSession)
            {
                _sessionMessages.Clear();
                _incomingQos2.Clear();
                _hasSession = false;
                return;
            }

            if (_hasSession)
            {
                foreach (InflightMessage entry in _sessionMessages)
                {
                    if (!_inflight.Contains(entry))
                    {
                        _inflight.Add(entry);
                    }
                }
            }

            _hasSession = true;
        }

        /// <summary>
        /// Caller holds _sync. What M2Mqtt's Close does to the queues: all gone; a persistent session keeps the QoS
        /// 1/2 publishes never written (and QoS 2 ones past PUBREC, which resume with PUBREL). The device drops an
        /// already-written QoS 1 message on restore because its "waiting for answer" table was cleared.
        /// </summary>
        private void DiscardInflight()
        {
            _inflight.Clear();
            _sessionMessages.RemoveAll(m => !(m.Attempts == 0 || (m.Qos == MqttQoSLevel.ExactlyOnce && m.State == InflightState.WaitPubComp)));
            foreach (InflightMessage entry in _sessionMessages)
            {
                if (entry.State == InflightState.WaitPubComp)
                {
                    // Resume with a PUBREL straight away after the next Connect.
                    entry.Attempts = 0;
                    entry.SentAtMs = long.MinValue / 2;
                }
            }

            if (!CleanSession)
            {
                return;
            }

            _incomingQos2.Clear();
        }

        /// <summary>Close/Dispose/Connect: end the link without an event and discard the queues.</summary>
        private void DropLink(Link link, bool discardQueues)
        {
            lock (_sync)
            {
                if (discardQueues)
                {
                    DiscardInflight();
                }
            }

            if (link == null)
            {
                return;
            }

            link.Silenced = true;
            lock (link.Events)
            {
                link.Events.Clear();
            }

            CloseLink(link, true, null, discardQueues);
        }

        /// <summary>Ends a link once: IsConnected false, queues discarded, socket closed (gracefully, or reset on power cut).</summary>
        private void CloseLink(Link link, bool graceful, Exception reason = null, bool discardQueues = true)
        {
            lock (_sync)
            {
                if (link.Closed)
                {
                    return;
                }

                link.Closed = true;
                if (reason != null && link.ReceiveError == null)
                {
                    link.ReceiveError = reason;
                }

                if (_link == link)
                {
                    _link = null;
                    IsConnected = false;
                }

                if (link.Established && discardQueues)
                {
                    DiscardInflight();
                }
            }

            if (graceful)
            {
                link.Channel.Dispose();
            }
            else
            {
                link.Channel.Abort();
            }

            link.ConnAckArrived.Set();
            link.Wake();
        }

        /// <summary>The node lost power: reset the socket, say nothing more, raise nothing more.</summary>
        private void CutPower()
        {
            _poweredOff = true;
            Link link;
            Link connecting;
            lock (_sync)
            {
                link = _link;
                connecting = _connecting;
            }

            foreach (Link l in new[] { link, connecting })
            {
                if (l != null)
                {
                    l.Silenced = true;
                    CloseLink(l, false);
                }
            }
        }

        private void Send(Link link, MqttPacket packet)
        {
            if (WifiAway)
            {
                // Lost in the air: nothing reaches the broker while the node's Wi-Fi is away.
                return;
            }

            link.Channel.Send(packet);
            link.LastSentMs = Environment.TickCount64;
        }

        private void Post(Link link, Action raise)
        {
            lock (link.Events)
            {
                link.Events.Enqueue(raise);
            }

            link.EventSignal.Set();
        }

        private void ReceiveLoop(Link link)
        {
            Exception error = null;
            try
            {
                while (!link.Closed)
                {
                    MqttPacket packet = link.Channel.Receive();
                    if (WifiAway)
                    {
                        continue;
                    }

                    Handle(link, packet);
                }
            }
            catch (Exception ex)
            {
                // MQTTnet reports the end of the stream (and a malformed packet) as an exception.
                error = ex;
            }

            CloseLink(link, true, error);
        }

        private void Handle(Link link, MqttPacket packet)
        {
            switch (packet)
            {
                case MqttConnAckPacket connAck:
                    link.ConnAckCode = (int)connAck.ReturnCode;
                    link.ConnAckArrived.Set();
                    break;

                case MqttPublishPacket publish:
                    HandlePublish(link, publish);
                    break;

                case MqttPubAckPacket pubAck:
                    Acknowledge(link, InflightKind.Publish, InflightState.WaitPubAck, pubAck.PacketIdentifier);
                    break;

                case MqttPubRecPacket pubRec:
                    HandlePubRec(link, pubRec.PacketIdentifier);
                    break;

                case MqttPubRelPacket pubRel:
                    HandlePubRel(link, pubRel.PacketIdentifier);
                    break;

                case MqttPubCompPacket pubComp:
                    Acknowledge(link, InflightKind.Publish, InflightState.WaitPubComp, pubComp.PacketIdentifier);
                    break;

                case MqttSubAckPacket subAck:
                    HandleSubAck(link, subAck);
                    break;

                case MqttUnsubAckPacket unsubAck:
                    Acknowledge(link, InflightKind.Unsubscribe, InflightState.WaitUnsubAck, unsubAck.PacketIdentifier);
                    break;

                case MqttPingRespPacket:
                    link.PingSentAtMs = -1;
                    break;

                default:
                    // CONNECT, SUBSCRIBE, PINGREQ, DISCONNECT...: a 3.1.1 broker never sends these.
                    throw new MqttClientException(MqttClientErrorCode.WrongBrokerMessage);
            }
        }

        private void HandlePublish(Link link, MqttPublishPacket publish)
        {
            var qos = (MqttQoSLevel)publish.QualityOfServiceLevel;
            if (qos > MqttQoSLevel.ExactlyOnce)
            {
                throw new MqttClientException(MqttClientErrorCode.QosNotAllowed);
            }

            ushort id = publish.PacketIdentifier;
            byte[] payload = publish.Payload.ToArray();
            var args = new MqttMsgPublishEventArgs(publish.Topic, payload, publish.Dup, qos, publish.Retain);
            switch (qos)
            {
                case MqttQoSLevel.AtMostOnce:
                    Post(link, () => MqttMsgPublishReceived?.Invoke(this, args));
                    break;

                case MqttQoSLevel.AtLeastOnce:
                    Send(link, new MqttPubAckPacket { PacketIdentifier = id });
                    Post(link, () => MqttMsgPublishReceived?.Invoke(this, args));
                    break;

                default:
                    // Delivered on PUBREL, like M2Mqtt; a duplicate PUBLISH only refreshes the stored copy.
                    lock (_sync)
                    {
                        _incomingQos2[id] = args;
                    }

                    Send(link, new MqttPubRecPacket { PacketIdentifier = id });
                    break;
            }
        }

        private void HandlePubRel(Link link, ushort id)
        {
            MqttMsgPublishEventArgs args;
            lock (_sync)
            {
                if (_incomingQos2.TryGetValue(id, out args))
                {
                    _incomingQos2.Remove(id);
                }
            }

            Send(link, new MqttPubCompPacket { PacketIdentifier = id });
            if (args != null)
            {
                Post(link, () => MqttMsgPublishReceived?.Invoke(this, args));
            }
        }

        private void HandlePubRec(Link link, ushort id)
        {
            lock (_sync)
            {
                InflightMessage entry = Find(InflightKind.Publish, id);
                if (entry != null && entry.Qos == MqttQoSLevel.ExactlyOnce)
                {
                    entry.State = InflightState.WaitPubComp;
                    entry.Attempts = 1;
                    entry.SentAtMs = Environment.TickCount64;
                }
            }

            // The spec wants a PUBREL for every PUBREC, known or not; the broker answers an unknown one with PUBCOMP.
            Send(link, new MqttPubRelPacket { PacketIdentifier = id });
        }

        private void HandleSubAck(Link link, MqttSubAckPacket subAck)
        {
            ushort id = subAck.PacketIdentifier;
            var granted = new MqttQoSLevel[subAck.ReasonCodes == null ? 0 : subAck.ReasonCodes.Count];
            for (int i = 0; i < granted.Length; i++)
            {
                // 3.1.1 return codes: 0..2 granted QoS, 0x80 failure (MqttQoSLevel.GrantedFailure).
                granted[i] = (MqttQoSLevel)(byte)subAck.ReasonCodes[i];
            }

            lock (_sync)
            {
                InflightMessage entry = Find(InflightKind.Subscribe, id);
                if (entry == null)
                {
                    return;
                }

                _inflight.Remove(entry);
            }

            Post(link, () => MqttMsgSubscribed?.Invoke(this, new MqttMsgSubscribedEventArgs(id, granted)));
        }

        private void Acknowledge(Link link, InflightKind kind, InflightState expected, ushort id)
        {
            lock (_sync)
            {
                InflightMessage entry = Find(kind, id);
                if (entry == null || entry.State != expected)
                {
                    return;
                }

                _inflight.Remove(entry);
                _sessionMessages.Remove(entry);
            }

            if (kind == InflightKind.Publish)
            {
                Post(link, () => MqttMsgPublished?.Invoke(this, new MqttMsgPublishedEventArgs(id, true)));
            }
            else
            {
                Post(link, () => MqttMsgUnsubscribed?.Invoke(this, new MqttMsgUnsubscribedEventArgs(id)));
            }
        }

        /// <summary>Caller holds _sync.</summary>
        private InflightMessage Find(InflightKind kind, ushort id)
        {
            foreach (InflightMessage entry in _inflight)
            {
                if (entry.Kind == kind && entry.MessageId == id && entry.State != InflightState.Queued)
                {
                    return entry;
                }
            }

            return null;
        }

        /// <summary>Writes queued messages, resends overdue ones, gives up after the last attempt, and keeps the link alive.</summary>
        private void SendLoop(Link link)
        {
            var due = new List<MqttPacket>();
            var givenUp = new List<ushort>();
            try
            {
                while (!link.Closed)
                {
                    long waitMs = CollectDue(link, due, givenUp);
                    foreach (ushort id in givenUp)
                    {
                        Post(link, () => MqttMsgPublished?.Invoke(this, new MqttMsgPublishedEventArgs(id, false)));
                    }

                    foreach (MqttPacket packet in due)
                    {
                        Send(link, packet);
                    }

                    if (link.KeepAliveMs > 0)
                    {
                        waitMs = Math.Min(waitMs, KeepAlive(link));
                    }

                    if (link.Closed)
                    {
                        return;
                    }

                    // Re-check the node's Wi-Fi now and then, since nobody signals its return.
                    if (_node != null)
                    {
                        waitMs = Math.Min(waitMs, 1000);
                    }

                    link.SendSignal.WaitOne((int)Math.Max(0, Math.Min(waitMs, int.MaxValue)));
                }
            }
            catch (Exception ex)
            {
                CloseLink(link, true, ex);
            }
        }

        /// <summary>Fills the packets to write now; returns the ms until the next retry is due.</summary>
        private long CollectDue(Link link, List<MqttPacket> due, List<ushort> givenUp)
        {
            due.Clear();
            givenUp.Clear();
            long wait = long.MaxValue;
            if (WifiAway)
            {
                return wait;
            }

            lock (_sync)
            {
                if (link.Closed)
                {
                    return wait;
                }

                long now = Environment.TickCount64;
                int delay = _settings.DelayOnRetry;
                for (int i = 0; i < _inflight.Count; i++)
                {
                    InflightMessage entry = _inflight[i];
                    if (entry.State == InflightState.Queued)
                    {
                        if (entry.IsPublish && entry.Attempts > 0)
                        {
                            MarkDuplicate(entry);
                        }

                        due.Add(entry.Packet);
                        entry.Attempts++;
                        entry.SentAtMs = now;
                        if (entry.IsPublish && entry.Qos == MqttQoSLevel.AtMostOnce)
                        {
                            _inflight.RemoveAt(i);
                            i--;
                            continue;
                        }

                        entry.State = WaitStateOf(entry);
                        wait = Math.Min(wait, delay);
                        continue;
                    }

                    long elapsed = now - entry.SentAtMs;
                    if (elapsed < delay)
                    {
                        wait = Math.Min(wait, delay - elapsed);
                        continue;
                    }

                    if (entry.Attempts < _settings.AttemptsOnRetry)
                    {
                        entry.Attempts++;
                        entry.SentAtMs = now;
                        if (entry.State == InflightState.WaitPubComp)
                        {
                            due.Add(new MqttPubRelPacket { PacketIdentifier = entry.MessageId });
                        }
                        else
                        {
                            if (entry.IsPublish)
                            {
                                MarkDuplicate(entry);
                            }

                            due.Add(entry.Packet);
                        }

                        wait = Math.Min(wait, delay);
                        continue;
                    }

                    // Out of attempts: M2Mqtt reports a publish as not published and forgets a (un)subscribe.
                    _inflight.RemoveAt(i);
                    i--;
                    _sessionMessages.Remove(entry);
                    if (entry.IsPublish)
                    {
                        givenUp.Add(entry.MessageId);
                    }
                }
            }

            return wait;
        }

        /// <summary>
        /// Caller holds _sync. A resent PUBLISH carries DUP; only the send thread writes PUBLISH packets, so flipping
        /// the flag here cannot race with an encode.
        /// </summary>
        private static void MarkDuplicate(InflightMessage entry)
        {
            // MQTT-3.3.1-2: DUP must be 0 for QoS 0 (a QoS 0 entry is never resent anyway).
            if (entry.Qos != MqttQoSLevel.AtMostOnce)
            {
                ((MqttPublishPacket)entry.Packet).Dup = true;
            }
        }

        private static InflightState WaitStateOf(InflightMessage entry)
        {
            if (entry.Kind == InflightKind.Subscribe)
            {
                return InflightState.WaitSubAck;
            }

            if (entry.Kind == InflightKind.Unsubscribe)
            {
                return InflightState.WaitUnsubAck;
            }

            return entry.Qos == MqttQoSLevel.AtLeastOnce ? InflightState.WaitPubAck : InflightState.WaitPubRec;
        }

        /// <summary>PINGREQ after a keep-alive period without sending; no PINGRESP within another period ends the link.</summary>
        private long KeepAlive(Link link)
        {
            long now = Environment.TickCount64;
            long pingSent = link.PingSentAtMs;
            if (pingSent >= 0)
            {
                long waited = now - pingSent;
                if (waited >= link.KeepAliveMs)
                {
                    CloseLink(link, true, new TimeoutException("no PINGRESP within the keep-alive period"));
                    return 0;
                }

                return link.KeepAliveMs - waited;
            }

            long idle = now - link.LastSentMs;
            if (idle < link.KeepAliveMs)
            {
                return link.KeepAliveMs - idle;
            }

            link.PingSentAtMs = now;
            Send(link, MqttPingReqPacket.Instance);
            return link.KeepAliveMs;
        }

        /// <summary>Raises queued events in order; after the link ends and the queue drains, ConnectionClosed once.</summary>
        private void DispatchLoop(Link link)
        {
            while (true)
            {
                Action next = null;
                bool finished = false;
                lock (link.Events)
                {
                    if (link.Events.Count > 0)
                    {
                        next = link.Events.Dequeue();
                    }
                    else if (link.Closed && link.ConnectFinished)
                    {
                        finished = true;
                    }
                }

                if (next != null)
                {
                    if (_poweredOff || link.Silenced)
                    {
                        continue;
                    }

                    try
                    {
                        next();
                    }
                    catch (Exception ex)
                    {
                        // M2Mqtt's event thread treats a throwing handler as a broken connection.
                        CloseLink(link, true, ex);
                    }

                    continue;
                }

                if (finished)
                {
                    if (link.Established && !link.Silenced && !_poweredOff)
                    {
                        try
                        {
                            ConnectionClosed?.Invoke(this, EventArgs.Empty);
                        }
                        catch (Exception)
                        {
                            // Nobody left to tell.
                        }
                    }

                    return;
                }

                link.EventSignal.WaitOne(1000);
            }
        }

        /// <summary>One socket's worth of connection state; every thread of a connection works on its own Link.</summary>
        private sealed class Link
        {
            public Link(BrokerConnection channel, int keepAliveMs)
            {
                Channel = channel;
                KeepAliveMs = keepAliveMs;
                LastSentMs = Environment.TickCount64;
            }

            public BrokerConnection Channel { get; }

            public int KeepAliveMs { get; }

            public ManualResetEventSlim ConnAckArrived { get; } = new ManualResetEventSlim(false);

            public AutoResetEvent SendSignal { get; } = new AutoResetEvent(false);

            public AutoResetEvent EventSignal { get; } = new AutoResetEvent(false);

            public Queue<Action> Events { get; } = new Queue<Action>();

            /// <summary>CONNACK return code, or -1 before it arrives.</summary>
            public volatile int ConnAckCode = -1;

            public volatile Exception ReceiveError;

            public volatile bool Established;

            public volatile bool ConnectFinished;

            public volatile bool Closed;

            /// <summary>Ended by Close/Dispose/Connect or a power cut: no more events, not even ConnectionClosed.</summary>
            public volatile bool Silenced;

            public long LastSentMs;

            /// <summary>When the outstanding PINGREQ was written, or -1.</summary>
            public long PingSentAtMs = -1;

            public void Wake()
            {
                SendSignal.Set();
                EventSignal.Set();
            }
        }
    }
}
