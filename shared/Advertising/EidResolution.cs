namespace Beacons.Shared.Advertising
{
    /// <summary>The outcome of <see cref="EidResolver"/>: which beacon broadcast an observed EID, if any.</summary>
    public sealed class EidResolution
    {
        /// <summary>Creates a result; use the resolver rather than this constructor.</summary>
        public EidResolution(bool found, int beaconIndex, int windowOffset, long periodStartBeaconTimeS, string error)
        {
            Found = found;
            BeaconIndex = beaconIndex;
            WindowOffset = windowOffset;
            PeriodStartBeaconTimeS = periodStartBeaconTimeS;
            Error = error;
        }

        /// <summary>True when one of the identity keys produced the EID within the searched windows.</summary>
        public bool Found { get; }

        /// <summary>Index of the matching identity key in the list given to the resolver; -1 when not found.</summary>
        public int BeaconIndex { get; }

        /// <summary>Rotation periods between the observation time and the matching EID's period (negative = the
        /// beacon's clock is behind); 0 when not found. Large offsets flag a drifting beacon clock.</summary>
        public int WindowOffset { get; }

        /// <summary>Beacon time (s) at which the matching EID's rotation period began; -1 when not found.</summary>
        public long PeriodStartBeaconTimeS { get; }

        /// <summary>Why the input could not be searched (bad hex, bad exponent…), or null.</summary>
        public string Error { get; }

        /// <summary>One line for a CLI: <c>beacon 3 (window offset -1, period start 1699999744)</c>, <c>no match</c>
        /// or <c>error: …</c>.</summary>
        public override string ToString()
        {
            if (Error != null)
            {
                return "error: " + Error;
            }

            if (!Found)
            {
                return "no match";
            }

            return "beacon " + BeaconIndex + " (window offset " + WindowOffset + ", period start " + PeriodStartBeaconTimeS + ")";
        }
    }
}
