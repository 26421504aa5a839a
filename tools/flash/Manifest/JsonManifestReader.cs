using System.Text.Json;

namespace Beacons.Flash.Manifest
{
    /// <summary>Reads a JSON store manifest (format in tools/flash/README.md). Structure only; rules are in <see cref="ManifestValidator"/>.</summary>
    public static class JsonManifestReader
    {
        public static StoreManifest Read(string fileName, string text, IssueList issues)
        {
            JsonSource src = JsonSource.Parse(fileName, text, issues);
            if (src == null)
            {
                return null;
            }

            var manifest = new StoreManifest { Self = src.At("") };
            if (!src.IsObject(src.Root, ""))
            {
                return manifest;
            }

            src.RejectUnknown(src.Root, "", "store", "devices");
            manifest.Store = src.GetString(src.Root, "", "store", manifest);
            if (!src.TryGet(src.Root, "devices", out JsonElement devices) || devices.ValueKind != JsonValueKind.Array)
            {
                issues.Error(src.At("devices"), "is required: an array of devices");
                return manifest;
            }

            int i = 0;
            foreach (JsonElement d in devices.EnumerateArray())
            {
                string path = $"devices[{i++}]";
                if (src.IsObject(d, path))
                {
                    manifest.Devices.Add(ReadDevice(src, d, path));
                }
            }

            return manifest;
        }

        private static DeviceSpec ReadDevice(JsonSource src, JsonElement d, string path)
        {
            var dev = new DeviceSpec { Self = src.At(path) };
            src.RejectUnknown(d, path, "id", "role", "position", "beacon", "lanes", "zones");
            dev.Id = src.GetString(d, path, "id", dev);
            dev.Role = src.GetString(d, path, "role", dev);
            if (src.TryGet(d, "beacon", out JsonElement b) && src.IsObject(b, JsonSource.Join(path, "beacon")))
            {
                dev.SetSource("beacon", src.At(JsonSource.Join(path, "beacon")));
                dev.Beacon = ReadBeacon(src, b, JsonSource.Join(path, "beacon"));
            }

            if (src.TryGet(d, "position", out JsonElement pos) && src.IsObject(pos, JsonSource.Join(path, "position")))
            {
                string pp = JsonSource.Join(path, "position");
                dev.SetSource("position", src.At(pp));
                var position = new PositionSpec { Self = src.At(pp) };
                src.RejectUnknown(pos, pp, "x", "y");
                position.X = src.GetDouble(pos, pp, "x", position);
                position.Y = src.GetDouble(pos, pp, "y", position);
                dev.Position = position;
            }

            if (src.TryGet(d, "lanes", out JsonElement lanes))
            {
                dev.SetSource("lanes", src.At(JsonSource.Join(path, "lanes")));
                if (lanes.ValueKind != JsonValueKind.Array)
                {
                    src.Issues.Error(src.At(JsonSource.Join(path, "lanes")), "must be an array");
                }
                else
                {
                    int i = 0;
                    foreach (JsonElement l in lanes.EnumerateArray())
                    {
                        string lp = $"{path}.lanes[{i++}]";
                        if (src.IsObject(l, lp))
                        {
                            dev.Lanes.Add(ReadLane(src, l, lp));
                        }
                    }
                }
            }

            if (src.TryGet(d, "zones", out JsonElement zones))
            {
                dev.SetSource("zones", src.At(JsonSource.Join(path, "zones")));
                if (zones.ValueKind != JsonValueKind.Array)
                {
                    src.Issues.Error(src.At(JsonSource.Join(path, "zones")), "must be an array");
                }
                else
                {
                    int i = 0;
                    foreach (JsonElement z in zones.EnumerateArray())
                    {
                        string zp = $"{path}.zones[{i++}]";
                        if (src.IsObject(z, zp))
                        {
                            var zone = new ZoneSpec { Self = src.At(zp) };
                            src.RejectUnknown(z, zp, "name", "maxMeters");
                            zone.Name = src.GetString(z, zp, "name", zone);
                            zone.MaxMeters = src.GetDouble(z, zp, "maxMeters", zone);
                            dev.Zones.Add(zone);
                        }
                    }
                }
            }

            return dev;
        }

        private static BeaconSpec ReadBeacon(JsonSource src, JsonElement b, string path)
        {
            var beacon = new BeaconSpec { Self = src.At(path) };
            src.RejectUnknown(b, path, "ibeacon", "eddystone", "eid");
            if (src.TryGet(b, "ibeacon", out JsonElement ib) && src.IsObject(ib, path + ".ibeacon"))
            {
                string p = path + ".ibeacon";
                var spec = new IBeaconSpec { Self = src.At(p) };
                src.RejectUnknown(ib, p, "uuid", "major", "minor", "measuredPower");
                spec.Uuid = src.GetString(ib, p, "uuid", spec);
                spec.Major = src.GetInt(ib, p, "major", spec);
                spec.Minor = src.GetInt(ib, p, "minor", spec);
                spec.MeasuredPower = src.GetInt(ib, p, "measuredPower", spec);
                beacon.IBeacon = spec;
            }

            if (src.TryGet(b, "eddystone", out JsonElement ed) && src.IsObject(ed, path + ".eddystone"))
            {
                string p = path + ".eddystone";
                var spec = new EddystoneSpec { Self = src.At(p) };
                src.RejectUnknown(ed, p, "namespace", "instance", "url", "txPowerAt0m", "tlm");
                spec.Namespace = src.GetString(ed, p, "namespace", spec);
                spec.Instance = src.GetString(ed, p, "instance", spec);
                spec.Url = src.GetString(ed, p, "url", spec);
                spec.TxPowerAt0m = src.GetInt(ed, p, "txPowerAt0m", spec);
                spec.Tlm = src.GetBool(ed, p, "tlm", spec);
                beacon.Eddystone = spec;
            }

            if (src.TryGet(b, "eid", out JsonElement eid) && src.IsObject(eid, path + ".eid"))
            {
                string p = path + ".eid";
                var spec = new EidSpec { Self = src.At(p) };
                if (eid.TryGetProperty("identityKey", out _))
                {
                    src.Issues.Error(src.At(p + ".identityKey"), "is a secret: leave it out of the manifest; provision generates it and keeps it in secrets.json");
                }

                src.RejectUnknown(eid, p, "rotationExponent", "identityKey");
                spec.RotationExponent = src.GetInt(eid, p, "rotationExponent", spec);
                beacon.Eid = spec;
            }

            return beacon;
        }

        private static LaneSpec ReadLane(JsonSource src, JsonElement l, string p)
        {
            var lane = new LaneSpec { Self = src.At(p) };
            src.RejectUnknown(l, p, "id", "name", "doutPin", "pdSckPin", "spiBus", "gain", "sps", "unitGrams", "toleranceGrams",
                "lowItems", "emptyItems", "countsPerGram", "offsetCounts");
            lane.Id = src.GetString(l, p, "id", lane);
            lane.Name = src.GetString(l, p, "name", lane);
            lane.DoutPin = src.GetInt(l, p, "doutPin", lane);
            lane.PdSckPin = src.GetInt(l, p, "pdSckPin", lane);
            lane.SpiBus = src.GetInt(l, p, "spiBus", lane);
            lane.Gain = src.GetInt(l, p, "gain", lane);
            lane.Sps = src.GetInt(l, p, "sps", lane);
            lane.UnitGrams = src.GetDouble(l, p, "unitGrams", lane);
            lane.ToleranceGrams = src.GetDouble(l, p, "toleranceGrams", lane);
            lane.LowItems = src.GetInt(l, p, "lowItems", lane);
            lane.EmptyItems = src.GetInt(l, p, "emptyItems", lane);
            lane.CountsPerGram = src.GetDouble(l, p, "countsPerGram", lane);
            lane.OffsetCounts = src.GetDouble(l, p, "offsetCounts", lane);
            return lane;
        }
    }
}
