using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MqttConnectionException = nanoFramework.M2Mqtt.Exceptions.MqttConnectionException;

namespace Beacons.Emulator.Monitor
{
    /// <summary>
    /// Feeds a <see cref="StoreView"/> from a broker by subscribing, like any consumer: to
    /// <c>&lt;prefix&gt;/&lt;store&gt;/#</c>, or every store with <c>+</c>; over TLS for an mqtts:// broker. Reconnects by itself when the connection drops
    /// (the retained status and levels bring the view up to date again), and never lets a bad message take it down.
    /// An ordinary MQTT consumer: MQTTnet's client (MQTT 3.1.1), not the virtual device's M2Mqtt mirror.
    /// </summary>
    public sealed class StoreSubscriber : IDisposable
    {
        private readonly string _host;
        private readonly int _port;
        private readonly string _topic;
        private readonly StoreView _view;
        private readonly string _username;
        private readonly string _password;
        private readonly bool _tls;
        private readonly X509Certificate2 _ca;
        private readonly Thread _keeper;
        private readonly IMqttClient _client;
        private readonly MqttClientOptions _options;
        private readonly AutoResetEvent _lost = new AutoResetEvent(false);
        private volatile bool _stopped;
        private long _skipped;

        /// <param name="brokerUrl">mqtt://host[:1883] or mqtts://host[:8883] (TLS, the server certificate checked).</param>
        /// <param name="caFile">PEM of the CA that signed the broker's certificate; null trusts the system's roots.</param>
        /// <exception cref="ArgumentException">The URL or the CA file is unusable (the message is one line for the user).</exception>
        /// <exception cref="InvalidOperationException">The broker refused the monitor (CONNACK code in the message).</exception>
        /// <exception cref="MqttConnectionException">No connection: socket error, TLS handshake or certificate refused, no CONNACK in time (the cause is the inner exception).</exception>
        public StoreSubscriber(string brokerUrl, string prefix, string store, StoreView view, string username = null, string password = null, string caFile = null)
        {
            if (!Uri.TryCreate(brokerUrl, UriKind.Absolute, out Uri uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || uri.Host.Length == 0)
            {
                throw new ArgumentException($"--broker '{brokerUrl}': expected mqtt://host[:port] or mqtts://host[:port]");
            }

            _tls = uri.Scheme == "mqtts";
            _host = uri.Host;
            _port = uri.Port > 0 ? uri.Port : (_tls ? 8883 : 1883);
            if (caFile != null)
            {
                if (!_tls)
                {
                    throw new ArgumentException("--ca needs an mqtts:// broker");
                }

                try
                {
                    _ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    throw new ArgumentException($"--ca '{caFile}': not a readable PEM certificate ({ex.Message})");
                }
            }

            _topic = $"{prefix}/{store ?? "+"}/#";
            _view = view;
            _username = username;
            _password = password;
            _options = BuildOptions();
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                try
                {
                    _view.Apply(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), DateTime.UtcNow);
                }
                catch (Exception)
                {
                    // A bad message is counted and skipped; it never takes the monitor down.
                    Interlocked.Increment(ref _skipped);
                }

                return Task.CompletedTask;
            };
            _client.DisconnectedAsync += e =>
            {
                // Wake the reconnect loop at once when a live connection drops (a failed attempt raises this too, and
                // must not): events published centrally between the broker's return and our SUBSCRIBE are not
                // retained, so every moment offline can cost the view a stock event.
                if (e.ClientWasConnected)
                {
                    _lost.Set();
                }

                return Task.CompletedTask;
            };

            MqttClientConnectResultCode code;
            try
            {
                code = Connect();
            }
            catch (Exception ex) when (ex is not InvalidOperationException)
            {
                _client.Dispose();
                Exception cause = ex;
                while ((cause is MQTTnet.Exceptions.MqttCommunicationException || cause is AggregateException) && cause.InnerException != null)
                {
                    cause = cause.InnerException;
                }

                throw cause is SocketException socket
                    ? new MqttConnectionException("Socket exception connecting to the broker: " + socket.ErrorCode, socket)
                    : new MqttConnectionException("Exception connecting to the broker", cause);
            }

            if (code != MqttClientConnectResultCode.Success)
            {
                _client.Dispose();
                throw new InvalidOperationException($"broker refused the monitor: {code}");
            }

            _keeper = new Thread(Keep) { IsBackground = true, Name = "monitor reconnect" };
            _keeper.Start();
        }

        /// <summary>Malformed or unexpected messages skipped.</summary>
        public long Skipped => Interlocked.Read(ref _skipped);

        private MqttClientOptions BuildOptions()
        {
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_host, _port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId("monitor-" + Guid.NewGuid().ToString("N").Substring(0, 10))
                .WithCleanSession()
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (_username != null)
            {
                builder = builder.WithCredentials(_username, _password);
            }

            if (_tls)
            {
                // The server certificate and host name are checked; with --ca that CA is the only trust anchor,
                // without it the system's roots. Never a silent fallback to plain text.
                builder = builder.WithTlsOptions(tls =>
                {
                    tls.UseTls()
                        .WithTargetHost(_host)
                        .WithIgnoreCertificateRevocationErrors();
                    if (_ca != null)
                    {
                        tls.WithTrustChain(new X509Certificate2Collection(_ca));
                    }
                });
            }

            return builder.Build();
        }

        /// <summary>Connects and subscribes; returns the CONNACK result, throws when there is no connection at all.</summary>
        private MqttClientConnectResultCode Connect()
        {
            MqttClientConnectResult result = _client.ConnectAsync(_options).GetAwaiter().GetResult();
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                _client.SubscribeAsync(_topic, MqttQualityOfServiceLevel.AtLeastOnce).GetAwaiter().GetResult();
            }

            return result.ResultCode;
        }

        private void Keep()
        {
            while (!_stopped)
            {
                // Connected: sleep until the connection drops (or check now and then); broker away: retry every 100 ms.
                _lost.WaitOne(_client.IsConnected ? 1000 : 100);
                if (_stopped || _client.IsConnected)
                {
                    continue;
                }

                try
                {
                    Connect();
                }
                catch (Exception)
                {
                    // Broker away: keep trying.
                }
            }
        }

        public void Dispose()
        {
            _stopped = true;
            _lost.Set();
            try
            {
                _client.DisconnectAsync().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Already gone.
            }

            _client.Dispose();
        }
    }
}
