using System;
using Beacons.Shared.Common;

namespace Beacons.Firmware.Platform
{
    /// <summary>
    /// A host seam (see README.md in this folder): the wall clock. On the device DateTime.UtcNow is the RTC, which reads
    /// 1970 after every reset until SNTP sets it; the host's DateTime.UtcNow is always right, so on the virtual device
    /// the node's own clock answers (1970 + uptime until its SNTP succeeds). Firmware reads wall time only here.
    /// </summary>
    public static class DeviceClock
    {
        public static DateTime UtcNow()
        {
#if NANOFRAMEWORK_1_0
            return DateTime.UtcNow;
#else
            Beacons.VirtualDevice.VirtualNode node = Beacons.VirtualDevice.VirtualNode.CurrentOrNull;
            return node == null ? DateTime.UtcNow : node.WallClockUtc;
#endif
        }

        /// <summary>Milliseconds since the Unix epoch by <see cref="UtcNow"/>; check it with <see cref="WallClock.IsSet"/>.</summary>
        public static long UnixMs()
        {
            return UnixTime.ToUnixMs(UtcNow());
        }
    }
}
