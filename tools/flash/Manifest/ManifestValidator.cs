using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Beacons.Flash.Manifest
{
    /// <summary>
    /// The rules a store manifest and its store.json must follow before anything is generated: ids, roles, pins for the
    /// board's chip, counting thresholds, beacon identifiers, zones. Every message names the line and the field; none
    /// contains a secret. The generated device.json is additionally checked by the firmware's own DeviceConfig.Parse.
    /// </summary>
    public static class ManifestValidator
    {
        public const int MaxLanes = 4;
        public const int MaxZones = 8;
        public const double MaxUnitGrams = 50000;

        /// <summary>Floor positions are metres from the floor plan's origin, 0 to this on each axis.</summary>
        public const double MaxPositionM = 1000;

        private static readonly Regex UuidPattern = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
        private static readonly Regex Hex20 = new("^[0-9a-fA-F]{20}$");
        private static readonly Regex Hex12 = new("^[0-9a-fA-F]{12}$");

        /// <summary>Store and device ids (docs/config.md): a-z 0-9 - _, at most 32, not starting with - or _.</summary>
        public static string IdProblem(string id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return "is required";
            }

            if (id.Length > 32)
            {
                return "must be at most 32 characters";
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && i > 0);
                if (!ok)
                {
                    return $"'{id}' may only use a-z, 0-9, '-' and '_' (not first)";
                }
            }

            return null;
        }

        /// <summary>One coordinate of a floor position: finite, 0 to <see cref="MaxPositionM"/> metres; null when fine.</summary>
        public static string PositionProblem(double v)
        {
            if (!double.IsFinite(v))
            {
                return "must be a finite number of metres";
            }

            return v < 0 || v > MaxPositionM
                ? $"must be between 0 and {MaxPositionM} m from the floor plan's origin (found {v.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
                : null;
        }

        public static Roles ParseRoles(string role, out string problem)
        {
            problem = null;
            Roles roles = Roles.None;
            if (string.IsNullOrWhiteSpace(role))
            {
                problem = "is required: beacon, shelf, scanner or a combination such as beacon+shelf";
                return roles;
            }

            foreach (string part in role.Split('+'))
            {
                Roles r = part.Trim() switch
                {
                    "beacon" => Roles.Beacon,
                    "shelf" => Roles.Shelf,
                    "scanner" => Roles.Scanner,
                    _ => Roles.None,
                };
                if (r == Roles.None)
                {
                    problem = $"unknown role '{part.Trim()}' (use beacon, shelf, scanner, joined with '+')";
                    return Roles.None;
                }

                roles |= r;
            }

            return roles;
        }

        public static void ValidateStore(StoreSettings s, IssueList issues)
        {
            string idProblem = IdProblem(s.Store);
            if (idProblem != null)
            {
                issues.Error(s.At("store"), idProblem);
            }

            if (string.IsNullOrEmpty(s.Broker))
            {
                issues.Error(s.At("broker"), "is required: mqtts://host[:8883] (or mqtt://host[:1883] for a lab)");
            }
            else if (!Regex.IsMatch(s.Broker, @"^mqtts?://[^/@:\s]+(:[0-9]{1,5})?/?$"))
            {
                issues.Error(s.At("broker"), "must be mqtt[s]://host[:port] without credentials or path");
            }
            else if (s.Broker.StartsWith("mqtts://", StringComparison.Ordinal))
            {
                if (s.CaCertPath == null)
                {
                    issues.Error(s.At("mqtt") with { Where = "mqtt.caCertFile" }, "is required for an mqtts:// broker: the PEM of the CA that signed the broker's certificate");
                }
                else if (!File.Exists(s.CaCertPath))
                {
                    issues.Error(s.At("caCertFile"), $"not found: {s.CaCertPath}");
                }
                else if (!File.ReadAllText(s.CaCertPath).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                {
                    issues.Error(s.At("caCertFile"), "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)");
                }
            }
            else
            {
                issues.Warn(s.At("broker"), "mqtt:// sends passwords and data unencrypted: use mqtts:// outside a lab");
            }

            if (s.TopicPrefix != null && (s.TopicPrefix.Length == 0 || s.TopicPrefix.StartsWith('/') || s.TopicPrefix.EndsWith('/')
                || s.TopicPrefix.Contains('+') || s.TopicPrefix.Contains('#') || s.TopicPrefix.Contains("//", StringComparison.Ordinal)))
            {
                issues.Error(s.At("topicPrefix"), "must be levels separated by '/', without wildcards or leading/trailing '/'");
            }

            Range(issues, s, "keepAliveS", s.KeepAliveS, 5, 600);
            Range(issues, s, "statusIntervalS", s.StatusIntervalS, 10, 3600);
            Range(issues, s, "probationS", s.UpdateProbationS, 10, 3600);
            if (s.WifiSsid == null)
            {
                issues.Error(s.At("wifi") with { Where = "wifi.ssid" }, "is required (the store network the nodes join)");
            }
            else if (s.WifiSsid.Length == 0 || s.WifiSsid.Length > 32)
            {
                issues.Error(s.At("ssid"), "must be 1 to 32 characters");
            }

            if (s.WifiPassword != null && s.WifiPassword.Length != 0 && (s.WifiPassword.Length < 8 || s.WifiPassword.Length > 63))
            {
                issues.Error(s.At("password"), "must be empty (open network) or 8 to 63 characters (WPA2)");
            }

            Range(issues, s, "connectTimeoutMs", s.WifiConnectTimeoutMs, 1000, 600000);
            if (s.PrivacyIdentifiers != null && s.PrivacyIdentifiers != "none" && s.PrivacyIdentifiers != "consented")
            {
                issues.Error(s.At("identifiers"), "must be none or consented");
            }

            Range(issues, s, "kAnonymity", s.PrivacyKAnonymity, 2, 1000);
            if (s.PhoneOffsetDb is double offset && !(offset >= -30 && offset <= 30))
            {
                issues.Error(s.At("phoneOffsetDb"), $"must be between -30 and 30 dB (found {offset.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            }

            Range(issues, s, "epochHours", s.PrivacyEpochHours, 1, 168);
            if (s.DefaultTarget != null && Targets.Check(s.DefaultTarget) is string t)
            {
                Report(issues, s.At("defaultTarget"), t);
            }

            foreach ((string dev, BoardSettings b) in s.Boards)
            {
                if (IdProblem(dev) is string p)
                {
                    issues.Error(b.Self, p);
                }

                if (b.Target != null && Targets.Check(b.Target) is string bt)
                {
                    Report(issues, b.At("target"), bt);
                }

                if (b.SerialPort != null && b.SerialPort.Trim().Length == 0)
                {
                    issues.Error(b.At("serialPort"), "must not be empty");
                }
            }
        }

        public static void Validate(StoreManifest m, StoreSettings s, IssueList issues)
        {
            if (m.Store != null && s?.Store != null && m.Store != s.Store)
            {
                issues.Error(m.At("store"), $"is '{m.Store}' but {s.FileName} is for store '{s.Store}'");
            }

            if (m.Devices.Count == 0)
            {
                issues.Error(m.At("devices"), "lists no devices");
            }

            var ids = new Dictionary<string, DeviceSpec>(StringComparer.Ordinal);
            var ibeacons = new Dictionary<string, SourceRef>(StringComparer.OrdinalIgnoreCase);
            var uids = new Dictionary<string, SourceRef>(StringComparer.OrdinalIgnoreCase);
            foreach (DeviceSpec d in m.Devices)
            {
                if (IdProblem(d.Id) is string idp)
                {
                    issues.Error(d.At("id"), idp);
                }
                else if (ids.TryGetValue(d.Id, out DeviceSpec other))
                {
                    issues.Error(d.At("id"), $"device id '{d.Id}' is used twice (first at line {other.At("id").Line})");
                }
                else
                {
                    ids.Add(d.Id, d);
                }

                d.Roles = ParseRoles(d.Role, out string roleProblem);
                if (roleProblem != null)
                {
                    issues.Error(d.At("role"), roleProblem);
                    continue;
                }

                string target = s?.TargetOf(d.Id ?? "") ?? Targets.Reference;
                ValidateRoleSections(d, issues);
                ValidateLanes(d, target, issues);
                ValidateZones(d, issues);
                ValidateBeacon(d, issues, ibeacons, uids);
                ValidatePosition(d, issues);
                if (d.Roles.HasFlag(Roles.Beacon) && d.Roles.HasFlag(Roles.Scanner))
                {
                    issues.Warn(d.At("role"), "nanoFramework's BLE stack is an advertiser or a scanner at a time (reference §5.3): " +
                        "this node alternates, so its beacons pause while it scans");
                }
            }

            // Neighbours for each scanner's proximity.calibration: what provision will write, with its warnings.
            CalibrationPlanner.Plan(m, issues);

            if (s != null)
            {
                foreach ((string dev, BoardSettings b) in s.Boards)
                {
                    if (!ids.ContainsKey(dev))
                    {
                        issues.Warn(b.Self, $"device '{dev}' is not in the manifest");
                    }
                }

                foreach (DeviceSpec d in m.Devices.Where(d => d.Id != null))
                {
                    if (s.TargetOf(d.Id) == null)
                    {
                        issues.Error(s.At("flash"), $"no nanoff target for device '{d.Id}': set flash.defaultTarget or flash.devices.{d.Id}.target");
                    }
                }
            }
        }

        private static void ValidateRoleSections(DeviceSpec d, IssueList issues)
        {
            bool beacon = d.Roles.HasFlag(Roles.Beacon);
            bool shelf = d.Roles.HasFlag(Roles.Shelf);
            bool scanner = d.Roles.HasFlag(Roles.Scanner);
            if (beacon && d.Beacon == null)
            {
                issues.Error(d.At("beacon"), "is required for the beacon role: at least one of ibeacon, eddystone, eid");
            }
            else if (!beacon && d.Beacon != null)
            {
                issues.Error(d.At("beacon"), $"is given but role '{d.Role}' has no beacon");
            }

            if (shelf && d.Lanes.Count == 0)
            {
                issues.Error(d.At("lanes"), "the shelf role needs at least one lane");
            }
            else if (!shelf && d.Lanes.Count > 0)
            {
                issues.Error(d.At("lanes"), $"are given but role '{d.Role}' has no shelf");
            }

            if (scanner && d.Zones.Count == 0)
            {
                issues.Error(d.At("zones"), "the scanner role needs at least one named zone");
            }
            else if (!scanner && d.Zones.Count > 0)
            {
                issues.Error(d.At("zones"), $"are given but role '{d.Role}' has no scanner");
            }
        }

        private static void ValidateLanes(DeviceSpec d, string target, IssueList issues)
        {
            if (d.Lanes.Count > MaxLanes)
            {
                issues.Error(d.Lanes[MaxLanes].Self, $"at most {MaxLanes} lanes per node");
            }

            var laneIds = new HashSet<string>(StringComparer.Ordinal);
            var pins = new Dictionary<int, string>();
            var lanesPerBus = new Dictionary<int, int>();
            foreach (LaneSpec l in d.Lanes)
            {
                if (IdProblem(l.Id) is string p)
                {
                    issues.Error(l.At("id"), p);
                }
                else if (!laneIds.Add(l.Id))
                {
                    issues.Error(l.At("id"), $"lane id '{l.Id}' is used twice on device '{d.Id}'");
                }

                if (l.Name != null && (l.Name.Length == 0 || l.Name.Length > 64))
                {
                    issues.Error(l.At("name"), "must be 1 to 64 characters");
                }

                CheckPin(l, "doutPin", l.DoutPin, false, target, pins, issues);
                CheckPin(l, "pdSckPin", l.PdSckPin, true, target, pins, issues);
                if (l.SpiBus is int bus && bus != 1 && bus != 2)
                {
                    issues.Error(l.At("spiBus"), "must be 1 or 2 (the ESP32 has two SPI buses for peripherals)");
                }
                else
                {
                    // The node refuses the same plan at boot (shared/Shelf/LaneBusPlan): say it before flashing.
                    int onBus = l.SpiBus ?? 1;
                    lanesPerBus[onBus] = lanesPerBus.GetValueOrDefault(onBus) + 1;
                    if (lanesPerBus[onBus] > Beacons.Shared.Shelf.LaneBusPlan.MaxLanesPerBus)
                    {
                        issues.Error(l.At("spiBus"), $"bus {onBus} already serves {Beacons.Shared.Shelf.LaneBusPlan.MaxLanesPerBus} lanes on device '{d.Id}': an SPI bus re-muxes between at most {Beacons.Shared.Shelf.LaneBusPlan.MaxLanesPerBus} HX711s, use the other bus");
                    }
                }

                if (l.Gain is int g && g != 128 && g != 64 && g != 32)
                {
                    issues.Error(l.At("gain"), "must be 128, 64 (channel A) or 32 (channel B)");
                }

                if (l.Sps is int sps && sps != 10 && sps != 80)
                {
                    issues.Error(l.At("sps"), "must be 10 or 80 (the HX711 RATE pin setting)");
                }

                if (l.UnitGrams == null)
                {
                    issues.Error(l.At("unitGrams"), "is required: the weight of one item in grams");
                }
                else if (l.UnitGrams <= 0 || l.UnitGrams > MaxUnitGrams)
                {
                    issues.Error(l.At("unitGrams"), $"must be more than 0 and at most {MaxUnitGrams}");
                }

                if (l.ToleranceGrams is double tol)
                {
                    if (tol <= 0)
                    {
                        issues.Error(l.At("toleranceGrams"), "must be more than 0");
                    }
                    else if (l.UnitGrams is double unit && unit > 0 && tol >= unit / 2)
                    {
                        issues.Error(l.At("toleranceGrams"), "must be less than half of unitGrams, or one item could count as zero or two");
                    }
                }

                if (l.LowItems is int low && low < 0)
                {
                    issues.Error(l.At("lowItems"), "must be 0 or more");
                }

                if (l.EmptyItems is int empty && empty < 0)
                {
                    issues.Error(l.At("emptyItems"), "must be 0 or more");
                }

                if (l.LowItems is int lo && l.EmptyItems is int em && em >= lo && lo >= 0)
                {
                    issues.Error(l.At("emptyItems"), $"must be below lowItems ({lo}): a lane is low before it is empty");
                }

                if (l.CountsPerGram is double cpg && (cpg == 0 || double.IsNaN(cpg)))
                {
                    issues.Error(l.At("countsPerGram"), "must not be 0 (leave it out until the lane is calibrated)");
                }
            }
        }

        private static void CheckPin(LaneSpec l, string field, int? pin, bool output, string target, Dictionary<int, string> used, IssueList issues)
        {
            if (pin == null)
            {
                issues.Error(l.At(field), $"is required: the GPIO wired to HX711 {(output ? "PD_SCK" : "DOUT")}");
                return;
            }

            string problem = PinRules.Check(pin.Value, output, target);
            if (problem != null)
            {
                Report(issues, l.At(field), problem + $" [{target}]");
            }

            string me = $"lane '{l.Id}' {field}";
            if (used.TryGetValue(pin.Value, out string owner))
            {
                issues.Error(l.At(field), $"GPIO {pin} is already used by {owner}");
            }
            else
            {
                used.Add(pin.Value, me);
            }
        }

        private static void ValidateZones(DeviceSpec d, IssueList issues)
        {
            if (d.Zones.Count > MaxZones)
            {
                issues.Error(d.Zones[MaxZones].Self, $"at most {MaxZones} zones per node");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            double? previousEdge = null;
            foreach (ZoneSpec z in d.Zones)
            {
                if (string.IsNullOrWhiteSpace(z.Name))
                {
                    issues.Error(z.At("name"), "every zone needs a name");
                }
                else if (z.Name.Length > 32)
                {
                    issues.Error(z.At("name"), "must be at most 32 characters");
                }
                else if (!names.Add(z.Name))
                {
                    issues.Error(z.At("name"), $"zone '{z.Name}' is named twice on device '{d.Id}'");
                }

                if (z.MaxMeters == null)
                {
                    issues.Error(z.At("maxMeters"), "is required: the zone's outer edge in metres (innermost zone first)");
                }
                else if (z.MaxMeters < 0.1 || z.MaxMeters > 100)
                {
                    issues.Error(z.At("maxMeters"), "must be between 0.1 and 100");
                }
                else if (previousEdge is double edge && z.MaxMeters <= edge)
                {
                    issues.Error(z.At("maxMeters"), $"must be beyond the previous zone's edge ({edge} m): zones are listed innermost first");
                }

                previousEdge = z.MaxMeters ?? previousEdge;
            }
        }

        private static void ValidatePosition(DeviceSpec d, IssueList issues)
        {
            if (d.Position is not PositionSpec p)
            {
                return;
            }

            if (p.X == null && p.Y == null && !p.Has("x") && !p.Has("y"))
            {
                issues.Error(p.Self, "needs x and y in metres (or leave the position out)");
                return;
            }

            foreach ((string field, double? v, string other) in new[] { ("x", p.X, "y"), ("y", p.Y, "x") })
            {
                if (v == null && !p.Has(field))
                {
                    issues.Error(p.At(field), $"is required with {other}: a position needs both x and y in metres");
                }
                else if (v != null && PositionProblem(v.Value) is string problem)
                {
                    issues.Error(p.At(field), problem);
                }
            }
        }

        private static void ValidateBeacon(DeviceSpec d, IssueList issues, Dictionary<string, SourceRef> ibeacons, Dictionary<string, SourceRef> uids)
        {
            BeaconSpec b = d.Beacon;
            if (b == null)
            {
                return;
            }

            if (b.IBeacon == null && b.Eddystone == null && b.Eid == null)
            {
                issues.Error(b.Self, "needs at least one of ibeacon, eddystone, eid");
            }

            if (b.IBeacon is IBeaconSpec ib)
            {
                if (ib.Uuid == null)
                {
                    issues.Error(ib.At("uuid"), "is required: the store chain's iBeacon UUID (8-4-4-4-12 hex digits)");
                }
                else if (!UuidPattern.IsMatch(ib.Uuid))
                {
                    issues.Error(ib.At("uuid"), "must be a UUID: 8-4-4-4-12 hex digits, e.g. f7826da6-4fa2-4e98-8024-bc5b71e0893e");
                }

                foreach ((string field, int? v) in new[] { ("major", ib.Major), ("minor", ib.Minor) })
                {
                    if (v == null)
                    {
                        issues.Error(ib.At(field), "is required (0-65535)");
                    }
                    else
                    {
                        Range(issues, ib, field, v, 0, 65535);
                    }
                }

                Range(issues, ib, "measuredPower", ib.MeasuredPower, -127, 0);
                if (ib.Uuid != null && ib.Major != null && ib.Minor != null)
                {
                    string key = $"{ib.Uuid}/{ib.Major}/{ib.Minor}";
                    if (ibeacons.TryGetValue(key, out SourceRef first))
                    {
                        issues.Error(ib.At("minor"), $"iBeacon uuid/major/minor is the same as at {first.File}:{first.Line}: phones could not tell the two apart");
                    }
                    else
                    {
                        ibeacons.Add(key, ib.At("minor"));
                    }
                }
            }

            if (b.Eddystone is EddystoneSpec ed)
            {
                if (ed.Namespace == null && ed.Instance == null && ed.Url == null)
                {
                    issues.Error(ed.Self, "needs a UID (namespace + instance) and/or a url");
                }

                if ((ed.Namespace == null) != (ed.Instance == null))
                {
                    issues.Error(ed.At(ed.Namespace == null ? "namespace" : "instance"), "an Eddystone-UID needs both namespace (20 hex) and instance (12 hex)");
                }

                if (ed.Namespace != null && !Hex20.IsMatch(ed.Namespace))
                {
                    issues.Error(ed.At("namespace"), "must be 20 hex digits (10 bytes)");
                }

                if (ed.Instance != null && !Hex12.IsMatch(ed.Instance))
                {
                    issues.Error(ed.At("instance"), "must be 12 hex digits (6 bytes)");
                }

                if (ed.Namespace != null && ed.Instance != null)
                {
                    string key = ed.Namespace + "/" + ed.Instance;
                    if (uids.TryGetValue(key, out SourceRef first))
                    {
                        issues.Error(ed.At("instance"), $"Eddystone namespace/instance is the same as at {first.File}:{first.Line}");
                    }
                    else
                    {
                        uids.Add(key, ed.At("instance"));
                    }
                }

                if (ed.Url != null && EddystoneUrl.Problem(ed.Url) is string urlProblem)
                {
                    issues.Error(ed.At("url"), urlProblem);
                }

                Range(issues, ed, "txPowerAt0m", ed.TxPowerAt0m, -100, 20);
            }

            if (b.Eid is EidSpec eid)
            {
                Range(issues, eid, "rotationExponent", eid.RotationExponent, 0, 15);
            }
        }

        private static void Range(IssueList issues, Located item, string field, int? value, int min, int max)
        {
            if (value is int v && (v < min || v > max))
            {
                issues.Error(item.At(field), $"must be between {min} and {max} (found {v})");
            }
        }

        private static void Report(IssueList issues, SourceRef at, string message)
        {
            if (message.StartsWith("warning: ", StringComparison.Ordinal))
            {
                issues.Warn(at, message.Substring(9));
            }
            else
            {
                issues.Error(at, message);
            }
        }
    }
}
