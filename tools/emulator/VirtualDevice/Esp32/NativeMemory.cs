using Beacons.VirtualDevice;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Mirror of the ESP32 native (IDF) heap query. The virtual device does not simulate the IDF heap: it reports fixed
    /// figures of a WROOM-32 (no PSRAM) running an ESP32_BLE target with Wi-Fi and BLE started, so code that logs or
    /// checks them has plausible input. Real figures come from the device.
    /// </summary>
    public class NativeMemory
    {
        /// <summary>Which memory to query.</summary>
        public enum MemoryType
        {
            /// <summary>Internal RAM and PSRAM.</summary>
            All,

            /// <summary>Internal RAM.</summary>
            Internal,

            /// <summary>External PSRAM (none on the reference board).</summary>
            SpiRam,
        }

        /// <summary>Total size, total free bytes and largest free block of <paramref name="memType"/>, in bytes.</summary>
        public static void GetMemoryInfo(MemoryType memType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (memType == MemoryType.SpiRam)
            {
                totalSize = 0;
                totalFreeSize = 0;
                largestFreeBlock = 0;
                return;
            }

            totalSize = 300 * 1024;
            totalFreeSize = 46 * 1024;
            largestFreeBlock = 30 * 1024;
        }
    }
}
