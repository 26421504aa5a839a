using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Emulator.Monitor
{
    /// <summary>
    /// Feeds a <see cref="StoreView"/> from a broker by subscribing, like any consumer: to
    /// <c>&lt;prefix&gt;/&lt;store&gt;/#</c>, or every store with <c>+</c>; over TLS for an mqtts:// broker. Reconnects by itself when the connection drops
    /// (the retained status and levels bring the view up to date again), and never lets a bad message take it down.
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
        private readonly X509Certificate _ca;
        private readonly Thread _keeper;
        private volatile bool _stopped;
        private MqttClient _client;

        /// <param name="brokerUrl">mqtt://host[:1883] or mqtts://host[:8883] (TLS, the server certificate checked).</param>
        /// <param name="caFile">PEM of the CA that signed the broker's certificate; null trusts the system's roots.</param>
        /// <exception cref="ArgumentException">The URL or the CA file is unusable (the message is one line for the user).</exception>
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
            MqttReasonCode code = Connect();
            if (code != MqttReasonCode.Success)
            {
                throw new InvalidOperationException($"broker refused the monitor: {code}");
            }

            _keeper = new Thread(Keep) { IsBackground = true, Name = "monitor reconnect" };
            _keeper.Start();
        }

        /// <summary>Malformed or unexpected messages skipped.</summary>
        public long Skipped { get; private set; }

        private MqttReasonCode Connect()
        {
            var client = _tls
                ? new MqttClient(_host, _port, true, _ca, null, MqttSslProtocols.TLSv1_2)
                : new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
            client.MqttMsgPublishReceived += (_, e) =>
            {
                try
                {
                    _view.Apply(e.Topic, Encoding.UTF8.GetString(e.Message), DateTime.UtcNow);
                }
                catch (Exception)
                {
                    // An exception in this handler would close the connection (M2Mqtt semantics): count and go on.
                    Skipped++;
                }
            };
            MqttReasonCode code = client.Connect("monitor-" + Guid.NewGuid().ToString("N").Substring(0, 10), _username, _password);
            if (code == MqttReasonCode.Success)
            {
                client.Subscribe(new[] { _topic }, new[] { MqttQoSLevel.AtLeastOnce });
                _client = client;
            }

            return code;
        }

        private void Keep()
        {
            while (!_stopped)
            {
                Thread.Sleep(250);
                if (_stopped || (_client != null && _client.IsConnected))
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
            try
            {
                _client?.Disconnect();
            }
            catch (Exception)
            {
            }
        }
    }
}
