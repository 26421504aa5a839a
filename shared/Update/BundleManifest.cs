using System.Collections;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using System.Security.Cryptography;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// The signed manifest of an app bundle: its version, a sequence number that only goes up, the entry assembly, the
    /// managed heap the app needs besides its own bytes, and the application <c>.pe</c> files in load (dependency)
    /// order, each with its size and MAC. Travels in a <see cref="SignedEnvelope"/> under the store's release key.
    /// </summary>
    /// <remarks>
    /// Body: <c>{"bundle":"1.4.2","seq":42,"entry":"Beacons.Firmware","heapKB":44,"chunkBytes":2048,"files":[{"name":"Beacons.Shared.pe",
    /// "size":101472,"mac":"&lt;64 hex&gt;"},…]}</c>. A file's MAC is HMAC-SHA256(release key, file bytes), not a plain
    /// SHA-256: nanoFramework's crypto library on ESP32 has HMAC-SHA256 (native, Mbed TLS) but no SHA-256 class, and
    /// a keyed digest also means no file can be swapped even by someone who can rewrite the manifest's list. Why HMAC
    /// and not a public-key signature: the device has no native asymmetric verification, and a managed one on the
    /// interpreter would take minutes per bundle; the price is that a key read out of one node's flash can sign
    /// bundles for that store (keys are per store, so never for the chain).
    /// </remarks>
    public sealed class BundleManifest
    {
        /// <summary>Most files in a bundle.</summary>
        public const int MaxFiles = 16;

        /// <summary>Largest file, bytes (an app assembly is 30–110 KB).</summary>
        public const int MaxFileBytes = 512 * 1024;

        /// <summary>Chunk size when the manifest names none (<c>chunkBytes</c>), and its bounds.</summary>
        public const int DefaultChunkBytes = 2048;
        public const int MinChunkBytes = 256;
        public const int MaxChunkBytes = 4096;

        private readonly string[] _names;
        private readonly int[] _sizes;
        private readonly byte[][] _macs;

        private BundleManifest(string version, long seq, string entry, int heapKb, int chunkBytes, string[] names, int[] sizes, byte[][] macs)
        {
            Version = version;
            ChunkBytes = chunkBytes;
            Seq = seq;
            Entry = entry;
            HeapKb = heapKb;
            _names = names;
            _sizes = sizes;
            _macs = macs;
        }

        /// <summary>Human version, e.g. 1.4.2 (reported in status as <c>bundle</c>).</summary>
        public string Version { get; }

        /// <summary>Sequence number: only a higher one is ever staged.</summary>
        public long Seq { get; }

        /// <summary>Assembly whose entry point the loader runs.</summary>
        public string Entry { get; }

        /// <summary>Managed heap the running app needs besides the bundle's own bytes, KB.</summary>
        public int HeapKb { get; }

        /// <summary>Bytes per delivery chunk over MQTT (the last chunk of a file is shorter).</summary>
        public int ChunkBytes { get; }

        /// <summary>Chunks file <paramref name="index"/> travels in.</summary>
        public int ChunkCount(int index)
        {
            return (_sizes[index] + ChunkBytes - 1) / ChunkBytes;
        }

        public int FileCount
        {
            get { return _names.Length; }
        }

        public string FileName(int index)
        {
            return _names[index];
        }

        public int FileSize(int index)
        {
            return _sizes[index];
        }

        /// <summary>Bytes of all files: what <c>Assembly.Load(byte[])</c> keeps resident.</summary>
        public long TotalBytes
        {
            get
            {
                long total = 0;
                for (int i = 0; i < _sizes.Length; i++)
                {
                    total += _sizes[i];
                }

                return total;
            }
        }

        /// <summary>
        /// Opens and checks a manifest envelope. Returns the manifest, or null with <paramref name="error"/> set to a
        /// one-line reason (never echoing the key or a MAC).
        /// </summary>
        public static BundleManifest Open(byte[] envelope, byte[] releaseKey, out string error)
        {
            error = null;
            if (releaseKey == null || releaseKey.Length < 16)
            {
                error = "no release key is provisioned on this device";
                return null;
            }

            Hashtable body = null;
            int opened = envelope == null ? SignedEnvelope.Malformed : SignedEnvelope.Open(envelope, releaseKey, out body);
            if (opened == SignedEnvelope.Malformed)
            {
                error = "manifest: expected {\"body\":\"...\",\"sig\":\"...\"}";
                return null;
            }

            if (opened != SignedEnvelope.Valid)
            {
                error = "manifest: bad signature";
                return null;
            }

            if (body == null)
            {
                error = "manifest: the body must be a JSON object";
                return null;
            }

            try
            {
                return Read(new ConfigSection(body, ""));
            }
            catch (ConfigException ex)
            {
                error = "manifest: " + ex.Message;
                return null;
            }
        }

        private static BundleManifest Read(ConfigSection s)
        {
            string version = s.RequireString("bundle");
            if (version.Length > 32)
            {
                throw new ConfigException(s.KeyPath("bundle"), "must be 1-32 characters");
            }

            long seq = RequireLong(s, "seq", 1, 2000000000);
            int heapKb = (int)RequireLong(s, "heapKB", 0, 4096);
            string entry = s.RequireString("entry");
            if (!SafeName(entry, false))
            {
                throw new ConfigException(s.KeyPath("entry"), "must be an assembly name of 1-64 letters, digits, '.', '_' or '-'");
            }

            int chunkBytes = s.Has("chunkBytes") ? (int)RequireLong(s, "chunkBytes", MinChunkBytes, MaxChunkBytes) : DefaultChunkBytes;
            ConfigSection[] files = s.SectionArray("files", MaxFiles);
            if (files.Length == 0)
            {
                throw new ConfigException(s.KeyPath("files"), "must list 1-" + MaxFiles + " files");
            }

            var names = new string[files.Length];
            var sizes = new int[files.Length];
            var macs = new byte[files.Length][];
            for (int i = 0; i < files.Length; i++)
            {
                string name = files[i].RequireString("name");
                if (!SafeName(name, true))
                {
                    throw new ConfigException(files[i].KeyPath("name"), "must be a *.pe file name of 1-64 letters, digits, '.', '_' or '-'");
                }

                for (int j = 0; j < i; j++)
                {
                    if (names[j] == name)
                    {
                        throw new ConfigException(files[i].KeyPath("name"), "repeats " + name);
                    }
                }

                names[i] = name;
                sizes[i] = (int)RequireLong(files[i], "size", 1, MaxFileBytes);
                macs[i] = Hex.TryDecode(files[i].RequireString("mac"));
                if (macs[i] == null || macs[i].Length != 32)
                {
                    throw new ConfigException(files[i].KeyPath("mac"), "must be 64 hex digits");
                }
            }

            return new BundleManifest(version, seq, entry, heapKb, chunkBytes, names, sizes, macs);
        }

        /// <summary>Whether <paramref name="bytes"/> are file <paramref name="index"/> exactly: its size and its MAC under the release key.</summary>
        public bool VerifyFile(int index, byte[] bytes, byte[] releaseKey)
        {
            if (bytes == null || index < 0 || index >= _names.Length || bytes.Length != _sizes[index])
            {
                return false;
            }

            return SignedEnvelope.FixedTimeEquals(HMACSHA256.HashData(releaseKey, bytes), _macs[index]);
        }

        /// <summary>
        /// Whether the bundle fits a heap with <paramref name="freeHeapBytes"/> free before loading: its files stay
        /// resident (<c>Assembly.Load</c> cannot unload) and the app needs <see cref="HeapKb"/> besides. Returns null
        /// when it fits, else the one-line reason the loader refuses it before switching.
        /// </summary>
        public string CheckFits(long freeHeapBytes)
        {
            long need = TotalBytes + ((long)HeapKb * 1024);
            return need <= freeHeapBytes ? null : "bundle " + Version + " needs " + (need / 1024) + " KB of heap, " + (freeHeapBytes / 1024) + " KB free";
        }

        private static long RequireLong(ConfigSection s, string key, long min, long max)
        {
            if (!s.Has(key))
            {
                throw new ConfigException(s.KeyPath(key), "is required");
            }

            return s.GetLong(key, 0, min, max);
        }

        private static bool SafeName(string name, bool pe)
        {
            if (name == null || name.Length == 0 || name.Length > 64 || name[0] == '.')
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return !pe || (name.Length > 3 && name.EndsWith(".pe"));
        }
    }
}
