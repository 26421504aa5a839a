using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacons.Shared.Messaging;

namespace Beacons.Flash.Release
{
    /// <summary>
    /// Signs remote commands the way <see cref="CommandAuthenticator"/> verifies them: body
    /// <c>{"id","device","ts","nonce","cmd",…arguments}</c>, sealed in a <see cref="SignedEnvelope"/> under the node's
    /// own command key. Each body gets a fresh 128-bit nonce, and a node's timestamps only go up (the node's
    /// <see cref="CommandFloor"/> refuses anything signed at or before the newest command it accepted).
    /// </summary>
    public sealed class CommandSigner
    {
        private readonly Func<long> _clock;
        private readonly Dictionary<string, long> _lastTs = new(StringComparer.Ordinal);
        private int _counter;

        public CommandSigner(Func<long> unixSecondsClock = null)
        {
            _clock = unixSecondsClock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }

        /// <summary>The envelope of <c>{"cmd":"update","seq":…}</c> for <paramref name="device"/>.</summary>
        public string Update(string device, string commandKeyHex, long seq) =>
            Sign(device, commandKeyHex, "update", w => w.WriteNumber("seq", seq));

        /// <summary>Signs command <paramref name="cmd"/>; <paramref name="arguments"/> writes its extra fields.</summary>
        public string Sign(string device, string commandKeyHex, string cmd, Action<Utf8JsonWriter> arguments = null)
        {
            if (commandKeyHex == null || commandKeyHex.Length < 32)
            {
                throw new ArgumentException($"no command key for device '{device}' in the store secrets");
            }

            long ts = _clock();
            if (_lastTs.TryGetValue(device, out long last) && ts <= last)
            {
                ts = last + 1;
            }

            _lastTs[device] = ts;
            _counter++;
            string id = $"rel-{ts}-{_counter}";
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("device", device);
                w.WriteNumber("ts", ts);
                w.WriteString("nonce", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
                w.WriteString("cmd", cmd);
                arguments?.Invoke(w);
                w.WriteEndObject();
            }

            LastId = id;
            return CommandAuthenticator.Sign(commandKeyHex, Encoding.UTF8.GetString(stream.ToArray()));
        }

        /// <summary>The id of the last command signed.</summary>
        public string LastId { get; private set; }
    }
}
