using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Beacons.Flash.Manifest
{
    /// <summary>Per-board flashing settings from store.json <c>flash.devices</c>.</summary>
    public sealed class BoardSettings : Located
    {
        public string SerialPort { get; set; }

        public string Target { get; set; }
    }

    /// <summary>
    /// store.json: everything a store's nodes share (broker, CA, Wi-Fi, privacy policy) and the bench setup (serial
    /// port and nanoff target per node). The Wi-Fi password may come from an environment variable instead of the file.
    /// </summary>
    public sealed class StoreSettings : Located
    {
        public string FileName { get; set; }

        /// <summary>Folder of store.json; relative paths in it (the CA file) are relative to this folder.</summary>
        public string BaseFolder { get; set; }

        public string Store { get; set; }

        public string Broker { get; set; }

        /// <summary>Absolute path of the broker's CA PEM on this machine, or null for mqtt://.</summary>
        public string CaCertPath { get; set; }

        public string TopicPrefix { get; set; }

        public int? KeepAliveS { get; set; }

        public int? StatusIntervalS { get; set; }

        /// <summary>store.json <c>update.probationS</c>: how long a new app bundle must run healthy before a node confirms it.</summary>
        public int? UpdateProbationS { get; set; }

        public string WifiSsid { get; set; }

        /// <summary>A secret (never printed).</summary>
        public string WifiPassword { get; set; }

        public bool WifiInDeviceConfig { get; set; }

        public int? WifiConnectTimeoutMs { get; set; }

        public string PrivacyIdentifiers { get; set; }

        public int? PrivacyKAnonymity { get; set; }

        public int? PrivacyEpochHours { get; set; }

        /// <summary>
        /// store.json <c>proximity.phoneOffsetDb</c>, -30..30: a phone's 1 m RSSI minus a node's, written into every
        /// scanner's <c>proximity.calibration</c>; absent = the node's default.
        /// </summary>
        public double? PhoneOffsetDb { get; set; }

        public bool? HomeAssistantDiscovery { get; set; }

        public string HomeAssistantPrefix { get; set; }

        public string DefaultTarget { get; set; }

        public Dictionary<string, BoardSettings> Boards { get; } = new(StringComparer.Ordinal);

        public string TargetOf(string device) => Boards.TryGetValue(device, out BoardSettings b) && b.Target != null ? b.Target : DefaultTarget;

        public string SerialPortOf(string device) => Boards.TryGetValue(device, out BoardSettings b) ? b.SerialPort : null;

        public SourceRef TargetSource(string device) => Boards.TryGetValue(device, out BoardSettings b) && b.Target != null ? b.At("target") : At("defaultTarget");

        public static StoreSettings Load(string path, IssueList issues)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                issues.Error(new SourceRef(Path.GetFileName(path), 1, "(file)"), $"not found: {full}");
                return null;
            }

            return Read(Path.GetFileName(full), File.ReadAllText(full), Path.GetDirectoryName(full), issues);
        }

        public static StoreSettings Read(string fileName, string text, string baseFolder, IssueList issues)
        {
            JsonSource src = JsonSource.Parse(fileName, text, issues);
            if (src == null)
            {
                return null;
            }

            var s = new StoreSettings { FileName = fileName, BaseFolder = baseFolder, Self = src.At("") };
            JsonElement root = src.Root;
            if (!src.IsObject(root, ""))
            {
                return null;
            }

            src.RejectUnknown(root, "", "store", "mqtt", "wifi", "privacy", "homeAssistant", "statusIntervalS", "flash", "update", "proximity");
            s.Store = src.GetString(root, "", "store", s);
            s.StatusIntervalS = src.GetInt(root, "", "statusIntervalS", s);
            if (src.TryGet(root, "update", out JsonElement up) && src.IsObject(up, "update"))
            {
                src.RejectUnknown(up, "update", "probationS");
                s.UpdateProbationS = src.GetInt(up, "update", "probationS", s);
            }
            if (src.TryGet(root, "mqtt", out JsonElement m) && src.IsObject(m, "mqtt"))
            {
                src.RejectUnknown(m, "mqtt", "broker", "caCertFile", "topicPrefix", "keepAliveS");
                s.Broker = src.GetString(m, "mqtt", "broker", s);
                string ca = src.GetString(m, "mqtt", "caCertFile");
                if (ca != null)
                {
                    s.SetSource("caCertFile", src.At("mqtt.caCertFile"));
                    s.CaCertPath = Path.GetFullPath(Path.Combine(baseFolder, ca));
                }

                s.TopicPrefix = src.GetString(m, "mqtt", "topicPrefix", s);
                s.KeepAliveS = src.GetInt(m, "mqtt", "keepAliveS", s);
                s.SetSource("mqtt", src.At("mqtt"));
            }
            else
            {
                issues.Error(src.At("mqtt"), "is required (at least mqtt.broker)");
            }

            if (src.TryGet(root, "wifi", out JsonElement w) && src.IsObject(w, "wifi"))
            {
                src.RejectUnknown(w, "wifi", "ssid", "password", "passwordEnv", "inDeviceConfig", "connectTimeoutMs");
                s.SetSource("wifi", src.At("wifi"));
                s.WifiSsid = src.GetString(w, "wifi", "ssid", s);
                s.WifiPassword = src.GetString(w, "wifi", "password", s, secret: true);
                string env = src.GetString(w, "wifi", "passwordEnv");
                if (env != null)
                {
                    s.SetSource("password", src.At("wifi.passwordEnv"));
                    if (s.WifiPassword != null)
                    {
                        issues.Error(src.At("wifi.passwordEnv"), "give either wifi.password or wifi.passwordEnv, not both");
                    }
                    else
                    {
                        s.WifiPassword = Environment.GetEnvironmentVariable(env);
                        if (s.WifiPassword == null)
                        {
                            issues.Error(src.At("wifi.passwordEnv"), $"environment variable {env} is not set");
                        }
                    }
                }

                s.WifiInDeviceConfig = src.GetBool(w, "wifi", "inDeviceConfig", s) ?? false;
                s.WifiConnectTimeoutMs = src.GetInt(w, "wifi", "connectTimeoutMs", s);
            }

            if (src.TryGet(root, "privacy", out JsonElement p) && src.IsObject(p, "privacy"))
            {
                src.RejectUnknown(p, "privacy", "identifiers", "kAnonymity", "epochHours");
                s.SetSource("privacy", src.At("privacy"));
                s.PrivacyIdentifiers = src.GetString(p, "privacy", "identifiers", s);
                s.PrivacyKAnonymity = src.GetInt(p, "privacy", "kAnonymity", s);
                s.PrivacyEpochHours = src.GetInt(p, "privacy", "epochHours", s);
            }

            if (src.TryGet(root, "proximity", out JsonElement px) && src.IsObject(px, "proximity"))
            {
                src.RejectUnknown(px, "proximity", "phoneOffsetDb");
                s.PhoneOffsetDb = src.GetDouble(px, "proximity", "phoneOffsetDb", s);
            }

            if (src.TryGet(root, "homeAssistant", out JsonElement h) && src.IsObject(h, "homeAssistant"))
            {
                src.RejectUnknown(h, "homeAssistant", "discovery", "prefix");
                s.HomeAssistantDiscovery = src.GetBool(h, "homeAssistant", "discovery", s);
                s.HomeAssistantPrefix = src.GetString(h, "homeAssistant", "prefix", s);
            }

            if (src.TryGet(root, "flash", out JsonElement f) && src.IsObject(f, "flash"))
            {
                src.RejectUnknown(f, "flash", "defaultTarget", "devices");
                s.DefaultTarget = src.GetString(f, "flash", "defaultTarget", s);
                if (src.TryGet(f, "devices", out JsonElement devs) && src.IsObject(devs, "flash.devices"))
                {
                    foreach (JsonProperty d in devs.EnumerateObject())
                    {
                        string path = "flash.devices." + d.Name;
                        if (!src.IsObject(d.Value, path))
                        {
                            continue;
                        }

                        var b = new BoardSettings { Self = src.At(path) };
                        src.RejectUnknown(d.Value, path, "serialPort", "target");
                        b.SerialPort = src.GetString(d.Value, path, "serialPort", b);
                        b.Target = src.GetString(d.Value, path, "target", b);
                        s.Boards[d.Name] = b;
                    }
                }
            }

            return s;
        }
    }
}
