using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Beacons.Flash.Manifest;
using Beacons.Shared.Configuration;

namespace Beacons.Flash.Provisioning
{
    /// <summary>Result of provisioning one device.</summary>
    /// <param name="Calibration">The neighbours written into proximity.calibration, or null when there is no such section.</param>
    public sealed record ProvisionedDevice(string Id, string Role, int ConfigVersion, bool Changed, string FirmwareError, ScannerCalibration Calibration = null);

    /// <summary>
    /// Turns a validated manifest and store settings into the output folder:
    /// <c>&lt;out&gt;/&lt;device&gt;/{device.json, ca.pem, filedeployment.json, networkdeployment.json}</c> and
    /// <c>&lt;out&gt;/{secrets.json, passwords.txt, mosquitto-acl.conf, plan.json}</c>. Idempotent: secrets already in
    /// secrets.json are kept, and configVersion only moves when a device's config content changes.
    /// </summary>
    public sealed class Provisioner
    {
        public const string DeviceConfigFile = "device.json";
        public const string FileDeploymentFile = "filedeployment.json";
        public const string NetworkDeploymentFile = "networkdeployment.json";

        private readonly SecretGenerator _generator;

        public Provisioner(SecretGenerator generator)
        {
            _generator = generator;
        }

        /// <summary>Loads secrets from <paramref name="outFolder"/> (or starts empty) and fills in the missing ones.</summary>
        public StoreSecrets EnsureSecrets(string outFolder, StoreManifest manifest, StoreSettings store)
        {
            string path = Path.Combine(outFolder, StoreSecrets.FileName);
            StoreSecrets secrets = StoreSecrets.Load(path) ?? new StoreSecrets { Store = store.Store };
            if (secrets.Store != store.Store)
            {
                throw new InvalidOperationException($"{path} belongs to store '{secrets.Store}', not '{store.Store}': use another --out folder");
            }

            string scope = store.Store + "/";
            secrets.StoreSecret ??= _generator.Hex(scope + "store-secret", 32);
            secrets.OpsPassword ??= _generator.UrlSafeBase64(scope + "ops-password", 24);
            secrets.ReleaseKey ??= _generator.Hex(scope + "release-key", 32);
            foreach (DeviceSpec d in manifest.Devices)
            {
                if (!secrets.Devices.TryGetValue(d.Id, out DeviceSecrets ds))
                {
                    ds = new DeviceSecrets();
                    secrets.Devices.Add(d.Id, ds);
                }

                ds.MqttPassword ??= _generator.UrlSafeBase64(scope + d.Id + "/mqtt-password", 24);
                ds.CommandKey ??= _generator.Hex(scope + d.Id + "/command-key", 32);
                if (d.Roles.HasFlag(Roles.Beacon) && d.Beacon?.Eid != null)
                {
                    ds.EidIdentityKey ??= _generator.Hex(scope + d.Id + "/eid-identity-key", 16);
                }
            }

            return secrets;
        }

        public List<ProvisionedDevice> Run(string outFolder, StoreManifest manifest, StoreSettings store, StoreSecrets secrets)
        {
            outFolder = Path.GetFullPath(outFolder);
            Directory.CreateDirectory(outFolder);
            var results = new List<ProvisionedDevice>();
            Dictionary<string, ScannerCalibration> calibrations = CalibrationPlanner.Plan(manifest);
            foreach (DeviceSpec d in manifest.Devices)
            {
                ScannerCalibration calibration = calibrations.GetValueOrDefault(d.Id);
                string folder = Path.Combine(outFolder, d.Id);
                Directory.CreateDirectory(folder);
                string configPath = Path.Combine(folder, DeviceConfigFile);
                (int version, bool changed, string text) = Versioned(configPath, v => ConfigBuilder.Build(d, store, secrets, v, calibration));
                OutputFiles.Write(configPath, text, secret: true);

                string caPath = null;
                if (store.CaCertPath != null)
                {
                    caPath = Path.Combine(folder, ConfigBuilder.CaFileOnDevice);
                    OutputFiles.Write(caPath, File.ReadAllText(store.CaCertPath), secret: false);
                }

                OutputFiles.Write(Path.Combine(folder, FileDeploymentFile), FileDeployment(configPath, caPath), secret: false);
                OutputFiles.Write(Path.Combine(folder, NetworkDeploymentFile), NetworkDeployment(store, caPath), secret: true);
                results.Add(new ProvisionedDevice(d.Id, d.Role, version, changed, FirmwareCheck(text), calibration));
            }

            string[] ids = manifest.Devices.Select(d => d.Id).ToArray();
            OutputFiles.Write(Path.Combine(outFolder, StoreSecrets.FileName), secrets.ToJson(), secret: true);
            OutputFiles.Write(Path.Combine(outFolder, "passwords.txt"), AclBuilder.Passwords(store.Store, secrets, ids), secret: true);
            OutputFiles.Write(Path.Combine(outFolder, "mosquitto-acl.conf"), AclBuilder.Build(store.Store, store.TopicPrefix), secret: false);
            var plan = new StorePlan { Store = store.Store };
            plan.Devices.AddRange(manifest.Devices.Select(d => new PlannedDevice { Id = d.Id, Role = d.Role }));
            OutputFiles.Write(Path.Combine(outFolder, StorePlan.FileName), plan.ToJson(), secret: false);
            return results;
        }

        /// <summary>
        /// The firmware's own validator on the generated text: what the node will accept at boot. Returns null when
        /// accepted, otherwise "key: problem" (ConfigException never carries a value).
        /// </summary>
        public static string FirmwareCheck(string configText)
        {
            try
            {
                DeviceConfig.Parse(configText);
                return null;
            }
            catch (ConfigException ex)
            {
                return ex.Key + ": " + ex.Problem;
            }
        }

        /// <summary>
        /// Keeps the previous configVersion when nothing else changed, bumps it by one otherwise, so a node's status
        /// reports a new version exactly when its settings moved.
        /// </summary>
        private static (int Version, bool Changed, string Text) Versioned(string path, Func<int, JsonObject> build)
        {
            JsonObject previous = null;
            if (File.Exists(path))
            {
                try
                {
                    previous = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
                }
                catch (System.Text.Json.JsonException)
                {
                    previous = null;
                }
            }

            int oldVersion = 0;
            if (previous?["configVersion"] is JsonValue v && v.TryGetValue(out int ov))
            {
                oldVersion = ov;
            }

            if (previous != null && oldVersion > 0)
            {
                string same = ConfigBuilder.ToText(build(oldVersion));
                if (JsonNode.DeepEquals(JsonNode.Parse(same), previous))
                {
                    return (oldVersion, false, same);
                }
            }

            int version = oldVersion + 1;
            return (version, true, ConfigBuilder.ToText(build(version)));
        }

        private static string FileDeployment(string configPath, string caPath)
        {
            // No "SerialPort" here on purpose: nanoff prefers the JSON's port over --serialport, and the port is a
            // fact of the bench (store.json / --serialport at flash time), not of the device.
            var files = new JsonArray(new JsonObject { ["DestinationFilePath"] = "I:\\" + DeviceConfigFile, ["SourceFilePath"] = configPath });
            if (caPath != null)
            {
                files.Add(new JsonObject { ["DestinationFilePath"] = "I:\\" + ConfigBuilder.CaFileOnDevice, ["SourceFilePath"] = caPath });
            }

            return ConfigBuilder.ToText(new JsonObject { ["Files"] = files });
        }

        private static string NetworkDeployment(StoreSettings s, string caPath)
        {
            bool open = string.IsNullOrEmpty(s.WifiPassword);
            var client = new JsonObject
            {
                ["Ssid"] = s.WifiSsid,
                ["Password"] = s.WifiPassword ?? "",
                ["Authentication"] = open ? "Open" : "WPA2",
                ["Encryption"] = open ? "None" : "WPA2",
                // AutoConnect: the node joins with these stored credentials at boot (its config has no wifi section).
                ["ConfigurationOption"] = "AutoConnect",
                // nanoff treats DhcpEnabled=false as a static address and would then require IPv4Address.
                ["DhcpEnabled"] = true,
                ["AutomaticDNS"] = true,
            };
            var root = new JsonObject { ["WirelessClient"] = client };
            if (caPath != null)
            {
                root["CACertificatesPath"] = caPath;
            }

            return ConfigBuilder.ToText(root);
        }
    }
}
