using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// <c>beacon.eid</c>: Eddystone-EID, the rotating identifier only the retailer's backend can resolve. The frame's
    /// TX power comes from <c>beacon.eddystone.txPowerAt0m</c>. EID cannot be combined with frames that identify
    /// the node (see <see cref="BeaconOptions.Validate"/>).
    /// </summary>
    public sealed class EidOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon.eid";

        /// <summary><c>identityKey</c>: 32 hex digits (AES-128 key shared with the resolver), required. A secret:
        /// never logged or echoed in errors.</summary>
        public string IdentityKeyHex { get; set; }

        /// <summary><c>rotationExponent</c>: K, 0..15; a new EID every 2^K s. Default 10 (1024 s ≈ 17 min).</summary>
        public int RotationExponent { get; set; } = 10;

        /// <summary><c>epochUnixS</c>: Unix time (s) at which the beacon time counter is 0, ≥ 0, default 0 (the counter
        /// is Unix time, taken from SNTP). Must match what the resolver is told.</summary>
        public long EpochUnixS { get; set; }

        /// <summary>Throws <see cref="ConfigException"/> naming the first bad key.</summary>
        public void Validate()
        {
            OptionChecks.HexBytes(IdentityKeyHex, 16, Path + ".identityKey");
            OptionChecks.Range(RotationExponent, 0, EidGenerator.MaxRotationExponent, Path + ".rotationExponent");
            if (EpochUnixS < 0 || EpochUnixS > 0xFFFFFFFFL)
            {
                throw new ConfigException(Path + ".epochUnixS", "must be between 0 and 4294967295");
            }
        }
    }
}
