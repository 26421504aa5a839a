using System;
using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The signed envelope every authenticated document travels in (remote commands, update manifests):
    /// <c>{"body":"&lt;JSON as a string&gt;","sig":"&lt;hex HMAC-SHA256(key, UTF-8 body)&gt;"}</c>. Signing the body's
    /// exact bytes avoids JSON canonicalisation; the comparison is constant-time.
    /// </summary>
    public static class SignedEnvelope
    {
        /// <summary>The envelope opened and the signature matches.</summary>
        public const int Valid = 0;

        /// <summary>Not <c>{"body":"...","sig":"..."}</c>.</summary>
        public const int Malformed = 1;

        /// <summary>Well-formed, but the signature is not the key's.</summary>
        public const int BadSignature = 2;

        /// <summary>
        /// Opens <paramref name="payload"/> (UTF-8). Returns <see cref="Valid"/>, <see cref="Malformed"/> or
        /// <see cref="BadSignature"/>; <paramref name="body"/> is the parsed body when it is a JSON object (also on a bad
        /// signature, so a caller can name the document it refuses), else null.
        /// </summary>
        public static int Open(byte[] payload, byte[] key, out Hashtable body)
        {
            body = null;
            Hashtable envelope;
            try
            {
                envelope = JsonParser.Parse(Encoding.UTF8.GetString(payload, 0, payload.Length)) as Hashtable;
            }
            catch (Exception)
            {
                envelope = null;
            }

            if (envelope == null || !(envelope["body"] is string) || !(envelope["sig"] is string))
            {
                return Malformed;
            }

            string bodyText = (string)envelope["body"];
            byte[] sig = Hex.TryDecode((string)envelope["sig"]);
            byte[] expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(bodyText));
            try
            {
                body = JsonParser.Parse(bodyText) as Hashtable;
            }
            catch (Exception)
            {
                // The caller reports a bad body after the signature check, so an attacker learns nothing about parsing.
            }

            return sig != null && FixedTimeEquals(sig, expected) ? Valid : BadSignature;
        }

        /// <summary>Seals <paramref name="bodyJson"/> under <paramref name="key"/> (the ops tools and tests use the code the node verifies with).</summary>
        public static string Seal(byte[] key, string bodyJson)
        {
            byte[] mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(bodyJson));
            var w = new JsonWriter(bodyJson.Length + 100);
            w.BeginObject().String("body", bodyJson).String("sig", Hex.Encode(mac)).EndObject();
            return w.ToString();
        }

        /// <summary>Equal length and bytes, in time that does not depend on where they differ.</summary>
        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            return a != null && b != null && a.Length == b.Length && FixedTimeEquals(a, b, 0);
        }

        /// <summary>Whether all of <paramref name="a"/> equals <paramref name="b"/> from <paramref name="bOffset"/> on, in time independent of where they differ.</summary>
        public static bool FixedTimeEquals(byte[] a, byte[] b, int bOffset)
        {
            if (a == null || b == null || bOffset < 0 || b.Length - bOffset < a.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[bOffset + i];
            }

            return diff == 0;
        }
    }
}
