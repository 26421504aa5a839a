using System;
using System.Threading;
using Beacons.Firmware.Messaging;
using Beacons.Firmware.Platform;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;

namespace Beacons.Firmware.Network
{
    /// <summary>Receives the worker's log lines (the node's boot log).</summary>
    public delegate void NetworkLog(string message);

    /// <summary>
    /// The blocking network steps on a thread of their own: the Wi-Fi join (WifiNetworkHelper waits up to its timeout,
    /// SNTP included) and every broker connect (DNS, TCP, TLS handshake and the CONNACK wait are synchronous in
    /// M2Mqtt). The sampling loop only asks (<see cref="RequestConnect"/>) and later takes the result
    /// (<see cref="TakeConnected"/>), so HX711 samples, beacon slots and scan windows keep their period through any
    /// outage. Reconnects back off with jitter so a store's nodes do not stampede a restarted broker.
    /// </summary>
    public sealed class ConnectionWorker
    {
        /// <summary>Pause between Wi-Fi join attempts after one timed out (each attempt already waited its timeout).</summary>
        public const int WifiRetryMs = 5000;

        private const int IdleWaitMs = 1000;

        private readonly WifiLink _wifi;
        private readonly MqttLink _mqtt;
        private readonly ReconnectBackoff _backoff;
        private readonly string _willTopic;
        private readonly string _willPayload;
        private readonly NetworkLog _log;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private int _wanted;
        private int _connected;
        private int _lost;
        private int _stopping;
        private int _wifiUp;

        public ConnectionWorker(WifiLink wifi, MqttLink mqtt, ReconnectBackoff backoff, string willTopic, string willPayload, NetworkLog log)
        {
            _wifi = wifi;
            _mqtt = mqtt;
            _backoff = backoff;
            _willTopic = willTopic;
            _willPayload = willPayload;
            _log = log;
        }

        /// <summary>True once the first Wi-Fi join succeeded (the helper reconnects by itself after that).</summary>
        public bool WifiJoined
        {
            get { return Interlocked.CompareExchange(ref _wifiUp, 0, 0) != 0; }
        }

        /// <summary>Starts the worker; it joins Wi-Fi at once.</summary>
        public void Start()
        {
            DeviceThread.Start(Run);
        }

        /// <summary>The loop wants a broker session; returns at once (idempotent).</summary>
        public void RequestConnect()
        {
            if (Interlocked.Exchange(ref _wanted, 1) == 0)
            {
                _wake.Set();
            }
        }

        /// <summary>The session dropped: the next attempt waits a backoff delay first.</summary>
        public void NotifyLost()
        {
            Interlocked.Exchange(ref _lost, 1);
        }

        /// <summary>True once per new session, for the loop to subscribe and publish its birth messages.</summary>
        public bool TakeConnected()
        {
            return Interlocked.Exchange(ref _connected, 0) != 0;
        }

        /// <summary>No more connects (the node is going down).</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopping, 1);
            _wake.Set();
        }

        private void Run()
        {
            while (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                try
                {
                    Step();
                }
                catch (Exception ex)
                {
                    // The worker is the node's only way back to the broker: it must outlive any failure.
                    _log("network worker fault: " + ex.GetType().Name + ": " + ex.Message);
                    _wake.WaitOne(IdleWaitMs, false);
                }
            }
        }

        private void Step()
        {
            if (!WifiJoined)
            {
                if (!_wifi.Connect())
                {
                    _log("wifi not ready (" + _wifi.LastStatus + "): retry in " + WifiRetryMs + " ms");
                    _wake.WaitOne(WifiRetryMs, false);
                    return;
                }

                Interlocked.Exchange(ref _wifiUp, 1);
                _log("wifi joined");
            }

            if (Interlocked.CompareExchange(ref _wanted, 0, 0) == 0 || _mqtt.IsConnected)
            {
                _wake.WaitOne(IdleWaitMs, false);
                return;
            }

            if (Interlocked.Exchange(ref _lost, 0) != 0)
            {
                int delayMs = _backoff.NextDelayMs();
                _log("broker connection lost; reconnect in " + delayMs + " ms");
                Pause(delayMs);
                return;
            }

            if (_mqtt.NeedsWallClock && !WallClock.IsSet(DeviceClock.UnixMs()))
            {
                // A handshake now fails on the certificate's dates and costs the heap a TLS context: wait for SNTP.
                _log("waiting for SNTP before the TLS connect: retry in " + WifiRetryMs + " ms");
                _wake.WaitOne(WifiRetryMs, false);
                return;
            }

            if (_mqtt.Connect(_willTopic, _willPayload))
            {
                _backoff.Reset();
                Interlocked.Exchange(ref _wanted, 0);
                Interlocked.Exchange(ref _connected, 1);
                return;
            }

            int retryMs = _backoff.NextDelayMs();
            _log(_mqtt.LastError + "; retry in " + retryMs + " ms");
            Pause(retryMs);
        }

        // A wake-up (a new request, Stop) during a backoff pause must not cut the backoff short.
        private void Pause(int delayMs)
        {
            long until = Environment.TickCount64 + delayMs;
            for (long left = delayMs; left > 0 && Interlocked.CompareExchange(ref _stopping, 0, 0) == 0; left = until - Environment.TickCount64)
            {
                _wake.WaitOne((int)(left > IdleWaitMs ? IdleWaitMs : left), false);
            }
        }
    }
}
