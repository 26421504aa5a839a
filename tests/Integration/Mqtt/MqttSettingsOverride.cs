using System;
using nanoFramework.M2Mqtt;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>Changes the process-wide MqttSettings for one test and puts every value back on Dispose.</summary>
    internal sealed class MqttSettingsOverride : IDisposable
    {
        private readonly int _timeoutOnConnection;
        private readonly int _attemptsOnRetry;
        private readonly int _delayOnRetry;
        private readonly int _inflightQueueSize;
        private readonly bool _validateServerCertificate;

        public MqttSettingsOverride()
        {
            MqttSettings s = MqttSettings.Instance;
            _timeoutOnConnection = s.TimeoutOnConnection;
            _attemptsOnRetry = s.AttemptsOnRetry;
            _delayOnRetry = s.DelayOnRetry;
            _inflightQueueSize = s.InflightQueueSize;
            _validateServerCertificate = s.ValidateServerCertificate;
        }

        public MqttSettings Settings => MqttSettings.Instance;

        public void Dispose()
        {
            MqttSettings s = MqttSettings.Instance;
            s.TimeoutOnConnection = _timeoutOnConnection;
            s.AttemptsOnRetry = _attemptsOnRetry;
            s.DelayOnRetry = _delayOnRetry;
            s.InflightQueueSize = _inflightQueueSize;
            s.ValidateServerCertificate = _validateServerCertificate;
        }
    }
}
