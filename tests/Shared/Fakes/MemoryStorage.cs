using System.Collections;
using Beacons.Shared.Common;

namespace Beacons.Tests.Fakes
{
    /// <summary>
    /// In-RAM <see cref="IStorage"/> and <see cref="IBlobStorage"/> with a switch to make writes fail like a full or
    /// worn flash, and a byte budget after which appends are cut short like a power cut mid-write.
    /// </summary>
    public sealed class MemoryStorage : IStorage, IBlobStorage
    {
        private readonly Hashtable _files = new Hashtable();
        private readonly Hashtable _blobs = new Hashtable();

        /// <summary>Bytes appends may still write before the "power" fails (-1: unlimited); the cut append writes a prefix and throws.</summary>
        public long AppendBudgetBytes { get; set; } = -1;

        public bool FailWrites { get; set; }

        public int Writes { get; private set; }

        public string ReadText(string name)
        {
            return _files.Contains(name) ? (string)_files[name] : null;
        }

        public void WriteText(string name, string text)
        {
            if (FailWrites)
            {
                throw new System.IO.IOException("flash write failed");
            }

            Writes++;
            _files[name] = text;
        }

        public void AppendText(string name, string text)
        {
            if (FailWrites)
            {
                throw new System.IO.IOException("flash write failed");
            }

            Writes++;
            _files[name] = ReadText(name) + text;
        }

        public bool Exists(string name)
        {
            return _files.Contains(name) || _blobs.Contains(name);
        }

        public void Delete(string name)
        {
            _files.Remove(name);
            _blobs.Remove(name);
        }

        public long Length(string name)
        {
            return _blobs.Contains(name) ? ((byte[])_blobs[name]).Length : -1;
        }

        public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
        {
            if (!_blobs.Contains(name))
            {
                return 0;
            }

            var bytes = (byte[])_blobs[name];
            if (offset >= bytes.Length)
            {
                return 0;
            }

            long left = bytes.Length - offset;
            int n = left < count ? (int)left : count;
            System.Array.Copy(bytes, (int)offset, buffer, bufferOffset, n);
            return n;
        }

        public byte[] ReadAll(string name)
        {
            if (!_blobs.Contains(name))
            {
                return null;
            }

            var bytes = (byte[])_blobs[name];
            var copy = new byte[bytes.Length];
            System.Array.Copy(bytes, copy, bytes.Length);
            return copy;
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            if (FailWrites)
            {
                throw new System.IO.IOException("flash write failed");
            }

            bool cut = AppendBudgetBytes >= 0 && count > AppendBudgetBytes;
            int n = cut ? (int)AppendBudgetBytes : count;
            byte[] old = _blobs.Contains(name) ? (byte[])_blobs[name] : new byte[0];
            var grown = new byte[old.Length + n];
            System.Array.Copy(old, grown, old.Length);
            System.Array.Copy(buffer, offset, grown, old.Length, n);
            _blobs[name] = grown;
            Writes++;
            if (AppendBudgetBytes >= 0)
            {
                AppendBudgetBytes -= n;
            }

            if (cut)
            {
                throw new System.IO.IOException("power cut during write");
            }
        }

        public void Move(string from, string to)
        {
            if (!_blobs.Contains(from))
            {
                throw new System.IO.IOException("no file " + from);
            }

            _blobs[to] = _blobs[from];
            _blobs.Remove(from);
        }
    }
}
