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

        /// <summary>Version of the running app bundle ("factory" when none was installed), or null: not reported.</summary>
        public string Bundle { get; set; }

        /// <summary>Sequence number of the running bundle (0 for the factory bundle).</summary>
        public long BundleSeq { get; set; }

        /// <summary><c>update.state</c>: idle, downloading, staged, probation, confirmed, rolled-back or failed.</summary>
        public string UpdateState { get; set; }

        /// <summary><c>update.seq</c>: the bundle the state is about (left out when below 1).</summary>
        public long UpdateSeq { get; set; }

        /// <summary><c>update.pct</c>: bytes downloaded, 0-100.</summary>
        public int UpdatePercent { get; set; }

        /// <summary><c>update.error</c>, or null (left out).</summary>
        public string UpdateError { get; set; }

        /// <summary>A proximity node: <c>channel</c> is reported (the log-distance constants its zones use).</summary>
        public bool HasChannel { get; set; }

        /// <summary>True when the channel was fitted from neighbours' beacons, false when configured.</summary>
        public bool ChannelFitted { get; set; }

        public double ChannelMeasuredPowerDbm { get; set; }

        public double ChannelPathLossExponent { get; set; }

        /// <summary>Neighbours in the last fit.</summary>
        public int ChannelNeighbours { get; set; }

        /// <summary>RMS of the neighbours around the fitted line, dB.</summary>
        public double ChannelResidualDb { get; set; }

        /// <summary>Neighbour beacon samples taken since boot.</summary>
        public long ChannelSamples { get; set; }

        private string[] _laneIds = new string[0];
        private double[] _laneNoiseGrams = new double[0];
        private double[] _laneMinItemGrams = new double[0];
        private int _laneCount;

        /// <summary>Shelf lanes reported in <c>lanes</c> (0 = none, the member is left out).</summary>
        public int LaneCount
        {
            get { return _laneCount; }
        }

        /// <summary>Sets how many lanes the status reports; grows its arrays only when needed (once, at boot).</summary>
        public void SetLaneCount(int count)
        {
            if (count > _laneIds.Length)
            {
                _laneIds = new string[count];
                _laneNoiseGrams = new double[count];
                _laneMinItemGrams = new double[count];
            }

            _laneCount = count;
        }

        /// <summary>
        /// One lane's measured noise RMS and the smallest item it counts reliably, g (0 or less = not measured yet,
        /// written as null).
        /// </summary>
        public void SetLane(int index, string laneId, double noiseGrams, double minItemGrams)
        {
            _laneIds[index] = laneId;
            _laneNoiseGrams[index] = noiseGrams;
            _laneMinItemGrams[index] = minItemGrams;
        }

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

            if (Bundle != null)
            {
                w.String("bundle", Bundle).Number("bundleSeq", BundleSeq);
                w.Name("update").BeginObject().String("state", UpdateState == null ? "idle" : UpdateState);
                if (UpdateSeq > 0)
                {
                    w.Number("seq", UpdateSeq);
                }

                w.Number("pct", UpdatePercent);
                if (UpdateError != null)
                {
                    w.String("error", UpdateError);
                }

                w.EndObject();
            }

            if (HasRadio)
            {
                w.Number("airtimePct", AirtimePercent, 1).Number("scanPct", ScanCoveragePercent, 1).Number("modeSwitchesPerHour", ModeSwitchesPerHour, 0);
            }

            if (HasChannel)
            {
                w.Name("channel").BeginObject()
                    .String("source", ChannelFitted ? "neighbours" : "configured")
                    .Number("measuredPowerDbm", ChannelMeasuredPowerDbm, 1)
                    .Number("pathLossExponent", ChannelPathLossExponent, 2);
                if (ChannelFitted)
                {
                    w.Number("neighbours", ChannelNeighbours).Number("residualDb", ChannelResidualDb, 1);
                }

                w.Number("samples", ChannelSamples).EndObject();
            }

            if (_laneCount > 0)
            {
                w.BeginArray("lanes");
                for (int i = 0; i < _laneCount; i++)
                {
                    w.BeginObject()
                        .String("lane", _laneIds[i])
                        .Number("noiseG", _laneNoiseGrams[i] > 0 ? _laneNoiseGrams[i] : double.NaN, 2)
                        .Number("minItemG", _laneMinItemGrams[i] > 0 ? _laneMinItemGrams[i] : double.NaN, 1)
                        .EndObject();
                }

                w.EndArray();
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
