using System;
using System.Device.Wifi;
using System.Threading;
using Beacons.Shared.Configuration;
using nanoFramework.Networking;

namespace Beacons.Firmware.Network
{
    /// <summary>
    /// Joins the store's Wi-Fi through WifiNetworkHelper, with the credentials from the config or, when the config has
    /// none, those stored on the device by <c>nanoff --networkdeployment</c>. It does not wait for SNTP: with
    /// requiresDateTime the helper fails (TokenExpiredWaitingDateTime) whenever UDP 123 is blocked, though the station is
    /// joined, and the node would never reach its broker. SNTP keeps trying in the background; until it succeeds stock
    /// events go out flagged (ts null, uptime tMs), proximity waits, and a TLS broker waits (ConnectionWorker).
    /// </summary>
    public sealed class WifiLink
    {
        private readonly WifiOptions _options;

        public WifiLink(WifiOptions options)
        {
            _options = options;
        }

        /// <summary>Status after the last attempt (a NetworkHelperStatus value), for the boot log.</summary>
        public string LastStatus { get; private set; }

        /// <summary>Connects with automatic reconnection; false when the timeout passed first (the node goes on offline).</summary>
        public bool Connect()
        {
            int timeoutMs = _options == null ? 60000 : _options.ConnectTimeoutMs;
            bool ok;
            try
            {
                using (var cts = new CancellationTokenSource(timeoutMs))
                {
                    ok = _options == null
                        ? WifiNetworkHelper.Reconnect(false, 0, cts.Token)
                        : WifiNetworkHelper.ConnectDhcp(_options.Ssid, _options.Password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
                }
            }
            catch (Exception ex)
            {
                LastStatus = "exception: " + ex.Message;
                return false;
            }

            LastStatus = ((int)WifiNetworkHelper.Status).ToString();
            return ok;
        }
    }
}
