namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// The beacon frames the node can broadcast. Use <see cref="FrameKindNames.Name"/> for text: on the device an
    /// enum's ToString() prints its number.
    /// </summary>
    public enum FrameKind
    {
        /// <summary>Not a beacon frame we know (or no frame: idle or a scan window).</summary>
        None = 0,

        /// <summary>Apple iBeacon: manufacturer data 0x004C, 02 15, proximity UUID, major, minor, measured power.</summary>
        IBeacon = 1,

        /// <summary>Eddystone-UID (frame type 0x00): 10-byte namespace + 6-byte instance.</summary>
        EddystoneUid = 2,

        /// <summary>Eddystone-URL (frame type 0x10): compressed URL.</summary>
        EddystoneUrl = 3,

        /// <summary>Eddystone-TLM, unencrypted version 0 (frame type 0x20): battery, temperature, counters.</summary>
        EddystoneTlm = 4,

        /// <summary>Eddystone-EID (frame type 0x30): rotating 8-byte ephemeral identifier.</summary>
        EddystoneEid = 5,

        /// <summary>AltBeacon (beacon code 0xBEAC): 20-byte beacon id.</summary>
        AltBeacon = 6,
    }
}
