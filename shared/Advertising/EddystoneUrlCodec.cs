using System.Text;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Eddystone-URL compression (google/eddystone eddystone-url/README.md): one scheme-prefix byte (0x00-0x03),
    /// then the URL's printable US-ASCII characters with the text-expansion codes 0x00-0x0D standing for
    /// <c>.com/</c> … <c>.gov</c>. At most 17 bytes may follow the scheme byte, so that the frame fits 31 bytes.
    /// </summary>
    public static class EddystoneUrlCodec
    {
        /// <summary>Maximum encoded bytes after the scheme byte.</summary>
        public const int MaxEncodedBytes = 17;

        /// <summary>The config key URL errors name by default.</summary>
        public const string ConfigKey = "beacon.eddystone.url";

        private static readonly string[] Schemes = { "http://www.", "https://www.", "http://", "https://" };

        private static readonly string[] Expansions =
        {
            ".com/", ".org/", ".edu/", ".net/", ".info/", ".biz/", ".gov/",
            ".com", ".org", ".edu", ".net", ".info", ".biz", ".gov",
        };

        /// <summary>Text of scheme code <paramref name="code"/> (0..3), or null.</summary>
        public static string SchemeText(int code)
        {
            return code >= 0 && code < Schemes.Length ? Schemes[code] : null;
        }

        /// <summary>Text of expansion code <paramref name="code"/> (0..13), or null.</summary>
        public static string ExpansionText(int code)
        {
            return code >= 0 && code < Expansions.Length ? Expansions[code] : null;
        }

        /// <summary>Encodes with errors naming <see cref="ConfigKey"/>.</summary>
        public static int Encode(string url, byte[] output, int offset)
        {
            return Encode(url, output, offset, ConfigKey);
        }

        /// <summary>
        /// Encodes <paramref name="url"/> into <paramref name="output"/> (room for 18 bytes needed) and returns the
        /// byte count, scheme byte included. The encoding is the shortest possible: the longest scheme prefix, then at
        /// each position the longest expansion that matches. Greedy is optimal here because every expansion starts
        /// with '.', contains no other '.', and the shorter form of a match only leaves a '/' that costs a byte more.
        /// Matching is case-sensitive (a decoder expands to lower case, so upper-case text is kept as typed).
        /// </summary>
        /// <exception cref="ConfigException">Keyed <paramref name="key"/>: the scheme is not http(s)://, the URL is
        /// empty after the scheme, has a character outside printable US-ASCII (0x21-0x7E), or needs more than 17 bytes.</exception>
        public static int Encode(string url, byte[] output, int offset, string key)
        {
            if (url == null || url.Length == 0)
            {
                throw new ConfigException(key, "is empty");
            }

            int scheme = -1;
            int schemeLength = 0;
            for (int s = 0; s < Schemes.Length; s++)
            {
                if (Schemes[s].Length > schemeLength && url.StartsWith(Schemes[s]))
                {
                    scheme = s;
                    schemeLength = Schemes[s].Length;
                }
            }

            if (scheme < 0)
            {
                throw new ConfigException(key, "must start with http:// or https:// (lower case)");
            }

            if (url.Length == schemeLength)
            {
                throw new ConfigException(key, "has nothing after the scheme");
            }

            output[offset] = (byte)scheme;
            int count = 0;
            int i = schemeLength;
            while (i < url.Length)
            {
                char c = url[i];
                if (c < (char)0x21 || c > (char)0x7E)
                {
                    throw new ConfigException(key, "has a character outside printable US-ASCII at position " + i + " (spaces and non-ASCII must be percent-encoded)");
                }

                int code = -1;
                int matched = 0;
                if (c == '.')
                {
                    for (int e = 0; e < Expansions.Length; e++)
                    {
                        string x = Expansions[e];
                        if (x.Length > matched && Matches(url, i, x))
                        {
                            code = e;
                            matched = x.Length;
                        }
                    }
                }

                if (count == MaxEncodedBytes)
                {
                    throw new ConfigException(key, "does not fit an Eddystone-URL frame: more than " + MaxEncodedBytes
                        + " bytes after compression (use a shorter URL or a URL shortener)");
                }

                if (code >= 0)
                {
                    output[offset + 1 + count] = (byte)code;
                    i += matched;
                }
                else
                {
                    output[offset + 1 + count] = (byte)c;
                    i++;
                }

                count++;
            }

            return count + 1;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes (scheme byte first) back to the URL text, or returns null when a byte
        /// is reserved (scheme above 0x03, 0x0E-0x20, 0x7F-0xFF) or the count is outside 1..18.
        /// </summary>
        public static string Decode(byte[] data, int offset, int count)
        {
            if (count < 1 || count > MaxEncodedBytes + 1 || data[offset] >= Schemes.Length)
            {
                return null;
            }

            var sb = new StringBuilder(64);
            sb.Append(Schemes[data[offset]]);
            for (int i = 1; i < count; i++)
            {
                byte b = data[offset + i];
                if (b < Expansions.Length)
                {
                    sb.Append(Expansions[b]);
                }
                else if (b >= 0x21 && b <= 0x7E)
                {
                    sb.Append((char)b);
                }
                else
                {
                    return null;
                }
            }

            return sb.ToString();
        }

        private static bool Matches(string text, int at, string part)
        {
            if (at + part.Length > text.Length)
            {
                return false;
            }

            for (int k = 0; k < part.Length; k++)
            {
                if (text[at + k] != part[k])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
