using Beacons.Shared.Common;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// The retailer backend's side of Eddystone-EID: maps an observed EID and the time of observation back to the
    /// beacon that sent it, given every beacon's identity key. It recomputes each beacon's EID for the rotation
    /// period holding the observation time and for the periods around it (clock skew), nearest first.
    /// Work: keys × (2 × skew + 1) EIDs, two AES blocks each; meant for the host (CLI, backend), not the node.
    /// </summary>
    public static class EidResolver
    {
        /// <summary>Rotation periods searched on each side of the observation time by default.</summary>
        public const int DefaultSkewWindows = 2;

        /// <summary>Upper bound on the skew windows searched, to bound the work of one call.</summary>
        public const int MaxSkewWindows = 4096;

        /// <summary>
        /// Resolves an EID given as hex. <paramref name="observedUnixS"/> − <paramref name="epochUnixS"/> is the beacon
        /// time at observation (our nodes count seconds since <c>beacon.eid.epochUnixS</c>, default 0 = Unix time).
        /// Never throws for bad input: the result's <see cref="EidResolution.Error"/> says what is wrong.
        /// </summary>
        /// <param name="identityKeysHex">One 32-hex-digit identity key per beacon.</param>
        /// <param name="rotationExponent">K, 0..15, as configured on the beacons.</param>
        /// <param name="observedEidHex">The 16 hex digits seen in the EID frame.</param>
        /// <param name="observedUnixS">When the frame was seen, Unix seconds.</param>
        /// <param name="epochUnixS">The beacons' clock epoch, Unix seconds.</param>
        /// <param name="skewWindows">Rotation periods to search on each side, 0..4096.</param>
        public static EidResolution Resolve(string[] identityKeysHex, int rotationExponent, string observedEidHex,
            long observedUnixS, long epochUnixS, int skewWindows)
        {
            if (identityKeysHex == null || identityKeysHex.Length == 0)
            {
                return Failure("no identity keys given");
            }

            byte[][] keys = new byte[identityKeysHex.Length][];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = Hex.TryDecode(identityKeysHex[i]);
                if (keys[i] == null || keys[i].Length != AesBlockCipher.BlockBytes)
                {
                    return Failure("identity key " + i + " is not 32 hex digits");
                }
            }

            byte[] eid = Hex.TryDecode(observedEidHex);
            if (eid == null || eid.Length != EidGenerator.EidBytes)
            {
                return Failure("the EID must be 16 hex digits");
            }

            return Resolve(keys, rotationExponent, eid, observedUnixS - epochUnixS, skewWindows);
        }

        /// <summary>Resolves an 8-byte EID observed at beacon time <paramref name="beaconTimeS"/> (seconds, 0..2^32-1).</summary>
        public static EidResolution Resolve(byte[][] identityKeys, int rotationExponent, byte[] observedEid, long beaconTimeS, int skewWindows)
        {
            if (rotationExponent < 0 || rotationExponent > EidGenerator.MaxRotationExponent)
            {
                return Failure("rotation exponent must be 0..15");
            }

            if (skewWindows < 0 || skewWindows > MaxSkewWindows)
            {
                return Failure("skew windows must be 0.." + MaxSkewWindows);
            }

            if (beaconTimeS < 0 || beaconTimeS > 0xFFFFFFFFL)
            {
                return Failure("the observation is outside the beacon clock's range (before the epoch, or 2^32 s after it)");
            }

            if (observedEid == null || observedEid.Length != EidGenerator.EidBytes)
            {
                return Failure("the EID must be 8 bytes");
            }

            var generators = new EidGenerator[identityKeys.Length];
            for (int i = 0; i < identityKeys.Length; i++)
            {
                if (identityKeys[i] == null || identityKeys[i].Length != AesBlockCipher.BlockBytes)
                {
                    return Failure("identity key " + i + " is not 16 bytes");
                }

                generators[i] = new EidGenerator(identityKeys[i], rotationExponent);
            }

            long period = 1L << rotationExponent;
            long start = beaconTimeS - (beaconTimeS % period);
            byte[] candidate = new byte[EidGenerator.EidBytes];
            for (int step = 0; step <= 2 * skewWindows; step++)
            {
                // 0, -1, +1, -2, +2 …: the nearest period wins if two keys ever collide.
                int offset = (step & 1) == 1 ? -((step + 1) / 2) : step / 2;
                long t = start + offset * period;
                if (t < 0 || t > 0xFFFFFFFFL)
                {
                    continue;
                }

                for (int k = 0; k < generators.Length; k++)
                {
                    generators[k].Compute((uint)t, candidate, 0);
                    if (Same(candidate, observedEid))
                    {
                        return new EidResolution(true, k, offset, t, null);
                    }
                }
            }

            return new EidResolution(false, -1, 0, -1, null);
        }

        private static bool Same(byte[] a, byte[] b)
        {
            for (int i = 0; i < EidGenerator.EidBytes; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static EidResolution Failure(string why)
        {
            return new EidResolution(false, -1, 0, -1, why);
        }
    }
}
