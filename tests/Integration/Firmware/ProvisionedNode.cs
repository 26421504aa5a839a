using System;
using System.Globalization;
using System.IO;
using Beacons.Emulator;
using Beacons.VirtualDevice.World;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>A virtual node provisioned as nanoff would leave it: its config on its own fresh flash folder.</summary>
    internal static class ProvisionedNode
    {
        /// <summary>Writes <paramref name="configJson"/> as provisioned.json into a new storage folder and creates the node.</summary>
        public static VirtualStoreNode Create(string folderPrefix, string configJson, string brokerOverride)
        {
            string folder = Path.Combine(Path.GetTempPath(), folderPrefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            string config = Path.Combine(folder, "provisioned.json");
            File.WriteAllText(config, configJson);
            return VirtualStoreNode.Create(config, folder, brokerOverride);
        }

        /// <summary>A lane's calibration keys as a technician would set them for this cell at gain 128.</summary>
        public static string Calibration(LoadCellModel cell) =>
            string.Format(CultureInfo.InvariantCulture, "\"countsPerGram\":{0:R},\"offsetCounts\":{1:R}", cell.CountsPerGram(128), cell.ZeroCounts(128));
    }
}
