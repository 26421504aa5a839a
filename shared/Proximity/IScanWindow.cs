namespace Beacons.Shared.Proximity
{
    /// <summary>The BLE scanner as the radio coordinator sees it: one scan session per window (duplicate filtering
    /// reports each phone once per session, so every window must be a fresh session).</summary>
    public interface IScanWindow
    {
        /// <summary>Starts a scan window (a fresh session; on the device the first one puts the stack in client mode).</summary>
        void StartWindow();

        /// <summary>Ends the window; the stack stays in client mode for the next one.</summary>
        void StopWindow();

        /// <summary>Ends any window and takes the stack out of client mode so the radio can advertise.</summary>
        void LeaveClientMode();
    }
}
