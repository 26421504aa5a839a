using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// The <c>beacon</c> section of the device JSON. A null section switches its frames off. See docs/beacons.md.
    /// </summary>
    public sealed class BeaconOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon";

        /// <summary><c>beacon.ibeacon</c>, or null.</summary>
        public IBeaconOptions IBeacon { get; set; }

        /// <summary><c>beacon.eddystone</c>, or null.</summary>
        public EddystoneOptions Eddystone { get; set; }

        /// <summary><c>beacon.eid</c>, or null.</summary>
        public EidOptions Eid { get; set; }

        /// <summary><c>beacon.altbeacon</c>, or null.</summary>
        public AltBeaconOptions AltBeacon { get; set; }

        /// <summary><c>beacon.schedule</c>, or null for the defaults.</summary>
        public AdvertisingScheduleOptions Schedule { get; set; }

        /// <summary>TX power at 0 m the EID frame uses: <c>beacon.eddystone.txPowerAt0m</c>, or its default.</summary>
        public int EidTxPowerAt0mDbm
        {
            get { return Eddystone != null ? Eddystone.TxPowerAt0mDbm : new EddystoneOptions().TxPowerAt0mDbm; }
        }

        /// <summary>
        /// Validates every section and the rules between them; throws <see cref="ConfigException"/> naming the first
        /// bad key.
        /// EID privacy rule: the Eddystone-EID spec advises against interleaving EID with any frame unique to the
        /// device, because a fixed identifier next to the rotating one lets anyone link the EIDs back together. So
        /// <c>beacon.eid</c> is refused (key <c>beacon.eid</c>) together with <c>beacon.ibeacon</c>,
        /// <c>beacon.altbeacon</c>, <c>beacon.eddystone.namespace</c>/<c>instance</c>, <c>beacon.eddystone.url</c> or
        /// <c>beacon.eddystone.tlm</c> = true (plain TLM's uptime and PDU counters also link successive EIDs). The
        /// config is refused rather than silently trimmed so that the store sees that its frames are not going out.
        /// </summary>
        public void Validate()
        {
            if (IBeacon != null)
            {
                IBeacon.Validate();
            }

            if (Eddystone != null)
            {
                Eddystone.Validate();
            }

            if (Eid != null)
            {
                Eid.Validate();
            }

            if (AltBeacon != null)
            {
                AltBeacon.Validate();
            }

            if (Eid != null)
            {
                string clash = null;
                if (IBeacon != null)
                {
                    clash = "beacon.ibeacon";
                }
                else if (AltBeacon != null)
                {
                    clash = "beacon.altbeacon";
                }
                else if (Eddystone != null && Eddystone.HasUid)
                {
                    clash = "beacon.eddystone.namespace/instance (UID)";
                }
                else if (Eddystone != null && Eddystone.HasUrl)
                {
                    clash = "beacon.eddystone.url";
                }
                else if (Eddystone != null && Eddystone.Tlm)
                {
                    clash = "beacon.eddystone.tlm (unencrypted TLM)";
                }

                if (clash != null)
                {
                    throw new ConfigException(EidOptions.Path, "cannot be combined with " + clash
                        + ": a frame that identifies the node defeats EID rotation; remove one of them");
                }
            }
            else if (Eddystone != null && !Eddystone.HasUid && !Eddystone.HasUrl && !Eddystone.Tlm)
            {
                throw new ConfigException(EddystoneOptions.Path, "switches no frame on: set namespace + instance, url, or tlm");
            }

            bool[] configured = ConfiguredKinds();
            bool any = false;
            for (int i = 1; i < configured.Length; i++)
            {
                any |= configured[i];
            }

            if (!any)
            {
                throw new ConfigException(Path, "configures no frame: add ibeacon, eddystone, eid or altbeacon, or remove the section");
            }

            AdvertisingScheduleOptions schedule = Schedule != null ? Schedule : new AdvertisingScheduleOptions();
            schedule.Validate();
            schedule.ParseOrder(configured);
        }

        /// <summary>Which frames the sections switch on, indexed by (int)<see cref="FrameKind"/>.</summary>
        public bool[] ConfiguredKinds()
        {
            bool[] on = new bool[FrameKindNames.Count];
            on[(int)FrameKind.IBeacon] = IBeacon != null;
            on[(int)FrameKind.AltBeacon] = AltBeacon != null;
            on[(int)FrameKind.EddystoneUid] = Eddystone != null && Eddystone.HasUid;
            on[(int)FrameKind.EddystoneUrl] = Eddystone != null && Eddystone.HasUrl;
            on[(int)FrameKind.EddystoneTlm] = Eddystone != null && Eddystone.Tlm;
            on[(int)FrameKind.EddystoneEid] = Eid != null;
            return on;
        }
    }
}
