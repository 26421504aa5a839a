using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Flash.Manifest;

namespace Beacons.Flash.Provisioning
{
    /// <summary>
    /// Builds a node's device.json (docs/config.md, docs/device-config.schema.json). A node gets only the sections its
    /// role needs: beacon for beacons, lanes for shelves, proximity and privacy (with the store secret) for scanners; every node the
    /// store's release key (<c>update</c>).
    /// Keys the technician did not set are left out so the firmware's documented defaults apply. A scanner with
    /// neighbours on the floor plan (<see cref="CalibrationPlanner"/>) also gets <c>proximity.calibration</c>.
    /// </summary>
    public static class ConfigBuilder
    {
        /// <summary>Name of the broker CA on the node's I:\ drive.</summary>
        public const string CaFileOnDevice = "ca.pem";

        public static readonly JsonSerializerOptions JsonOptions = new()
        {
            WriteIndented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static JsonObject Build(DeviceSpec d, StoreSettings s, StoreSecrets secrets, int configVersion, ScannerCalibration calibration = null)
        {
            DeviceSecrets ds = secrets.Devices[d.Id];
            var root = new JsonObject
            {
                ["schema"] = 1,
                ["configVersion"] = configVersion,
                ["store"] = s.Store,
                ["device"] = d.Id,
            };
            if (s.StatusIntervalS is int status)
            {
                root["statusIntervalS"] = status;
            }

            if (s.WifiInDeviceConfig)
            {
                var wifi = new JsonObject { ["ssid"] = s.WifiSsid, ["password"] = s.WifiPassword ?? "" };
                Put(wifi, "connectTimeoutMs", s.WifiConnectTimeoutMs);
                root["wifi"] = wifi;
            }

            var mqtt = new JsonObject { ["broker"] = s.Broker };
            if (s.CaCertPath != null)
            {
                mqtt["caCertFile"] = CaFileOnDevice;
            }

            mqtt["username"] = s.Store + "/" + d.Id;
            mqtt["password"] = ds.MqttPassword;
            if (s.TopicPrefix != null)
            {
                mqtt["topicPrefix"] = s.TopicPrefix;
            }

            Put(mqtt, "keepAliveS", s.KeepAliveS);
            root["mqtt"] = mqtt;
            root["commands"] = new JsonObject { ["key"] = ds.CommandKey };

            // The store's release key: every node of the store verifies the same signed app bundles (tools/flash release).
            if (secrets.ReleaseKey != null)
            {
                var update = new JsonObject { ["releaseKey"] = secrets.ReleaseKey };
                Put(update, "probationS", s.UpdateProbationS);
                root["update"] = update;
            }
            if (s.HomeAssistantDiscovery != null || s.HomeAssistantPrefix != null)
            {
                var ha = new JsonObject();
                Put(ha, "discovery", s.HomeAssistantDiscovery);
                if (s.HomeAssistantPrefix != null)
                {
                    ha["prefix"] = s.HomeAssistantPrefix;
                }

                root["homeAssistant"] = ha;
            }

            if (d.Roles.HasFlag(Roles.Beacon) && d.Beacon != null)
            {
                root["beacon"] = Beacon(d.Beacon, ds);
            }

            if (d.Roles.HasFlag(Roles.Shelf))
            {
                root["lanes"] = new JsonArray(d.Lanes.Select(Lane).ToArray<JsonNode>());
            }

            if (d.Roles.HasFlag(Roles.Scanner))
            {
                var proximity = new JsonObject
                {
                    ["zones"] = new JsonArray(d.Zones.Select(z =>
                    {
                        var zone = new JsonObject { ["name"] = z.Name };
                        Put(zone, "maxMeters", z.MaxMeters);
                        return (JsonNode)zone;
                    }).ToArray()),
                };
                if (calibration != null)
                {
                    proximity["calibration"] = Calibration(calibration, s);
                }

                root["proximity"] = proximity;
                var privacy = new JsonObject { ["identifiers"] = s.PrivacyIdentifiers ?? "none" };
                Put(privacy, "kAnonymity", s.PrivacyKAnonymity);
                Put(privacy, "epochHours", s.PrivacyEpochHours);
                privacy["storeSecret"] = secrets.StoreSecret;
                root["privacy"] = privacy;
            }

            return root;
        }

        public static string ToText(JsonNode node) => node.ToJsonString(JsonOptions) + "\n";

        /// <summary>
        /// <c>proximity.calibration</c> as shared/Proximity/ChannelCalibrationOptions reads it: uuid and neighbours;
        /// phoneOffsetDb only when store.json sets it, minSamples and refitS never (the node's defaults).
        /// </summary>
        private static JsonObject Calibration(ScannerCalibration c, StoreSettings s)
        {
            var o = new JsonObject
            {
                ["uuid"] = c.Uuid,
                ["neighbours"] = new JsonArray(c.Neighbours.Select(n => (JsonNode)new JsonObject
                {
                    ["major"] = n.Major,
                    ["minor"] = n.Minor,
                    ["distanceM"] = n.DistanceM,
                }).ToArray()),
            };
            Put(o, "phoneOffsetDb", s.PhoneOffsetDb);
            return o;
        }

        private static JsonObject Beacon(BeaconSpec b, DeviceSecrets ds)
        {
            var beacon = new JsonObject();
            if (b.IBeacon is IBeaconSpec ib)
            {
                var o = new JsonObject { ["uuid"] = ib.Uuid.ToLowerInvariant(), ["major"] = ib.Major, ["minor"] = ib.Minor };
                Put(o, "measuredPower", ib.MeasuredPower);
                beacon["ibeacon"] = o;
            }

            if (b.Eddystone is EddystoneSpec ed)
            {
                var o = new JsonObject();
                if (ed.Namespace != null)
                {
                    o["namespace"] = ed.Namespace.ToLowerInvariant();
                    o["instance"] = ed.Instance.ToLowerInvariant();
                }

                if (ed.Url != null)
                {
                    o["url"] = ed.Url;
                }

                Put(o, "txPowerAt0m", ed.TxPowerAt0m);
                Put(o, "tlm", ed.Tlm);
                beacon["eddystone"] = o;
            }

            if (b.Eid is EidSpec eid)
            {
                var o = new JsonObject { ["identityKey"] = ds.EidIdentityKey };
                Put(o, "rotationExponent", eid.RotationExponent);
                beacon["eid"] = o;
            }

            return beacon;
        }

        private static JsonNode Lane(LaneSpec l)
        {
            var o = new JsonObject { ["id"] = l.Id };
            if (l.Name != null)
            {
                o["name"] = l.Name;
            }

            Put(o, "doutPin", l.DoutPin);
            Put(o, "pdSckPin", l.PdSckPin);
            Put(o, "spiBus", l.SpiBus);
            Put(o, "gain", l.Gain);
            Put(o, "sps", l.Sps);
            Put(o, "unitGrams", l.UnitGrams);
            Put(o, "toleranceGrams", l.ToleranceGrams);
            Put(o, "lowItems", l.LowItems);
            Put(o, "emptyItems", l.EmptyItems);
            Put(o, "countsPerGram", l.CountsPerGram);
            Put(o, "offsetCounts", l.OffsetCounts);
            return o;
        }

        private static void Put(JsonObject o, string key, int? v)
        {
            if (v != null)
            {
                o[key] = v.Value;
            }
        }

        private static void Put(JsonObject o, string key, double? v)
        {
            if (v != null)
            {
                o[key] = v.Value;
            }
        }

        private static void Put(JsonObject o, string key, bool? v)
        {
            if (v != null)
            {
                o[key] = v.Value;
            }
        }
    }
}
