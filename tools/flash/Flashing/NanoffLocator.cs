using System;
using System.IO;
using System.Linq;

namespace Beacons.Flash.Flashing
{
    /// <summary>Finds the nanoff executable: an explicit path, a name on PATH, or the dotnet global tools folder.</summary>
    public static class NanoffLocator
    {
        public const string InstallHint = "install it with: dotnet tool install -g nanoff   (then make sure ~/.dotnet/tools is on PATH, or pass --nanoff <path>)";

        /// <summary>Full path of the executable, or null when it cannot be found.</summary>
        public static string Find(string nameOrPath)
        {
            if (nameOrPath.Contains(Path.DirectorySeparatorChar) || nameOrPath.Contains(Path.AltDirectorySeparatorChar))
            {
                return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
            }

            string[] names = OperatingSystem.IsWindows() && !nameOrPath.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
                ? new[] { nameOrPath + ".exe", nameOrPath }
                : new[] { nameOrPath };
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Append(Path.Combine(home, ".dotnet", "tools"));
            foreach (string folder in folders)
            {
                foreach (string name in names)
                {
                    string candidate = Path.Combine(folder, name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }
    }
}
