namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// What the retained <c>status</c> message says about a node. The Last Will is the same shape with state
    /// <c>offline</c>, so a consumer reads one schema (docs/asyncapi.yaml, NodeStatus).
    /// </summary>
    public sealed class NodeStatus
    {
        public const string Online = "online";
        public const string Offline = "offline";
        public const string SafeMode = "safe-mode";

        /// <summary><see cref="Online"/>, <see cref="Offline"/> or <see cref="SafeMode"/>.</summary>
        public string State { get; set; }

        public string FirmwareVersion { get; set; }

        public long UptimeS { get; set; }

        /// <summary>Free managed heap in bytes, or -1 when unknown.</summary>
        public long FreeHeapBytes { get; set; }

        /// <summary>Why the node last (re)started: power-on, reboot-command, crash… (from the boot record).</summary>
        public string ResetReason { get; set; }

        public int ConfigVersion { get; set; }

        /// <summary>Persisted boot counter; with <c>seq</c> it lets a consumer tell a reboot from a gap.</summary>
        public long Boot { get; set; }

        /// <summary>Messages the outbox had to drop (proximity evictions, refused stock events) since boot.</summary>
        public long Dropped { get; set; }

        /// <summary>Why the node is in safe mode or runs on its last good config (key path and problem), or null.</summary>
        public string ConfigError { get; set; }

        /// <summary>Whether the node drives a BLE radio (then the three radio figures are reported).</summary>
        public bool HasRadio { get; set; }

        /// <summary>Share of time with a beacon frame on air since boot, percent.</summary>
        public double AirtimePercent { get; set; }

        /// <summary>Share of time in scan windows since boot, percent.</summary>
        public double ScanCoveragePercent { get; set; }

        /// <summary>BLE stack mode switches per hour since boot (each a NimBLE restart).</summary>
        public double ModeSwitchesPerHour { get; set; }

        /// <summary>Writes the compact JSON payload.</summary>
        public void WriteJson(JsonWriter w)
        {
            w.Clear().BeginObject()
                .String("state", State)
                .String("fw", FirmwareVersion)
                .Number("uptimeS", UptimeS)
                .Number("freeHeap", FreeHeapBytes)
                .String("reset", ResetReason)
                .Number("configVersion", ConfigVersion)
                .Number("boot", Boot)
                .Number("dropped", Dropped);
            if (ConfigError != null)
            {
                w.String("configError", ConfigError);
            }

            if (HasRadio)
            {
                w.Number("airtimePct", AirtimePercent, 1).Number("scanPct", ScanCoveragePercent, 1).Number("modeSwitchesPerHour", ModeSwitchesPerHour, 0);
            }

            w.EndObject();
        }

        /// <summary>The Last Will payload registered at connect: fixed, because the broker sends it after the node is gone.</summary>
        public static string OfflinePayload(string firmwareVersion, long boot)
        {
            var w = new JsonWriter(96);
            w.BeginObject().String("state", Offline).String("fw", firmwareVersion).Number("boot", boot).EndObject();
            return w.ToString();
        }
    }
}
