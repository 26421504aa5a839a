using System.Collections;
using Beacons.Shared.Common;

namespace Beacons.Tests.Fakes
{
    /// <summary>In-RAM <see cref="IStorage"/> with a switch to make writes fail like a full or worn flash.</summary>
    public sealed class MemoryStorage : IStorage
    {
        private readonly Hashtable _files = new Hashtable();

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
            return _files.Contains(name);
        }

        public void Delete(string name)
        {
            _files.Remove(name);
        }
    }
}
