using System;
using System.IO;
using System.Text;

namespace Beacons.Flash.Provisioning
{
    /// <summary>Writes output files; files holding secrets are created owner-only (0600) on Unix before any byte is written.</summary>
    public static class OutputFiles
    {
        private static readonly UTF8Encoding Utf8NoBom = new(false);

        /// <summary>Writes when the content differs; returns true when the file changed.</summary>
        public static bool Write(string path, string text, bool secret)
        {
            if (File.Exists(path) && File.ReadAllText(path) == text)
            {
                if (secret)
                {
                    Restrict(path);
                }

                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path));
            if (secret && !OperatingSystem.IsWindows())
            {
                if (File.Exists(path))
                {
                    Restrict(path);
                }

                var options = new FileStreamOptions
                {
                    Mode = FileMode.Create,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                };
                using var stream = new FileStream(path, options);
                byte[] bytes = Utf8NoBom.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }
            else
            {
                File.WriteAllText(path, text, Utf8NoBom);
            }

            return true;
        }

        private static void Restrict(string path)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}
