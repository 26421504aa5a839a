namespace Beacons.Shared.Proximity
{
    /// <summary>The BLE scanner as the radio coordinator sees it: one scan session per window (duplicate filtering
    /// reports each phone once per session, so every window must be a fresh session).</summary>
    public interface IScanWindow
    {
        void StartWindow();

        void StopWindow();
    }
}
