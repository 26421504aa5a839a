using System;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// The <c>proximity</c> section of the device config (docs/privacy.md, "Configuration"): scanning, the node's
    /// calibration of the log-distance model, the zones, and the session and aggregation timing.
    /// </summary>
    public sealed class ProximityOptions
    {
        /// <summary>Most named zones a node can have.</summary>
        public const int MaxZones = 8;

        public ProximityOptions()
        {
            ScanWindowMs = 1500;
            ScanPeriodMs = 3000;
            MeasuredPowerDbm = -59;
            PathLossExponent = 2.0;
            HysteresisDb = 3.0;
            SessionTimeoutS = 20;
            DwellIntervalS = 60;
            BucketS = 300;
            MaxSessions = 64;
            SetDefaultZones(0.5, 3.0, 8.0);
        }

        /// <summary><c>proximity.scanWindowMs</c>: how long each scan window listens, 100–10000 ms.</summary>
        public int ScanWindowMs { get; set; }

        /// <summary>
        /// <c>proximity.scanPeriodMs</c>: one scan window starts every this many ms (≥ scanWindowMs, ≤ 60000); the
        /// rest of the period belongs to advertising. Each phone yields at most one RSSI sample per window.
        /// </summary>
        public int ScanPeriodMs { get; set; }

        /// <summary><c>proximity.activeScan</c>: send scan requests (default false: passive scanning is enough and quieter).</summary>
        public bool ActiveScan { get; set; }

        /// <summary><c>proximity.measuredPowerDbm</c>: median RSSI of a phone at 1 m from this node, -100..-20 dBm (calibrate per node).</summary>
        public int MeasuredPowerDbm { get; set; }

        /// <summary><c>proximity.pathLossExponent</c>: n of the log-distance model, 1.5–6 (2 = free space, 2.5–4 in a store).</summary>
        public double PathLossExponent { get; set; }

        /// <summary><c>proximity.hysteresisDb</c>: how far past a zone boundary the filtered RSSI must go to change zone, 0–20 dB.</summary>
        public double HysteresisDb { get; set; }

        /// <summary><c>proximity.sessionTimeoutS</c>: a phone not heard for this long has left, 5–600 s.</summary>
        public int SessionTimeoutS { get; set; }

        /// <summary><c>proximity.dwellIntervalS</c>: period of dwell events for a consenting shopper, 10–3600 s.</summary>
        public int DwellIntervalS { get; set; }

        /// <summary><c>proximity.bucketS</c>: aggregate time bucket, 60–3600 s, a divisor of 3600 (buckets align to the hour).</summary>
        public int BucketS { get; set; }

        /// <summary><c>proximity.maxSessions</c>: phones tracked at once (least recently heard evicted), 4–256.</summary>
        public int MaxSessions { get; set; }

        /// <summary><c>proximity.calibration</c>: neighbours to fit the channel from, or null (the constants above as they are).</summary>
        public ChannelCalibrationOptions Calibration { get; set; }

        /// <summary>Zone names, innermost first (default immediate, near, far).</summary>
        public string[] ZoneNames { get; private set; }

        /// <summary>Outer edge of each zone in metres, strictly increasing.</summary>
        public double[] ZoneMaxMeters { get; private set; }

        public int ZoneCount
        {
            get { return ZoneNames.Length; }
        }

        /// <summary>The standard bands immediate / near / far with their outer edges in metres.</summary>
        public void SetDefaultZones(double immediateMeters, double nearMeters, double farMeters)
        {
            ZoneNames = new string[] { "immediate", "near", "far" };
            ZoneMaxMeters = new double[] { immediateMeters, nearMeters, farMeters };
        }

        /// <summary>Named bands replacing the defaults, innermost first (e.g. endcap-3 up to 1.5 m, aisle-3 up to 4 m).</summary>
        public void SetZones(string[] names, double[] maxMeters)
        {
            ZoneNames = names;
            ZoneMaxMeters = maxMeters;
        }

        /// <summary>Reads and validates the <c>proximity</c> section; null section = all defaults.</summary>
        public static ProximityOptions Read(ConfigSection s)
        {
            var o = new ProximityOptions();
            if (s == null)
            {
                return o;
            }

            o.ScanWindowMs = s.GetInt("scanWindowMs", o.ScanWindowMs, 100, 10000);
            o.ScanPeriodMs = s.GetInt("scanPeriodMs", o.ScanPeriodMs, 100, 60000);
            o.ActiveScan = s.GetBool("activeScan", false);
            o.MeasuredPowerDbm = s.GetInt("measuredPowerDbm", o.MeasuredPowerDbm, -100, -20);
            o.PathLossExponent = s.GetDouble("pathLossExponent", o.PathLossExponent, 1.5, 6.0);
            o.HysteresisDb = s.GetDouble("hysteresisDb", o.HysteresisDb, 0, 20);
            o.SessionTimeoutS = s.GetInt("sessionTimeoutS", o.SessionTimeoutS, 5, 600);
            o.DwellIntervalS = s.GetInt("dwellIntervalS", o.DwellIntervalS, 10, 3600);
            o.BucketS = s.GetInt("bucketS", o.BucketS, 60, 3600);
            o.MaxSessions = s.GetInt("maxSessions", o.MaxSessions, 4, 256);
            double immediate = s.GetDouble("immediateMeters", 0.5, 0.1, 100);
            double near = s.GetDouble("nearMeters", 3.0, 0.1, 100);
            double far = s.GetDouble("farMeters", 8.0, 0.1, 100);
            ConfigSection[] zones = s.SectionArray("zones", MaxZones);
            if (zones.Length == 0)
            {
                o.SetDefaultZones(immediate, near, far);
            }
            else
            {
                var names = new string[zones.Length];
                var edges = new double[zones.Length];
                for (int i = 0; i < zones.Length; i++)
                {
                    names[i] = zones[i].RequireString("name");
                    if (!zones[i].Has("maxMeters"))
                    {
                        throw new ConfigException(zones[i].KeyPath("maxMeters"), "is required");
                    }

                    edges[i] = zones[i].GetDouble("maxMeters", 0, 0.1, 100);

                    zones[i].RejectUnknownKeys();
                }

                o.SetZones(names, edges);
            }

            o.Calibration = ChannelCalibrationOptions.Read(s.Section("calibration"));
            s.RejectUnknownKeys();
            o.Validate();
            return o;
        }

        /// <summary>Checks every rule; throws <see cref="ConfigException"/> with the key <c>proximity.*</c>.</summary>
        public void Validate()
        {
            Range("proximity.scanWindowMs", ScanWindowMs, 100, 10000);
            Range("proximity.scanPeriodMs", ScanPeriodMs, 100, 60000);
            if (ScanPeriodMs < ScanWindowMs)
            {
                throw new ConfigException("proximity.scanPeriodMs", "must be at least scanWindowMs");
            }

            Range("proximity.measuredPowerDbm", MeasuredPowerDbm, -100, -20);
            if (!(PathLossExponent >= 1.5 && PathLossExponent <= 6.0))
            {
                throw new ConfigException("proximity.pathLossExponent", "must be between 1.5 and 6");
            }

            if (!(HysteresisDb >= 0 && HysteresisDb <= 20))
            {
                throw new ConfigException("proximity.hysteresisDb", "must be between 0 and 20");
            }

            Range("proximity.sessionTimeoutS", SessionTimeoutS, 5, 600);
            Range("proximity.dwellIntervalS", DwellIntervalS, 10, 3600);
            Range("proximity.bucketS", BucketS, 60, 3600);
            if (3600 % BucketS != 0)
            {
                throw new ConfigException("proximity.bucketS", "must divide 3600 (buckets align to the hour)");
            }

            Range("proximity.maxSessions", MaxSessions, 4, 256);
            if (ZoneNames == null || ZoneMaxMeters == null || ZoneNames.Length == 0 || ZoneNames.Length != ZoneMaxMeters.Length)
            {
                throw new ConfigException("proximity.zones", "must list 1 to " + MaxZones + " zones");
            }

            if (ZoneNames.Length > MaxZones)
            {
                throw new ConfigException("proximity.zones", "at most " + MaxZones + " entries are supported");
            }

            for (int i = 0; i < ZoneNames.Length; i++)
            {
                string key = "proximity.zones[" + i + "]";
                CheckName(key + ".name", ZoneNames[i]);
                for (int j = 0; j < i; j++)
                {
                    if (ZoneNames[j] == ZoneNames[i])
                    {
                        throw new ConfigException(key + ".name", "is used twice");
                    }
                }

                if (!(ZoneMaxMeters[i] >= 0.1 && ZoneMaxMeters[i] <= 100))
                {
                    throw new ConfigException(key + ".maxMeters", "must be between 0.1 and 100");
                }

                if (i > 0 && ZoneMaxMeters[i] <= ZoneMaxMeters[i - 1])
                {
                    throw new ConfigException(key + ".maxMeters", "must be greater than the previous zone's (list zones innermost first)");
                }
            }

            if (Calibration != null)
            {
                Calibration.Validate();
            }
        }

        private static void Range(string key, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                throw new ConfigException(key, "must be between " + min + " and " + max);
            }
        }

        /// <summary>Zone names go into payloads and dashboards: short, and limited to characters safe everywhere.</summary>
        private static void CheckName(string key, string name)
        {
            if (name == null || name.Length == 0 || name.Length > 32)
            {
                throw new ConfigException(key, "must be 1 to 32 characters");
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    throw new ConfigException(key, "may only use a-z, 0-9, '-' and '_'");
                }
            }
        }
    }
}
