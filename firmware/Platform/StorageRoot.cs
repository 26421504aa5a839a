namespace Beacons.Firmware.Platform
{
    /// <summary>
    /// A host seam (see README.md in this folder): where the node's internal flash drive is. On the device it is
    /// littlefs drive I:\; on the virtual device it is the emulated node's storage folder. With DeviceThread and DeviceClock,
    /// the only conditional compilation in firmware/: everything else runs unchanged against the mirrored nanoFramework APIs.
    /// </summary>
    public static class StorageRoot
    {
        public static string PathOf(string fileName)
        {
#if NANOFRAMEWORK_1_0
            return "I:\\" + fileName;
#else
            return System.IO.Path.Combine(Beacons.VirtualDevice.VirtualNode.Current.StorageFolder, fileName);
#endif
        }
    }
}
