using System.Security.Cryptography;
using Beacons.Shared.Common;

namespace Beacons.Shared.Privacy
{
    /// <summary>
    /// The pseudonyms a consenting shopper may carry in proximity events (docs/privacy.md, "Pseudonyms"):
    /// <list type="bullet">
    /// <item><c>id</c> = first 8 bytes of HMAC-SHA256(storeSecret, epoch as 8-byte big-endian ‖ 8-byte token):
    /// identical on every node of the store within an epoch, unlinkable across epochs without the secret.</item>
    /// <item><c>pid</c> = first 8 bytes of HMAC-SHA256(storeSecret, 8-byte token): stable, only for shoppers who
    /// asked for personalization.</item>
    /// </list>
    /// epoch = floor(unixSeconds / (epochHours × 3600)). Both are written as 16 lower-case hex digits.
    /// Called only when an event for a consenting shopper is written, never per advertisement (the device's HMAC
    /// returns a fresh array per call).
    /// </summary>
    public sealed class PseudonymGenerator
    {
        /// <summary>Bytes kept of the HMAC output (64 bits).</summary>
        public const int PseudonymLength = 8;

        private readonly byte[] _secret;
        private readonly long _epochSeconds;
        private readonly byte[] _epochMessage = new byte[8 + ConsentSignal.TokenLength];
        private readonly byte[] _tokenMessage = new byte[ConsentSignal.TokenLength];

        /// <param name="storeSecret">The store secret (16–64 bytes); the generator keeps its own copy.</param>
        /// <param name="epochHours">Epoch length, 1–168 h.</param>
        public PseudonymGenerator(byte[] storeSecret, int epochHours)
        {
            _secret = new byte[storeSecret.Length];
            for (int i = 0; i < storeSecret.Length; i++)
            {
                _secret[i] = storeSecret[i];
            }

            _epochSeconds = (long)epochHours * 3600;
        }

        /// <summary>The epoch number of a Unix time in seconds (floor division, also for times before 1970).</summary>
        public long EpochOf(long unixSeconds)
        {
            long q = unixSeconds / _epochSeconds;
            if (unixSeconds % _epochSeconds != 0 && unixSeconds < 0)
            {
                q--;
            }

            return q;
        }

        /// <summary>Writes the 8-byte epoch pseudonym of <paramref name="token"/> into <paramref name="dest"/>.</summary>
        public void ComputeId(long epoch, byte[] token, int tokenOffset, byte[] dest, int destOffset)
        {
            for (int i = 0; i < 8; i++)
            {
                _epochMessage[i] = (byte)(epoch >> (56 - 8 * i));
            }

            for (int i = 0; i < ConsentSignal.TokenLength; i++)
            {
                _epochMessage[8 + i] = token[tokenOffset + i];
            }

            Truncate(HMACSHA256.HashData(_secret, _epochMessage), dest, destOffset);
            Wipe(_epochMessage);
        }

        /// <summary>Writes the 8-byte stable (personalization) pseudonym of <paramref name="token"/> into <paramref name="dest"/>.</summary>
        public void ComputePid(byte[] token, int tokenOffset, byte[] dest, int destOffset)
        {
            for (int i = 0; i < ConsentSignal.TokenLength; i++)
            {
                _tokenMessage[i] = token[tokenOffset + i];
            }

            Truncate(HMACSHA256.HashData(_secret, _tokenMessage), dest, destOffset);
            Wipe(_tokenMessage);
        }

        /// <summary>The epoch pseudonym as 16 lower-case hex digits.</summary>
        public string IdHex(long unixSeconds, byte[] token, int tokenOffset)
        {
            byte[] id = new byte[PseudonymLength];
            ComputeId(EpochOf(unixSeconds), token, tokenOffset, id, 0);
            return Hex.Encode(id);
        }

        /// <summary>The stable pseudonym as 16 lower-case hex digits.</summary>
        public string PidHex(byte[] token, int tokenOffset)
        {
            byte[] pid = new byte[PseudonymLength];
            ComputePid(token, tokenOffset, pid, 0);
            return Hex.Encode(pid);
        }

        private static void Truncate(byte[] mac, byte[] dest, int destOffset)
        {
            for (int i = 0; i < PseudonymLength; i++)
            {
                dest[destOffset + i] = mac[i];
            }

            Wipe(mac);
        }

        /// <summary>Tokens pass through scratch buffers; they must not linger there after the call.</summary>
        private static void Wipe(byte[] b)
        {
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = 0;
            }
        }
    }
}
