using Beacons.Shared.Common;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// The node's frames, built once from validated options into buffers of 31 bytes that the publisher adapter
    /// hands to <see cref="IAdvertiser.Start"/>. Static frames (iBeacon, AltBeacon, UID, URL) never change; TLM and
    /// EID are rebuilt in place by <see cref="UpdateTelemetry"/> and <see cref="UpdateEid"/> without allocating
    /// (EID allocates two AES blocks once per rotation period).
    /// </summary>
    public sealed class BeaconFrameSet
    {
        private readonly byte[][] _frames = new byte[FrameKindNames.Count][];
        private readonly int[] _lengths = new int[FrameKindNames.Count];
        private readonly EidGenerator _eid;
        private readonly byte[] _eidBytes = new byte[EidGenerator.EidBytes];
        private readonly long _eidEpochUnixS;
        private readonly int _eidTxPowerDbm;

        /// <summary>Validates <paramref name="options"/> and builds every configured frame.</summary>
        /// <exception cref="Configuration.ConfigException">The options are invalid.</exception>
        public BeaconFrameSet(BeaconOptions options)
        {
            options.Validate();
            if (options.IBeacon != null)
            {
                IBeaconOptions o = options.IBeacon;
                IBeaconFrame.Write(Allocate(FrameKind.IBeacon), 0, IBeaconOptions.ParseUuid(o.Uuid), o.Major, o.Minor, o.MeasuredPowerDbm);
                _lengths[(int)FrameKind.IBeacon] = IBeaconFrame.Length;
            }

            if (options.AltBeacon != null)
            {
                AltBeaconOptions o = options.AltBeacon;
                AltBeaconFrame.Write(Allocate(FrameKind.AltBeacon), 0, o.ManufacturerId, Hex.TryDecode(o.IdHex), o.ReferenceRssiDbm, o.Reserved);
                _lengths[(int)FrameKind.AltBeacon] = AltBeaconFrame.Length;
            }

            EddystoneOptions e = options.Eddystone;
            if (e != null && e.HasUid)
            {
                _lengths[(int)FrameKind.EddystoneUid] = EddystoneFrame.WriteUid(Allocate(FrameKind.EddystoneUid), 0, e.TxPowerAt0mDbm,
                    Hex.TryDecode(e.NamespaceHex), Hex.TryDecode(e.InstanceHex));
            }

            if (e != null && e.HasUrl)
            {
                byte[] encoded = new byte[EddystoneUrlCodec.MaxEncodedBytes + 1];
                int n = EddystoneUrlCodec.Encode(e.Url, encoded, 0, EddystoneOptions.Path + ".url");
                _lengths[(int)FrameKind.EddystoneUrl] = EddystoneFrame.WriteUrl(Allocate(FrameKind.EddystoneUrl), 0, e.TxPowerAt0mDbm, encoded, 0, n);
            }

            if (e != null && e.Tlm)
            {
                Allocate(FrameKind.EddystoneTlm);
                UpdateTelemetry(0, double.NaN, 0, 0);
            }

            if (options.Eid != null)
            {
                Allocate(FrameKind.EddystoneEid);
                _eid = new EidGenerator(Hex.TryDecode(options.Eid.IdentityKeyHex), options.Eid.RotationExponent);
                _eidEpochUnixS = options.Eid.EpochUnixS;
                _eidTxPowerDbm = options.EidTxPowerAt0mDbm;
            }
        }

        /// <summary>True when the options switched <paramref name="kind"/> on.</summary>
        public bool IsConfigured(FrameKind kind)
        {
            int i = (int)kind;
            return i > 0 && i < FrameKindNames.Count && _frames[i] != null;
        }

        /// <summary>The buffer holding <paramref name="kind"/>'s advertising data (31 bytes, valid up to
        /// <see cref="Length"/>), or null when not configured. The same array is reused on every rebuild.</summary>
        public byte[] Buffer(FrameKind kind)
        {
            return IsConfigured(kind) ? _frames[(int)kind] : null;
        }

        /// <summary>Current length of <paramref name="kind"/>'s advertising data; 0 when not configured, or for EID
        /// before <see cref="UpdateEid"/> has produced a frame (clock before the epoch).</summary>
        public int Length(FrameKind kind)
        {
            return IsConfigured(kind) ? _lengths[(int)kind] : 0;
        }

        /// <summary>Rebuilds the TLM frame (call at the start of each TLM slot); returns its length, 0 when TLM is off.
        /// Arguments as in <see cref="EddystoneFrame.WriteTlm"/>.</summary>
        public int UpdateTelemetry(int batteryMv, double temperatureC, uint advertisingPduCount, long uptimeMs)
        {
            byte[] frame = _frames[(int)FrameKind.EddystoneTlm];
            if (frame == null)
            {
                return 0;
            }

            _lengths[(int)FrameKind.EddystoneTlm] = EddystoneFrame.WriteTlm(frame, 0, batteryMv, temperatureC, advertisingPduCount, uptimeMs);
            return _lengths[(int)FrameKind.EddystoneTlm];
        }

        /// <summary>
        /// Brings the EID frame up to date for UTC time <paramref name="unixS"/> (beacon time = unixS − epochUnixS,
        /// modulo 2^32). Returns true when the frame content changed (a new rotation period, or the first call).
        /// Before the epoch — e.g. the clock was never set by SNTP and the epoch is in the future — the frame is
        /// withdrawn (<see cref="Length"/> 0) rather than sent with an identifier the resolver cannot match.
        /// </summary>
        public bool UpdateEid(long unixS)
        {
            if (_eid == null)
            {
                return false;
            }

            long beaconTime = unixS - _eidEpochUnixS;
            if (beaconTime < 0)
            {
                bool wasOn = _lengths[(int)FrameKind.EddystoneEid] != 0;
                _lengths[(int)FrameKind.EddystoneEid] = 0;
                return wasOn;
            }

            bool changed = _eid.Compute((uint)(beaconTime & 0xFFFFFFFF), _eidBytes, 0);
            if (changed || _lengths[(int)FrameKind.EddystoneEid] == 0)
            {
                _lengths[(int)FrameKind.EddystoneEid] = EddystoneFrame.WriteEid(_frames[(int)FrameKind.EddystoneEid], 0, _eidTxPowerDbm, _eidBytes, 0);
                return true;
            }

            return false;
        }

        private byte[] Allocate(FrameKind kind)
        {
            byte[] buffer = new byte[AdStructure.MaxLegacyBytes];
            _frames[(int)kind] = buffer;
            return buffer;
        }
    }
}
