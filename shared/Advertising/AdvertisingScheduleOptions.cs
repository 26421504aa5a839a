using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// <c>beacon.schedule</c>: how the node takes turns between frames and proximity scan windows. nanoFramework
    /// cannot set the advertising interval (NimBLE's 100–150 ms default applies) and cannot advertise and scan at
    /// once, so frames get whole slots: the publisher is stopped and restarted at slot boundaries, never more than
    /// once per <see cref="MinSlotMs"/>. Absent section = all defaults.
    /// </summary>
    public sealed class AdvertisingScheduleOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon.schedule";

        /// <summary>Shortest slot or scan window: fast Stop/Start loops have crashed nanoFramework's BLE stack.</summary>
        public const int MinSlotMs = 1000;

        /// <summary>Longest slot or scan window.</summary>
        public const int MaxSlotMs = 60000;

        /// <summary>Longest scan period.</summary>
        public const int MaxScanPeriodMs = 600000;

        /// <summary>Most entries in <see cref="Order"/>.</summary>
        public const int MaxOrderEntries = 16;

        /// <summary><c>slotMs</c>: how long each frame is broadcast before the next one, 1000..60000, default 2000.</summary>
        public int SlotMs { get; set; } = 2000;

        /// <summary><c>order</c>: comma-separated frame names (<c>ibeacon</c>, <c>altbeacon</c>, <c>eddystone-uid</c>,
        /// <c>eddystone-url</c>, <c>eddystone-eid</c>, <c>eddystone-tlm</c>) giving the slot sequence, at most 16
        /// entries; a name may repeat to give that frame more airtime. Every name must be configured, and every
        /// configured frame must appear. Null = each configured frame once, in the order just listed.</summary>
        public string Order { get; set; }

        /// <summary><c>scanWindowMs</c>: length of one proximity scan window (only when proximity scanning is on),
        /// 1000..60000, default 2000.</summary>
        public int ScanWindowMs { get; set; } = 2000;

        /// <summary><c>scanPeriodMs</c>: time from one scan window's start to the next, ≥ scanWindowMs + slotMs, at most
        /// 600000, default 10000. Rounded down so that whole slots fit between windows.</summary>
        public int ScanPeriodMs { get; set; } = 10000;

        /// <summary>Throws <see cref="ConfigException"/> naming the first bad key (the order is checked by
        /// <see cref="ParseOrder"/>, which needs to know which frames are configured).</summary>
        public void Validate()
        {
            OptionChecks.Range(SlotMs, MinSlotMs, MaxSlotMs, Path + ".slotMs");
            OptionChecks.Range(ScanWindowMs, MinSlotMs, MaxSlotMs, Path + ".scanWindowMs");
            if (ScanPeriodMs < ScanWindowMs + SlotMs || ScanPeriodMs > MaxScanPeriodMs)
            {
                throw new ConfigException(Path + ".scanPeriodMs", "must be between scanWindowMs + slotMs (" + (ScanWindowMs + SlotMs)
                    + ") and " + MaxScanPeriodMs);
            }
        }

        /// <summary>
        /// The slot sequence: <see cref="Order"/> parsed, or the default order of the configured frames.
        /// <paramref name="configured"/> is indexed by (int)<see cref="FrameKind"/>.
        /// </summary>
        /// <exception cref="ConfigException">Keyed <c>beacon.schedule.order</c>: unknown or unconfigured name, a
        /// configured frame missing, empty entries, or more than 16 entries.</exception>
        public FrameKind[] ParseOrder(bool[] configured)
        {
            string key = Path + ".order";
            if (Order == null)
            {
                return DefaultOrder(configured);
            }

            string[] parts = Order.Split(',');
            if (parts.Length > MaxOrderEntries)
            {
                throw new ConfigException(key, "has more than " + MaxOrderEntries + " entries");
            }

            FrameKind[] order = new FrameKind[parts.Length];
            bool[] seen = new bool[FrameKindNames.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                string name = parts[i].Trim();
                FrameKind kind = FrameKindNames.Parse(name);
                if (kind == FrameKind.None)
                {
                    throw new ConfigException(key, "entry " + i + " '" + name + "' is not a frame name (ibeacon, altbeacon, eddystone-uid, eddystone-url, eddystone-eid, eddystone-tlm)");
                }

                if (!configured[(int)kind])
                {
                    throw new ConfigException(key, "lists " + name + ", which is not configured");
                }

                order[i] = kind;
                seen[(int)kind] = true;
            }

            for (int k = 1; k < FrameKindNames.Count; k++)
            {
                if (configured[k] && !seen[k])
                {
                    throw new ConfigException(key, "leaves out the configured frame " + FrameKindNames.Name((FrameKind)k));
                }
            }

            return order;
        }

        /// <summary>Each configured frame once: iBeacon, AltBeacon, UID, URL, EID, TLM.</summary>
        public static FrameKind[] DefaultOrder(bool[] configured)
        {
            FrameKind[] canonical =
            {
                FrameKind.IBeacon, FrameKind.AltBeacon, FrameKind.EddystoneUid, FrameKind.EddystoneUrl,
                FrameKind.EddystoneEid, FrameKind.EddystoneTlm,
            };
            int n = 0;
            for (int i = 0; i < canonical.Length; i++)
            {
                if (configured[(int)canonical[i]])
                {
                    n++;
                }
            }

            FrameKind[] order = new FrameKind[n];
            n = 0;
            for (int i = 0; i < canonical.Length; i++)
            {
                if (configured[(int)canonical[i]])
                {
                    order[n++] = canonical[i];
                }
            }

            return order;
        }
    }
}
