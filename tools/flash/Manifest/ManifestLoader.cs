using System;
using System.IO;

namespace Beacons.Flash.Manifest
{
    /// <summary>Reads a manifest file by extension: .csv is the one-row-per-lane table, anything else JSON.</summary>
    public static class ManifestLoader
    {
        public static StoreManifest Load(string path, IssueList issues)
        {
            string name = Path.GetFileName(path);
            if (!File.Exists(path))
            {
                issues.Error(new SourceRef(name, 1, "(file)"), $"not found: {Path.GetFullPath(path)}");
                return null;
            }

            string text = File.ReadAllText(path);
            return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? CsvManifestReader.Read(name, text, issues)
                : JsonManifestReader.Read(name, text, issues);
        }
    }
}
