using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>Shared validation steps of the beacon option classes. Messages never repeat the value, because some
    /// values (the EID identity key) are secrets.</summary>
    internal static class OptionChecks
    {
        internal static void Range(int value, int min, int max, string key)
        {
            if (value < min || value > max)
            {
                throw new ConfigException(key, "must be between " + min + " and " + max);
            }
        }

        /// <summary>Decodes exactly <paramref name="bytes"/> bytes of hex or throws naming <paramref name="key"/>.</summary>
        internal static byte[] HexBytes(string value, int bytes, string key)
        {
            if (value == null || value.Length == 0)
            {
                throw new ConfigException(key, "is required");
            }

            byte[] decoded = value.Length == 2 * bytes ? Hex.TryDecode(value) : null;
            if (decoded == null)
            {
                throw new ConfigException(key, "must be exactly " + (2 * bytes) + " hex digits");
            }

            return decoded;
        }
    }
}
