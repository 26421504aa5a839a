using System;
using System.Security.Cryptography;
using System.Text;
using Beacons.Shared.Messaging;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// One delivery chunk on <c>&lt;prefix&gt;/&lt;store&gt;/fw/&lt;seq&gt;/&lt;file&gt;/&lt;chunk&gt;</c> (retained, QoS 1,
    /// binary): 32 bytes of HMAC-SHA256(release key, ASCII <c>"&lt;seq&gt;/&lt;file&gt;/&lt;chunk&gt;/"</c> followed by the
    /// data), then the data. The MAC is bound to the chunk's place, so a chunk moved to another position or bundle fails
    /// like a corrupted one, before it touches flash. The release tool and the tests seal with the code the node checks.
    /// </summary>
    public static class BundleChunk
    {
        /// <summary>Bytes of the MAC in front of the data.</summary>
        public const int MacBytes = 32;

        /// <summary>The chunk's topic under <paramref name="fwPrefix"/> (<c>&lt;prefix&gt;/&lt;store&gt;/fw/</c>).</summary>
        public static string Topic(string fwPrefix, long seq, int file, int chunk)
        {
            return fwPrefix + seq + "/" + file + "/" + chunk;
        }

        /// <summary>The manifest's topic under <paramref name="fwPrefix"/>.</summary>
        public static string ManifestTopic(string fwPrefix, long seq)
        {
            return fwPrefix + seq + "/manifest";
        }

        /// <summary>The retained payload for <paramref name="count"/> data bytes at <paramref name="offset"/>.</summary>
        public static byte[] Seal(byte[] releaseKey, long seq, int file, int chunk, byte[] data, int offset, int count)
        {
            byte[] mac = Mac(releaseKey, seq, file, chunk, data, offset, count);
            var payload = new byte[MacBytes + count];
            Array.Copy(mac, 0, payload, 0, MacBytes);
            Array.Copy(data, offset, payload, MacBytes, count);
            return payload;
        }

        /// <summary>Whether <paramref name="payload"/> is a sealed chunk of this place with exactly <paramref name="dataBytes"/> data bytes.</summary>
        public static bool Verify(byte[] releaseKey, long seq, int file, int chunk, byte[] payload, int dataBytes)
        {
            if (payload == null || payload.Length != MacBytes + dataBytes || dataBytes <= 0)
            {
                return false;
            }

            byte[] expected = Mac(releaseKey, seq, file, chunk, payload, MacBytes, dataBytes);
            return SignedEnvelope.FixedTimeEquals(expected, payload, 0);
        }

        private static byte[] Mac(byte[] releaseKey, long seq, int file, int chunk, byte[] data, int offset, int count)
        {
            // nanoFramework's HMACSHA256 hashes one whole array, so the place and the data go into one buffer.
            byte[] place = Encoding.UTF8.GetBytes(seq + "/" + file + "/" + chunk + "/");
            var input = new byte[place.Length + count];
            Array.Copy(place, 0, input, 0, place.Length);
            Array.Copy(data, offset, input, place.Length, count);
            return HMACSHA256.HashData(releaseKey, input);
        }
    }
}
