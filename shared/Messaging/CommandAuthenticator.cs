using System;
using System.Collections;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Checks a signed remote command before anything acts on it (docs/mqtt.md, "Commands"). The broker ACL already
    /// limits who may publish to a device's <c>cmd</c> topic; this adds end-to-end authenticity, so a leaked ops
    /// credential or a misconfigured broker cannot move stock counts or loosen the privacy policy.
    /// <para>Envelope: <c>{"body":"&lt;command JSON as a string&gt;","sig":"&lt;hex HMAC-SHA256(commandKey, UTF-8 body)&gt;"}</c>.
    /// Signing the body's exact bytes avoids JSON canonicalisation. The body carries <c>id</c>, <c>device</c> (this
    /// node: a command signed for one node cannot be replayed on another), <c>ts</c> (Unix seconds), <c>nonce</c>
    /// (16–64 hex digits, unique per command) and <c>cmd</c> with its arguments.</para>
    /// A command is stale outside ±<see cref="MaxSkewS"/> of the node's clock, and a replay is caught by remembering
    /// the nonces of the last <see cref="NonceMemory"/> accepted commands; when that memory is full, commands older
    /// than the oldest remembered one are refused, so a replay can never slip through by age. Across reboots the
    /// <see cref="CommandFloor"/> on flash refuses everything signed at or before the newest command accepted earlier.
    /// </summary>
    public sealed class CommandAuthenticator
    {
        public const int MaxSkewS = 300;
        public const int NonceMemory = 32;

        private readonly byte[] _key;
        private readonly string _deviceId;
        private readonly string[] _nonces = new string[NonceMemory];
        private readonly long[] _nonceTs = new long[NonceMemory];
        private int _nonceNext;
        private readonly CommandFloor _persisted;
        private long _floorTs;

        /// <param name="commandKeyHex">The per-device command key, 32–128 hex digits (provisioned; a secret).</param>
        /// <param name="floor">The replay floor kept across reboots; null keeps replay protection for this boot only.</param>
        public CommandAuthenticator(string commandKeyHex, string deviceId, CommandFloor floor)
        {
            _key = Hex.TryDecode(commandKeyHex);
            _deviceId = deviceId;
            _persisted = floor;
            _floorTs = floor == null ? long.MinValue : floor.BootFloorTs;
        }

        /// <summary>An authenticator whose replay memory ends with the process (tests, tools).</summary>
        public CommandAuthenticator(string commandKeyHex, string deviceId)
            : this(commandKeyHex, deviceId, null)
        {
        }

        /// <summary>
        /// Verifies <paramref name="payload"/>; on success returns the parsed command body, otherwise throws
        /// <see cref="CommandRejectedException"/> with the reason (never echoing the key or the signature).
        /// </summary>
        public Hashtable Verify(byte[] payload, long nowUnixS)
        {
            if (_key == null || _key.Length < 16)
            {
                throw new CommandRejectedException(null, "unauthorized", "no command key is provisioned on this device");
            }

            Hashtable body;
            int opened = SignedEnvelope.Open(payload, _key, out body);
            if (opened == SignedEnvelope.Malformed)
            {
                throw new CommandRejectedException(null, "malformed", "expected {\"body\":\"...\",\"sig\":\"...\"}");
            }

            string id = body != null ? body["id"] as string : null;
            if (opened != SignedEnvelope.Valid)
            {
                throw new CommandRejectedException(id, "unauthorized", "bad signature");
            }

            if (body == null || id == null || id.Length == 0 || id.Length > 64)
            {
                throw new CommandRejectedException(id, "malformed", "body must be an object with an id of 1-64 characters");
            }

            if (!(body["device"] is string) || (string)body["device"] != _deviceId)
            {
                throw new CommandRejectedException(id, "unauthorized", "command is addressed to another device");
            }

            if (!(body["ts"] is double))
            {
                throw new CommandRejectedException(id, "malformed", "ts (Unix seconds) is required");
            }

            long ts = (long)(double)body["ts"];
            if (ts < nowUnixS - MaxSkewS || ts > nowUnixS + MaxSkewS)
            {
                throw new CommandRejectedException(id, "stale", "timestamp outside +-" + MaxSkewS + " s of the device clock");
            }

            string nonce = body["nonce"] as string;
            if (nonce == null || nonce.Length < 16 || nonce.Length > 64 || Hex.TryDecode(nonce) == null)
            {
                throw new CommandRejectedException(id, "malformed", "nonce must be 16-64 hex digits");
            }

            if (ts <= _floorTs)
            {
                throw new CommandRejectedException(id, "replayed", "not newer than the commands accepted before (replay window)");
            }

            for (int i = 0; i < NonceMemory; i++)
            {
                if (_nonces[i] != null && _nonces[i] == nonce)
                {
                    throw new CommandRejectedException(id, "replayed", "nonce already used");
                }
            }

            if (_persisted != null)
            {
                try
                {
                    _persisted.Accept(ts);
                }
                catch (Exception)
                {
                    throw new CommandRejectedException(id, "storage", "cannot record the command on flash, so it is not run (it would be replayable after a reboot)");
                }
            }

            if (_nonces[_nonceNext] != null && _nonceTs[_nonceNext] > _floorTs)
            {
                _floorTs = _nonceTs[_nonceNext];
            }

            _nonces[_nonceNext] = nonce;
            _nonceTs[_nonceNext] = ts;
            _nonceNext = (_nonceNext + 1) % NonceMemory;
            return body;
        }

        /// <summary>Signs a command body for this key (the ops tool and tests use the same code the node verifies with).</summary>
        public static string Sign(string commandKeyHex, string bodyJson)
        {
            return SignedEnvelope.Seal(Hex.TryDecode(commandKeyHex), bodyJson);
        }
    }
}
