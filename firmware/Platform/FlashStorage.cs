using System;
using System.IO;
using Beacons.Shared.Common;

namespace Beacons.Firmware.Platform
{
    /// <summary>
    /// <see cref="IStorage"/> over System.IO.File on the internal flash drive. Writes go to a temporary file that is then
    /// moved over the target, so a power cut mid-write leaves the old file intact (littlefs renames atomically).
    /// </summary>
    public sealed class FlashStorage : IStorage
    {
        public string ReadText(string name)
        {
            try
            {
                string path = StorageRoot.PathOf(name);
                if (File.Exists(path))
                {
                    return File.ReadAllText(path);
                }

                // A power cut between WriteText's delete and move leaves only the complete temporary file.
                string temp = StorageRoot.PathOf(name + ".tmp");
                return File.Exists(temp) ? File.ReadAllText(temp) : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        public void WriteText(string name, string text)
        {
            string path = StorageRoot.PathOf(name);
            string temp = StorageRoot.PathOf(name + ".tmp");
            File.WriteAllText(temp, text);
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temp, path);
        }

        public void AppendText(string name, string text)
        {
            File.AppendAllText(StorageRoot.PathOf(name), text);
        }

        public bool Exists(string name)
        {
            return File.Exists(StorageRoot.PathOf(name));
        }

        public void Delete(string name)
        {
            string path = StorageRoot.PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
