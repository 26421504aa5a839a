using System.Threading;

namespace Beacons.Firmware.Platform
{
    /// <summary>Starts the firmware's own threads.</summary>
    public static class DeviceThread
    {
        /// <summary>Starts <paramref name="body"/> on a new thread.</summary>
        public static Thread Start(ThreadStart body)
        {
            var thread = new Thread(body);
#if !NANOFRAMEWORK_1_0
            // nanoFramework has no IsBackground: every thread ends with the CLR at reboot. On the virtual device a
            // powered-off node's threads must likewise not keep the host process alive.
            thread.IsBackground = true;
#endif
            thread.Start();
            return thread;
        }
    }
}
