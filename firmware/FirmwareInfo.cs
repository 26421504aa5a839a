namespace Beacons.Firmware
{
    /// <summary>Identity of this firmware build, reported in every status message.</summary>
    public static class FirmwareInfo
    {
        public const string Version = "0.1.0";
    }
}
