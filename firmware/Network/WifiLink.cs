using System;
using System.Device.Wifi;
using System.Threading;
using Beacons.Shared.Configuration;
using nanoFramework.Networking;

namespace Beacons.Firmware.Network
{
    /// <summary>
    /// Joins the store's Wi-Fi through WifiNetworkHelper, with the credentials from the config or, when the config has
    /// none, those stored on the device by <c>nanoff --networkdeployment</c>. Waits for SNTP time as well: TLS
    /// certificate checks and event timestamps need a real date.
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
                        ? WifiNetworkHelper.Reconnect(true, 0, cts.Token)
                        : WifiNetworkHelper.ConnectDhcp(_options.Ssid, _options.Password, WifiReconnectionKind.Automatic, true, 0, cts.Token);
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
