using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;

namespace Beacons.Flash.Release
{
    /// <summary>One application file of a bundle, in load order.</summary>
    public sealed record BundleFile(string Name, byte[] Bytes);

    /// <summary>
    /// A signed app bundle ready to publish (docs: shared/Update/README.md, issue 15 design): the manifest envelope
    /// (<see cref="SignedEnvelope"/> under the store's release key, the body <see cref="BundleManifest.Open"/> reads) and
    /// the chunk payloads of every file: 32-byte HMAC-SHA256(release key, ASCII "&lt;seq&gt;/&lt;file&gt;/&lt;chunk&gt;/"
    /// + data) followed by the data, so a chunk is bound to its place in its bundle.
    /// </summary>
    public sealed class ReleaseBundle
    {
        /// <summary>The ASCII marker every nanoFramework .pe starts with (the virtual device refuses anything else too).</summary>
        public static readonly byte[] PeMarker = Encoding.ASCII.GetBytes("NFMRK2");

        private readonly byte[] _key;

        private ReleaseBundle(string version, long seq, string entry, int heapKb, int chunkBytes, IReadOnlyList<BundleFile> files, byte[] key)
        {
            Version = version;
            Seq = seq;
            Entry = entry;
            HeapKb = heapKb;
            ChunkBytes = chunkBytes;
            Files = files;
            _key = key;
            Body = BuildBody();
            Envelope = SignedEnvelope.Seal(key, Body);
        }

        public string Version { get; }

        public long Seq { get; }

        public string Entry { get; }

        public int HeapKb { get; }

        public int ChunkBytes { get; }

        public IReadOnlyList<BundleFile> Files { get; }

        /// <summary>The manifest body JSON exactly as signed.</summary>
        public string Body { get; }

        /// <summary>The manifest envelope <c>{"body":"…","sig":"…"}</c>.</summary>
        public string Envelope { get; }

        public long TotalBytes
        {
            get
            {
                long total = 0;
                foreach (BundleFile f in Files)
                {
                    total += f.Bytes.Length;
                }

                return total;
            }
        }

        public int ChunkCount(int file) => (Files[file].Bytes.Length + ChunkBytes - 1) / ChunkBytes;

        public int TotalChunks
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Files.Count; i++)
                {
                    n += ChunkCount(i);
                }

                return n;
            }
        }

        /// <summary>Builds and signs a bundle; throws <see cref="ArgumentException"/> with a one-line reason when the inputs are unusable.</summary>
        public static ReleaseBundle Create(string version, long seq, string entry, int heapKb, int chunkBytes, IReadOnlyList<BundleFile> files, byte[] releaseKey)
        {
            if (releaseKey == null || releaseKey.Length < 32)
            {
                throw new ArgumentException("the store secrets have no release key (run provision again to add one)");
            }

            if (chunkBytes < BundleManifest.MinChunkBytes || chunkBytes > BundleManifest.MaxChunkBytes)
            {
                throw new ArgumentException($"chunkBytes {chunkBytes}: must be {BundleManifest.MinChunkBytes}..{BundleManifest.MaxChunkBytes}");
            }

            if (files.Count == 0 || files.Count > BundleManifest.MaxFiles)
            {
                throw new ArgumentException($"a bundle has 1-{BundleManifest.MaxFiles} .pe files, this one {files.Count}");
            }

            foreach (BundleFile f in files)
            {
                if (f.Bytes.Length == 0 || f.Bytes.Length > BundleManifest.MaxFileBytes)
                {
                    throw new ArgumentException($"{f.Name}: {f.Bytes.Length} bytes, must be 1-{BundleManifest.MaxFileBytes}");
                }

                if (!f.Bytes.AsSpan().StartsWith(PeMarker))
                {
                    throw new ArgumentException($"{f.Name}: not a nanoFramework .pe (no NFMRK2 marker at offset 0)");
                }
            }

            var bundle = new ReleaseBundle(version, seq, entry, heapKb, chunkBytes, files, releaseKey);

            // The node's own reader on what we sign: if it would refuse the manifest, refuse to publish it.
            BundleManifest opened = BundleManifest.Open(Encoding.UTF8.GetBytes(bundle.Envelope), releaseKey, out string error);
            if (opened == null)
            {
                throw new ArgumentException(error);
            }

            return bundle;
        }

        /// <summary>The retained payload of chunk <paramref name="chunk"/> of file <paramref name="file"/>: MAC then data.</summary>
        public byte[] ChunkPayload(int file, int chunk)
        {
            byte[] bytes = Files[file].Bytes;
            int offset = chunk * ChunkBytes;
            int length = Math.Min(ChunkBytes, bytes.Length - offset);
            if (chunk < 0 || length <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(chunk));
            }

            // The node's own codec (shared/Update/BundleChunk): what it verifies is what we seal.
            return BundleChunk.Seal(_key, Seq, file, chunk, bytes, offset, length);
        }

        // The node's own topic names (shared/Update/BundleChunk) under the store's fw/ prefix, as the firmware builds it.
        public static string ManifestTopic(string prefix, string store, long seq) => BundleChunk.ManifestTopic(FwPrefix(prefix, store), seq);

        public static string ChunkTopic(string prefix, string store, long seq, int file, int chunk) => BundleChunk.Topic(FwPrefix(prefix, store), seq, file, chunk);

        private static string FwPrefix(string prefix, string store) => $"{prefix}/{store}/fw/";

        private string BuildBody()
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("bundle", Version);
                w.WriteNumber("seq", Seq);
                w.WriteString("entry", Entry);
                w.WriteNumber("heapKB", HeapKb);
                w.WriteNumber("chunkBytes", ChunkBytes);
                w.WriteStartArray("files");
                foreach (BundleFile f in Files)
                {
                    w.WriteStartObject();
                    w.WriteString("name", f.Name);
                    w.WriteNumber("size", f.Bytes.Length);
                    w.WriteString("mac", Convert.ToHexString(HMACSHA256.HashData(_key, f.Bytes)).ToLowerInvariant());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }

    /// <summary>
    /// bundle.json in a bundle folder: <c>{"bundle":"1.4.2","seq":42,"entry":"Beacons.Firmware","heapKB":44,
    /// "chunkBytes":2048,"files":["Beacons.Shared.pe","Beacons.Firmware.pe"]}</c> (files in load order, beside it).
    /// Command-line options override its values.
    /// </summary>
    public sealed class BundleSpec
    {
        public const string FileName = "bundle.json";

        public string Bundle { get; set; }

        public long? Seq { get; set; }

        public string Entry { get; set; }

        public int? HeapKB { get; set; }

        public int? ChunkBytes { get; set; }

        public List<string> Files { get; set; }

        public static BundleSpec Load(string folder)
        {
            string path = Path.Combine(folder, FileName);
            if (!File.Exists(path))
            {
                return new BundleSpec();
            }

            try
            {
                return JsonSerializer.Deserialize<BundleSpec>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? new BundleSpec();
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"{path}: {ex.Message}");
            }
        }

        /// <summary>Reads the named files from <paramref name="folder"/> (names only, no paths).</summary>
        public static List<BundleFile> ReadFiles(string folder, IEnumerable<string> names)
        {
            var files = new List<BundleFile>();
            foreach (string name in names)
            {
                if (name.IndexOfAny(new[] { '/', '\\' }) >= 0 || !name.EndsWith(".pe", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"bundle file '{name}': a .pe file name in the bundle folder");
                }

                string path = Path.Combine(folder, name);
                if (!File.Exists(path))
                {
                    throw new ArgumentException($"bundle file not found: {path}");
                }

                files.Add(new BundleFile(name, File.ReadAllBytes(path)));
            }

            return files;
        }
    }
}
