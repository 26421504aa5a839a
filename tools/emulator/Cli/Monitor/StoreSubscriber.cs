using System;
using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Emulator.Monitor
{
    /// <summary>
    /// Feeds a <see cref="StoreView"/> from a broker by subscribing, like any consumer: to
    /// <c>&lt;prefix&gt;/&lt;store&gt;/#</c>, or every store with <c>+</c>.
    /// </summary>
    public sealed class StoreSubscriber : IDisposable
    {
        private readonly MqttClient _client;

        public StoreSubscriber(string brokerUrl, string prefix, string store, StoreView view, string username = null, string password = null)
        {
            var uri = new Uri(brokerUrl.Replace("mqtts://", "tls://").Replace("mqtt://", "tcp://"));
            int port = uri.Port > 0 ? uri.Port : 1883;
            _client = new MqttClient(uri.Host, port, false, null, null, MqttSslProtocols.None);
            _client.MqttMsgPublishReceived += (_, e) => view.Apply(e.Topic, Encoding.UTF8.GetString(e.Message), DateTime.UtcNow);
            MqttReasonCode code = _client.Connect("monitor-" + Guid.NewGuid().ToString("N").Substring(0, 10), username, password);
            if (code != MqttReasonCode.Success)
            {
                throw new InvalidOperationException($"broker refused the monitor: {code}");
            }

            _client.Subscribe(new[] { $"{prefix}/{store ?? "+"}/#" }, new[] { MqttQoSLevel.AtLeastOnce });
        }

        public void Dispose()
        {
            try
            {
                _client.Disconnect();
            }
            catch (Exception)
            {
            }
        }
    }
}
