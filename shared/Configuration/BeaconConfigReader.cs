using Beacons.Shared.Advertising;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// Maps the <c>beacon</c> section of device.json onto <see cref="BeaconOptions"/> (keys in docs/beacons.md). This
    /// reader checks JSON types and unknown keys; ranges and cross-field rules live in the options' own Validate, the
    /// one place the CLI tools use too.
    /// </summary>
    internal static class BeaconConfigReader
    {
        private const int Any = int.MaxValue;

        public static BeaconOptions Read(ConfigSection s)
        {
            var o = new BeaconOptions();
            ConfigSection ib = s.Section("ibeacon");
            if (ib != null)
            {
                o.IBeacon = new IBeaconOptions
                {
                    Uuid = ib.GetString("uuid", null),
                    Major = ib.GetInt("major", 0, -Any, Any),
                    Minor = ib.GetInt("minor", 0, -Any, Any),
                    MeasuredPowerDbm = ib.GetInt("measuredPower", -59, -Any, Any),
                };
                ib.RejectUnknownKeys();
            }

            ConfigSection ed = s.Section("eddystone");
            if (ed != null)
            {
                o.Eddystone = new EddystoneOptions
                {
                    NamespaceHex = ed.GetString("namespace", null),
                    InstanceHex = ed.GetString("instance", null),
                    Url = ed.GetString("url", null),
                    TxPowerAt0mDbm = ed.GetInt("txPowerAt0m", -18, -Any, Any),
                    Tlm = ed.GetBool("tlm", false),
                };
                ed.RejectUnknownKeys();
            }

            ConfigSection eid = s.Section("eid");
            if (eid != null)
            {
                o.Eid = new EidOptions
                {
                    IdentityKeyHex = eid.GetString("identityKey", null),
                    RotationExponent = eid.GetInt("rotationExponent", 10, -Any, Any),
                    EpochUnixS = eid.GetLong("epochUnixS", 0, 0, 4294967295L),
                };
                eid.RejectUnknownKeys();
            }

            ConfigSection alt = s.Section("altbeacon");
            if (alt != null)
            {
                o.AltBeacon = new AltBeaconOptions
                {
                    IdHex = alt.GetString("id", null),
                    ManufacturerId = alt.GetInt("manufacturerId", 0x0118, -Any, Any),
                    ReferenceRssiDbm = alt.GetInt("referenceRssi", -59, -Any, Any),
                    Reserved = alt.GetInt("reserved", 0, -Any, Any),
                };
                alt.RejectUnknownKeys();
            }

            ConfigSection schedule = s.Section("schedule");
            if (schedule != null)
            {
                o.Schedule = new AdvertisingScheduleOptions
                {
                    SlotMs = schedule.GetInt("slotMs", 2000, -Any, Any),
                    Order = schedule.GetString("order", null),
                    ScanWindowMs = schedule.GetInt("scanWindowMs", 2000, -Any, Any),
                    ScanPeriodMs = schedule.GetInt("scanPeriodMs", 10000, -Any, Any),
                };
                schedule.RejectUnknownKeys();
            }

            s.RejectUnknownKeys();
            o.Validate();
            return o;
        }
    }
}
