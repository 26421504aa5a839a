using System;
using System.IO;
using Beacons.Shared.Common;

namespace Beacons.Firmware.Platform
{
    /// <summary>
    /// <see cref="IStorage"/> over System.IO.File on the internal flash drive. Writes go to a temporary file that is then
    /// moved over the target, so a power cut mid-write leaves the old file intact (littlefs renames atomically).
    /// Binary files (bundles, download parts) through <see cref="IBlobStorage"/>.
    /// </summary>
    public sealed class FlashStorage : IStorage, IBlobStorage
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
    
        public long Length(string name)
        {
            try
            {
                string path = StorageRoot.PathOf(name);
                if (!File.Exists(path))
                {
                    return -1;
                }

                using (var f = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return f.Length;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
        {
            try
            {
                string path = StorageRoot.PathOf(name);
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (var f = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    if (offset >= f.Length)
                    {
                        return 0;
                    }

                    f.Seek(offset, SeekOrigin.Begin);
                    int total = 0;
                    while (total < count)
                    {
                        int n = f.Read(buffer, bufferOffset + total, count - total);
                        if (n <= 0)
                        {
                            break;
                        }

                        total += n;
                    }

                    return total;
                }
            }
            catch (Exception)
            {
                return 0;
            }
        }

        public byte[] ReadAll(string name)
        {
            try
            {
                string path = StorageRoot.PathOf(name);
                return File.Exists(path) ? File.ReadAllBytes(path) : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            using (var f = new FileStream(StorageRoot.PathOf(name), FileMode.Append, FileAccess.Write))
            {
                f.Write(buffer, offset, count);
            }
        }

        public void Move(string from, string to)
        {
            string target = StorageRoot.PathOf(to);
            if (File.Exists(target))
            {
                File.Delete(target);
            }

            File.Move(StorageRoot.PathOf(from), target);
        }
    }
}
