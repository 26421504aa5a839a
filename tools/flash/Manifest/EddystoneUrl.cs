using System;

namespace Beacons.Flash.Manifest
{
    /// <summary>Eddystone-URL frame limits: a scheme prefix byte plus at most 17 encoded bytes.</summary>
    public static class EddystoneUrl
    {
        private static readonly string[] Schemes = { "http://www.", "https://www.", "http://", "https://" };

        // Each expansion code stands for one of these texts in a single byte (Eddystone-URL spec, "URL Encoding").
        private static readonly string[] Expansions =
        {
            ".com/", ".org/", ".edu/", ".net/", ".info/", ".biz/", ".gov/", ".com", ".org", ".edu", ".net", ".info", ".biz", ".gov",
        };

        public const int MaxEncodedBytes = 17;

        /// <summary>Null when the URL fits in a frame, otherwise why not.</summary>
        public static string Problem(string url)
        {
            string rest = null;
            foreach (string scheme in Schemes)
            {
                if (url.StartsWith(scheme, StringComparison.Ordinal))
                {
                    rest = url.Substring(scheme.Length);
                    break;
                }
            }

            if (rest == null)
            {
                return "must start with http:// or https://";
            }

            int bytes = 0;
            int i = 0;
            while (i < rest.Length)
            {
                if (rest[i] <= ' ' || rest[i] > '~')
                {
                    return "may only contain printable ASCII characters";
                }

                string hit = Array.Find(Expansions, e => string.CompareOrdinal(rest, i, e, 0, e.Length) == 0);
                i += hit?.Length ?? 1;
                bytes++;
            }

            return bytes > MaxEncodedBytes
                ? $"is {bytes} bytes once encoded; an Eddystone-URL frame holds {MaxEncodedBytes} (use a short link)"
                : null;
        }
    }
}
