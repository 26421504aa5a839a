using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Beacons.Flash.Provisioning
{
    /// <summary>
    /// plan.json in the output folder: which devices the last provision produced, in manifest order. flash reads it, so
    /// a device folder left over from an older manifest is never flashed. Holds no secrets.
    /// </summary>
    public sealed class StorePlan
    {
        public const string FileName = "plan.json";

        private static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            NewLine = "\n",
        };

        public string Store { get; set; }

        public List<PlannedDevice> Devices { get; set; } = new();

        public static StorePlan Load(string outFolder)
        {
            string path = Path.Combine(outFolder, FileName);
            return File.Exists(path) ? JsonSerializer.Deserialize<StorePlan>(File.ReadAllText(path), Options) : null;
        }

        public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";
    }

    public sealed class PlannedDevice
    {
        public string Id { get; set; }

        public string Role { get; set; }
    }
}
