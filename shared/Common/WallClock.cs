namespace Beacons.Shared.Common
{
    /// <summary>
    /// Whether the wall clock can be believed. An ESP32 starts at 1970 and only SNTP (through the Wi-Fi join) sets it,
    /// so until then no wall time may go on the wire: stock events are flagged (ts null, uptime tMs), proximity events
    /// and aggregates wait, EID rotation waits.
    /// </summary>
    public static class WallClock
    {
        /// <summary>2020-09-13: any reading before this is a clock that was never set.</summary>
        public const long SetAfterUnixMs = 1600000000000L;

        /// <summary>True when <paramref name="unixMs"/> comes from a clock SNTP has set.</summary>
        public static bool IsSet(long unixMs)
        {
            return unixMs > SetAfterUnixMs;
        }
    }
}
