using System;
using System.Text;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Emulator.Monitor
{
    /// <summary>
    /// Feeds a <see cref="StoreView"/> from a broker by subscribing, like any consumer: to
    /// <c>&lt;prefix&gt;/&lt;store&gt;/#</c>, or every store with <c>+</c>. Reconnects by itself when the connection drops
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
        private readonly Thread _keeper;
        private volatile bool _stopped;
        private MqttClient _client;

        public StoreSubscriber(string brokerUrl, string prefix, string store, StoreView view, string username = null, string password = null)
        {
            var uri = new Uri(brokerUrl.Replace("mqtts://", "tls://").Replace("mqtt://", "tcp://"));
            _host = uri.Host;
            _port = uri.Port > 0 ? uri.Port : 1883;
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
            var client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
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
