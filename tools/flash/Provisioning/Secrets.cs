using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacons.Flash.Provisioning
{
    /// <summary>One node's generated secrets.</summary>
    public sealed class DeviceSecrets
    {
        /// <summary>MQTT password for user &lt;store&gt;/&lt;device&gt; (URL-safe base64 of 24 random bytes: 192 bits).</summary>
        public string MqttPassword { get; set; }

        /// <summary>HMAC-SHA256 key for signed commands: 32 random bytes as 64 hex digits.</summary>
        public string CommandKey { get; set; }

        /// <summary>Eddystone-EID identity key (16 bytes, 32 hex digits); only for beacons that request EID.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string EidIdentityKey { get; set; }
    }

    /// <summary>
    /// secrets.json in the output folder: the store's secrets for its backend (ops tools verify and sign with them).
    /// It is also the memory of provisioning: a re-run reads it back so existing secrets are never regenerated.
    /// </summary>
    public sealed class StoreSecrets
    {
        public const string FileName = "secrets.json";

        private static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            NewLine = "\n",
        };

        public int Schema { get; set; } = 1;

        public string Store { get; set; }

        /// <summary>Key of the store's proximity pseudonyms (32 bytes hex). One per store: every node must derive the same pseudonym.</summary>
        public string StoreSecret { get; set; }

        /// <summary>
        /// Key of the store's app bundles (32 bytes hex): the release tool signs manifests and chunks with it, every node
        /// of the store verifies with it (<c>update.releaseKey</c>). One per store, like <see cref="StoreSecret"/>.
        /// </summary>
        public string ReleaseKey { get; set; }

        /// <summary>Password of the store's ops MQTT user ops-&lt;store&gt; (see the generated ACL).</summary>
        public string OpsPassword { get; set; }

        public SortedDictionary<string, DeviceSecrets> Devices { get; set; } = new(StringComparer.Ordinal);

        public static StoreSecrets Load(string path)
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<StoreSecrets>(File.ReadAllText(path), Options) : null;
        }

        public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

        /// <summary>Every secret value, for output redaction.</summary>
        public IEnumerable<string> All()
        {
            yield return StoreSecret;
            yield return OpsPassword;
            yield return ReleaseKey;
            foreach (DeviceSecrets d in Devices.Values)
            {
                yield return d.MqttPassword;
                yield return d.CommandKey;
                yield return d.EidIdentityKey;
            }
        }
    }

    /// <summary>
    /// Where secret bytes come from: <see cref="RandomNumberGenerator"/>, or, for golden-file tests only, a seed
    /// (HMAC-SHA256(seed, label)) so that the same manifest always gives the same files. Never use a seed for a real store.
    /// </summary>
    public sealed class SecretGenerator
    {
        private readonly byte[] _seed;

        public SecretGenerator(string testSeed)
        {
            _seed = testSeed == null ? null : Encoding.UTF8.GetBytes("beacons-flash-test-seed:" + testSeed);
        }

        public bool IsSeeded => _seed != null;

        public byte[] Bytes(string label, int count)
        {
            if (_seed == null)
            {
                return RandomNumberGenerator.GetBytes(count);
            }

            byte[] block = HMACSHA256.HashData(_seed, Encoding.UTF8.GetBytes(label));
            if (count > block.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            return block.AsSpan(0, count).ToArray();
        }

        public string Hex(string label, int count) => Convert.ToHexString(Bytes(label, count)).ToLowerInvariant();

        public string UrlSafeBase64(string label, int count) =>
            Convert.ToBase64String(Bytes(label, count)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
