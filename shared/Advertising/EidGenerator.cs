using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Eddystone-EID ephemeral identifiers (google/eddystone eddystone-eid/eid-computation.md):
    /// temporary key = AES-128(identity key, 00×11 ‖ FF ‖ 00 00 ‖ TS[31:24] ‖ TS[23:16]);
    /// EID = first 8 bytes of AES-128(temporary key, 00×11 ‖ K ‖ TS with its K low bits cleared, 32-bit big-endian).
    /// TS is the beacon time counter in seconds; a new EID starts every 2^K seconds.
    /// </summary>
    /// <remarks>
    /// Caches the temporary key (it changes every 65536 s, as the spec recommends) and the current EID, so a call
    /// within the same rotation period only copies 8 bytes and allocates nothing.
    /// </remarks>
    public sealed class EidGenerator
    {
        /// <summary>Length of an ephemeral identifier in bytes.</summary>
        public const int EidBytes = 8;

        /// <summary>Largest rotation exponent the spec allows (2^15 s ≈ 9.1 h).</summary>
        public const int MaxRotationExponent = 15;

        private readonly AesBlockCipher _identity;
        private readonly byte[] _block = new byte[AesBlockCipher.BlockBytes];
        private readonly byte[] _temporaryKey = new byte[AesBlockCipher.BlockBytes];
        private readonly byte[] _eid = new byte[EidBytes];
        private AesBlockCipher _temporary;
        private long _temporaryKeyFor = -1;
        private long _eidFor = -1;

        /// <summary>Creates a generator for a 16-byte identity key and rotation exponent K (0..15).</summary>
        /// <exception cref="ArgumentException">Key not 16 bytes or K outside 0..15.</exception>
        public EidGenerator(byte[] identityKey, int rotationExponent)
        {
            if (rotationExponent < 0 || rotationExponent > MaxRotationExponent)
            {
                throw new ArgumentException("rotation exponent must be 0..15");
            }

            _identity = new AesBlockCipher(identityKey);
            RotationExponent = rotationExponent;
        }

        /// <summary>K: the EID changes every 2^K seconds.</summary>
        public int RotationExponent { get; }

        /// <summary>Start (beacon time, s) of the rotation period holding <paramref name="beaconTimeS"/>.</summary>
        public static uint PeriodStart(uint beaconTimeS, int rotationExponent)
        {
            return rotationExponent == 0 ? beaconTimeS : beaconTimeS & ~((1u << rotationExponent) - 1u);
        }

        /// <summary>
        /// Writes the 8-byte EID for beacon time <paramref name="beaconTimeS"/> at <paramref name="output"/>[<paramref name="offset"/>].
        /// Returns true when it differs from the previous call's period (a new EID began).
        /// </summary>
        public bool Compute(uint beaconTimeS, byte[] output, int offset)
        {
            uint start = PeriodStart(beaconTimeS, RotationExponent);
            bool changed = start != _eidFor;
            if (changed)
            {
                long keyFor = beaconTimeS >> 16;
                if (keyFor != _temporaryKeyFor)
                {
                    ClearBlock();
                    _block[11] = 0xFF;
                    _block[14] = (byte)(beaconTimeS >> 24);
                    _block[15] = (byte)(beaconTimeS >> 16);
                    _identity.EncryptBlock(_block, 0, _temporaryKey, 0);
                    if (_temporary == null)
                    {
                        _temporary = new AesBlockCipher(_temporaryKey);
                    }
                    else
                    {
                        _temporary.SetKey(_temporaryKey);
                    }

                    _temporaryKeyFor = keyFor;
                }

                ClearBlock();
                _block[11] = (byte)RotationExponent;
                AdStructure.WriteUInt32BigEndian(_block, 12, start);
                _temporary.EncryptBlock(_block, 0, _block, 0);
                Array.Copy(_block, 0, _eid, 0, EidBytes);
                _eidFor = start;
            }

            Array.Copy(_eid, 0, output, offset, EidBytes);
            return changed;
        }

        private void ClearBlock()
        {
            for (int i = 0; i < _block.Length; i++)
            {
                _block[i] = 0;
            }
        }
    }
}
