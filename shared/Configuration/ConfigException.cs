using System;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// A configuration value that cannot be used. <see cref="Key"/> is the dotted path of the offending key in the
    /// device JSON (for example <c>beacon.ibeacon.major</c> or <c>lanes[1].unitGrams</c>), so a technician can find it.
    /// </summary>
    public class ConfigException : Exception
    {
        public ConfigException(string key, string problem)
            : base(key + ": " + problem)
        {
            Key = key;
            Problem = problem;
        }

        /// <summary>Dotted path of the bad key.</summary>
        public string Key { get; }

        /// <summary>What is wrong with it, without the key.</summary>
        public string Problem { get; }
    }
}
