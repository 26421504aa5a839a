using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// <c>beacon.eddystone</c>: Eddystone-UID (namespace + instance), Eddystone-URL (url) and Eddystone-TLM (tlm).
    /// Each part is optional; the section must switch on at least one, unless it only carries
    /// <c>txPowerAt0m</c> for the EID frame.
    /// </summary>
    public sealed class EddystoneOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon.eddystone";

        /// <summary><c>namespace</c>: 20 hex digits (10 bytes), or null. Set together with <see cref="InstanceHex"/>
        /// to broadcast Eddystone-UID.</summary>
        public string NamespaceHex { get; set; }

        /// <summary><c>instance</c>: 12 hex digits (6 bytes), or null.</summary>
        public string InstanceHex { get; set; }

        /// <summary><c>url</c>: http:// or https:// URL that compresses to at most 17 bytes after the scheme, or null.</summary>
        public string Url { get; set; }

        /// <summary><c>txPowerAt0m</c>: calibrated TX power at 0 m, dBm, -100..20, default -18 (= -59 at 1 m + 41).
        /// Also used by the EID frame.</summary>
        public int TxPowerAt0mDbm { get; set; } = -18;

        /// <summary><c>tlm</c>: broadcast unencrypted Eddystone-TLM telemetry, default false.</summary>
        public bool Tlm { get; set; }

        /// <summary>True when namespace and instance are both set.</summary>
        public bool HasUid
        {
            get { return !IsEmpty(NamespaceHex) && !IsEmpty(InstanceHex); }
        }

        /// <summary>True when a URL is set.</summary>
        public bool HasUrl
        {
            get { return !IsEmpty(Url); }
        }

        /// <summary>Throws <see cref="ConfigException"/> naming the first bad key. Does not check that a frame is
        /// switched on (<see cref="BeaconOptions.Validate"/> does, knowing whether EID needs the section).</summary>
        public void Validate()
        {
            bool hasNamespace = !IsEmpty(NamespaceHex);
            bool hasInstance = !IsEmpty(InstanceHex);
            if (hasNamespace)
            {
                OptionChecks.HexBytes(NamespaceHex, 10, Path + ".namespace");
            }

            if (hasInstance)
            {
                OptionChecks.HexBytes(InstanceHex, 6, Path + ".instance");
            }

            if (hasNamespace && !hasInstance)
            {
                throw new ConfigException(Path + ".instance", "is required when namespace is set");
            }

            if (hasInstance && !hasNamespace)
            {
                throw new ConfigException(Path + ".namespace", "is required when instance is set");
            }

            if (Url != null)
            {
                EddystoneUrlCodec.Encode(Url, new byte[EddystoneUrlCodec.MaxEncodedBytes + 1], 0, Path + ".url");
            }

            OptionChecks.Range(TxPowerAt0mDbm, EddystoneFrame.MinTxPowerDbm, EddystoneFrame.MaxTxPowerDbm, Path + ".txPowerAt0m");
        }

        /// <summary>
        /// A UID namespace derived from a UUID as the Eddystone-UID spec suggests ("elided version 4 UUID"): the UUID's
        /// bytes 0-3 and 10-15, i.e. without bytes 4-9. Lets a store reuse its iBeacon proximity UUID:
        /// 8b0ca750-e7a7-4e14-bd99-095477cb3e77 → 8b0ca750095477cb3e77. Returns 20 lower-case hex digits, or null
        /// when <paramref name="uuid"/> is not a UUID.
        /// </summary>
        public static string ElidedNamespace(string uuid)
        {
            byte[] bytes = IBeaconOptions.ParseUuid(uuid);
            if (bytes == null)
            {
                return null;
            }

            byte[] ns = new byte[10];
            for (int i = 0; i < 4; i++)
            {
                ns[i] = bytes[i];
            }

            for (int i = 0; i < 6; i++)
            {
                ns[4 + i] = bytes[10 + i];
            }

            return Common.Hex.Encode(ns);
        }

        private static bool IsEmpty(string s)
        {
            return s == null || s.Length == 0;
        }
    }
}
