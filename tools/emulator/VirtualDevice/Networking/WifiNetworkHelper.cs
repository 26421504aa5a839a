using System;
using System.Threading;
using System.Device.Wifi;
using Beacons.VirtualDevice;

namespace nanoFramework.Networking
{
    /// <summary>
    /// Mirror of nanoFramework.Networking.WifiNetworkHelper (package nanoFramework.System.Device.Wifi). The host is
    /// already on a network; the node's <see cref="VirtualNode.WifiAvailable"/> switch lets the world take the store's
    /// Wi-Fi away. Static state on the device is per node here.
    /// </summary>
    public static class WifiNetworkHelper
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<VirtualNode, State> States =
            new System.Runtime.CompilerServices.ConditionalWeakTable<VirtualNode, State>();

        /// <summary>Status of NetworkHelper.</summary>
        public static NetworkHelperStatus Status => StateOf().Status;

        /// <summary>Exception that occurred when waiting for the network to become ready.</summary>
        public static Exception HelperException => StateOf().Exception;

        /// <summary>Connects with DHCP; returns false on failure, with the cause in <see cref="Status"/>.</summary>
        public static bool ConnectDhcp(
            string ssid,
            string password,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default)
        {
            return Connect(requiresDateTime, token);
        }

        /// <summary>Connects with the credentials already stored on the device.</summary>
        public static bool Reconnect(
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default)
        {
            return Connect(requiresDateTime, token);
        }

        /// <summary>Disconnect from the network.</summary>
        public static void Disconnect()
        {
            VirtualNode.Current.HaltIfPoweredOff();
            StateOf().Status = NetworkHelperStatus.None;
            VirtualNode.Current.NetworkUp = false;
        }

        /// <summary>
        /// As NetworkHelper.WaitForValidIPAndDate: with <paramref name="requiresDateTime"/> it polls until the clock reads
        /// 2021 or later and fails with TokenExpiredWaitingDateTime when the token expires first, though the station
        /// stays joined (automatic reconnection).
        /// </summary>
        private static bool Connect(bool requiresDateTime, CancellationToken token)
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            State state = StateOf();
            state.Status = NetworkHelperStatus.Started;
            while (!node.WifiAvailable)
            {
                if (token.IsCancellationRequested)
                {
                    state.Status = NetworkHelperStatus.TokenExpiredWaitingIPAddress;
                    return false;
                }

                token.WaitHandle.WaitOne(100);
                node.HaltIfPoweredOff();
            }

            node.NetworkUp = true;
            while (requiresDateTime && node.WallClockUtc.Year < 2021)
            {
                if (token.IsCancellationRequested)
                {
                    state.Status = NetworkHelperStatus.TokenExpiredWaitingDateTime;
                    return false;
                }

                token.WaitHandle.WaitOne(200);
                node.HaltIfPoweredOff();
            }

            state.Status = NetworkHelperStatus.NetworkIsReady;
            return true;
        }

        private static State StateOf() => States.GetValue(VirtualNode.Current, _ => new State());

        private sealed class State
        {
            public NetworkHelperStatus Status = NetworkHelperStatus.None;
            public Exception Exception = null;
        }
    }

    /// <summary>Mirror of nanoFramework.Networking.NetworkHelperStatus (package nanoFramework.System.Net).</summary>
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting,
    }
}

namespace System.Device.Wifi
{
    /// <summary>Mirror of System.Device.Wifi.WifiReconnectionKind.</summary>
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}
