using System;
using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Threading;
using Beacons.Firmware.Advertising;
using Beacons.Firmware.Messaging;
using Beacons.Firmware.Network;
using Beacons.Firmware.Platform;
using Beacons.Firmware.Proximity;
using Beacons.Firmware.Shelf;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using Beacons.Shared.Shelf;
using Beacons.Shared.Update;
using nanoFramework.Runtime.Native;

namespace Beacons.Firmware
{
    /// <summary>
    /// The composition root's running node: boots from the stored config, publishes the retained status (birth
    /// online, Last Will offline) and runs one loop in which every component is ticked with the current time, so
    /// nothing depends on a hidden clock. The Wi-Fi join and broker connects block for seconds, so they run on the
    /// <see cref="ConnectionWorker"/>'s thread: the loop never waits on the network. The radio schedule runs on a
    /// thread of its own too: a BLE mode switch is a synchronous NimBLE deinit + init + host sync (≈0.5 s on the
    /// device), and the HX711s must not wait for it.
    /// </summary>
    public sealed class StoreNode : ITransportListener, IProximityListener, ICommandTarget
    {
        private const int LoopPeriodMs = 20;
        private const int OutboxCapacity = 64;
        private const int MaxInFlight = 8;
        private const int DiscoveryBatch = 2;

        // Finer than the schedule needs (its slots are ≥ 1 s, starts ≥ MinRestartMs apart); an idle tick is one compare.
        private const int RadioPeriodMs = 20;

        private readonly FlashStorage _storage = new FlashStorage();
        private readonly JsonWriter _json = new JsonWriter(256);
        private readonly NodeStatus _status = new NodeStatus();
        private readonly object _publishGate = new object();
        private ConfigStore _configs;
        private BootRecord _bootRecord;
        private TopicTree _topics;
        private MqttLink _mqtt;
        private ConnectionWorker _network;
        private bool _sessionReady;
        private long _bootTicks;
        private long _nextStatusMs;
        private int _connectionLost; // 0/1 through Interlocked: set by M2Mqtt's receive thread
        private Outbox _outbox;
        private CommandInbox _commands;
        private readonly ArrayList _commandTargets = new ArrayList();
        private bool _rebootRequested;
        private long _loopFaults;
        private int _goingDown; // 0/1 through Interlocked: set by the reboot handler's thread, read by the loop
        private RadioCoordinator _radio;
        private readonly object _radioFigures = new object();
        private double _airtimePercent;
        private double _scanCoveragePercent;
        private double _modeSwitchesPerHour;
        private int _radioFaults;
        private ProximityTracker _proximity;
        private PrivacyOptions _privacy;
        private HomeAssistantDiscovery _homeAssistant;
        private int _discoveryNext; // next discovery document to enqueue; Count = all sent for this session
        private ZoneLevels _zoneLevels;
        private ShelfLanes _shelf;
        private BootSelector _bootSlots;
        private BundleDownload _update;
        private string _bundleVersion = "factory";
        private long _bundleSeq;
        private bool _probation;
        private long _healthySinceMs = -1;
        private long _updateRebootAtMs = -1;
        private long _rollbackRebootAtMs = -1;

        /// <summary>Boots and runs forever (Main must not return on nanoFramework).</summary>
        public void Run()
        {
            _bootTicks = Environment.TickCount64;
            Boot();
            while (true)
            {
                try
                {
                    Tick(NowMs());
                }
                catch (Exception ex)
                {
                    // A bug or a hardware fault in one component must not stop the node: count it, log it, go on.
                    _loopFaults++;
                    Log("loop fault " + _loopFaults + ": " + ex.GetType().Name + ": " + ex.Message);
                    if (_probation)
                    {
                        RejectTrial(NowMs());
                    }
                }

                // Here, not in Tick: a component that throws on every tick must not keep the node from falling back.
                if (_rollbackRebootAtMs >= 0 && NowMs() >= _rollbackRebootAtMs)
                {
                    _rollbackRebootAtMs = -1;
                    _bootRecord.RecordPlannedReset("rollback");
                    Power.RebootDevice(5000);
                }

                Thread.Sleep(LoopPeriodMs);
            }
        }

        /// <summary>
        /// The one monotonic clock every component is ticked with. The BLE receive thread stamps advertisements with
        /// the same source (Environment.TickCount64), so it is not rebased to boot; uptime is derived from it.
        /// </summary>
        private long NowMs()
        {
            return Environment.TickCount64;
        }

        private void Boot()
        {
            _bootRecord = new BootRecord(_storage);
            _bootRecord.Start();
            _configs = new ConfigStore(_storage);
            _configs.Load();
            DeviceConfig config = _configs.Config;
            Log("boot " + _bootRecord.Boot + " (" + _bootRecord.ResetReason + "), firmware " + FirmwareInfo.Version
                + ", config from " + _configs.Source + (_configs.Error == null ? "" : " [" + _configs.Error + "]"));
            if (config == null)
            {
                Log("no usable MQTT settings: staying offline until a valid device.json is deployed");
                return;
            }

            DumpConfig(config);
            _topics = new TopicTree(config.Mqtt.TopicPrefix, config.StoreId, config.DeviceId);
            _outbox = new Outbox(OutboxCapacity, MaxInFlight, _storage, _bootRecord.Boot);
            int restored = _outbox.RestoreJournal();
            if (restored > 0)
            {
                Log(restored + " undelivered stock event(s) restored from flash");
            }

            _commands = new CommandInbox(config.CommandKeyHex == null ? null : new CommandAuthenticator(config.CommandKeyHex, config.DeviceId, new CommandFloor(_storage)));
            if (!_configs.SafeMode)
            {
                StartFeatures(config);
            }

            _mqtt = new MqttLink(config.Mqtt);
            _mqtt.SetListener(this);
            StartUpdates(config);
            Power.OnRebootEvent += OnReboot;
            _network = new ConnectionWorker(new WifiLink(config.Wifi), _mqtt, new ReconnectBackoff(new Random()),
                _topics.Status, NodeStatus.OfflinePayload(FirmwareInfo.Version, _bootRecord.Boot), Log);
            _network.Start();
        }

        /// <summary>
        /// The app bundle this boot runs (the loader chose it: boot-slots.txt says which), whether it is on probation,
        /// and the download side of updates (docs/mqtt.md, "Bundle delivery"). A download cut by a reboot resumes here.
        /// </summary>
        private void StartUpdates(DeviceConfig config)
        {
            _bootSlots = new BootSelector(_storage);
            _probation = _bootSlots.ResumeProbation();
            string slot = _probation ? _bootSlots.TrialSlot : _bootSlots.ActiveSlot;
            byte[] releaseKey = config.ReleaseKeyHex == null ? null : Hex.TryDecode(config.ReleaseKeyHex);
            long bundleBytes = 0;
            if (slot != null)
            {
                string text = _storage.ReadText(BundleBoot.ManifestName(slot));
                string error = "no manifest";
                BundleManifest running = text == null || releaseKey == null ? null : BundleManifest.Open(Encoding.UTF8.GetBytes(text), releaseKey, out error);
                _bundleSeq = _probation ? _bootSlots.TrialSeq : _bootSlots.ActiveSeq;
                _bundleVersion = running == null ? "unknown" : running.Version;
                bundleBytes = running == null ? 0 : running.TotalBytes;
                if (running == null)
                {
                    Log("bundle in slot " + slot + ": " + error);
                }
            }

            _update = new BundleDownload(_storage, _storage, _bootSlots, releaseKey,
                config.Mqtt.TopicPrefix + "/" + config.StoreId + "/fw/", _mqtt);
            _update.RunningSeq = _bundleSeq;

            // What the loader will have at boot: today's free heap plus the running bundle's resident bytes.
            _update.BootHeapBytes = nanoFramework.Runtime.Native.GC.Run(false) + bundleBytes;
            _update.ReportBoot(BundleBootResult.RollbackOf(_storage.ReadText(BundleBootResult.RecordFile)));
            _update.Resume();
            Log("bundle " + _bundleVersion + " (seq " + _bundleSeq + (slot == null ? "" : ", slot " + slot) + ")"
                + (_probation ? ", on probation for " + config.ProbationS + " s" : "") + ", update " + _update.State);
            if (!_configs.SafeMode)
            {
                AddCommandTarget(new UpdateCommand(_update));
            }
        }

        /// <summary>
        /// A bundle on probation is confirmed once the node has been connected and looping for probationS without a
        /// loop fault. A loop fault condemns it at once (<see cref="RejectTrial"/>): it is rejected and the node reboots onto
        /// the previous bundle, rather than running a faulting build until something else resets it. One that never connects falls
        /// back after BootSelector.MaxTrialBoots boots (a broker outage is not the bundle's fault, so no deadline here).
        /// </summary>
        private void TickProbation(long nowMs, bool connected)
        {
            if (!_probation)
            {
                return;
            }

            if (!connected)
            {
                _healthySinceMs = -1;
                return;
            }

            if (_healthySinceMs < 0)
            {
                _healthySinceMs = nowMs;
            }
            else if (nowMs - _healthySinceMs >= _configs.Config.ProbationS * 1000L)
            {
                _bootSlots.Confirm();
                _probation = false;
                _update.Report(UpdateState.Confirmed, _bundleSeq, null);
                Log("bundle " + _bundleVersion + " (seq " + _bundleSeq + ") confirmed healthy");
            }
        }

        /// <summary>A loop fault on probation: the trial is rejected (never retried) and the node reboots onto the previous bundle.</summary>
        private void RejectTrial(long nowMs)
        {
            _probation = false;
            try
            {
                _bootSlots.Reject("loop fault during probation");
                _update.Report(UpdateState.RolledBack, _bundleSeq, "bundle " + _bundleSeq + " had a loop fault on probation; the previous bundle boots");
            }
            catch (Exception)
            {
                // Even if flash fails here, the reboot still spends one of the trial's MaxTrialBoots.
            }

            Log("bundle " + _bundleVersion + " (seq " + _bundleSeq + ") faulted on probation: rejected, rebooting onto the previous bundle");
            _rollbackRebootAtMs = nowMs + 2000;
        }

        /// <summary>Builds the features the config switches on; safe mode runs none of them.</summary>
        private void StartFeatures(DeviceConfig config)
        {
            _privacy = config.Privacy;
            AddCommandTarget(this);
            BleWatcherScanner scanner = null;
            if (config.Proximity != null)
            {
                _proximity = new ProximityTracker(config.Proximity, config.Privacy, BootKeySource.Create(), this);
                _proximity.WaitForWallClock = true;
                scanner = new BleWatcherScanner(_proximity, config.Proximity);
            }

            if (config.Beacon != null || scanner != null)
            {
                AdvertisingSchedule schedule = config.Beacon == null ? null : AdvertisingSchedule.FromOptions(config.Beacon, scanner != null, _bootTicks);
                BeaconFrameSet frames = config.Beacon == null ? null : new BeaconFrameSet(config.Beacon);
                IAdvertiser advertiser = config.Beacon == null ? null : new BlePublisherAdvertiser();
                int window = config.Proximity == null ? 0 : config.Proximity.ScanWindowMs;
                int period = config.Proximity == null ? 0 : config.Proximity.ScanPeriodMs;
                _radio = new RadioCoordinator(schedule, frames, advertiser, scanner, window, period);
                DeviceThread.Start(RunRadio);
            }

            if (config.Lanes.Length > 0)
            {
                _shelf = new ShelfLanes(config.Lanes, _outbox, _topics, _bootRecord.Boot);
                AddCommandTarget(_shelf);
            }

            string[] zones = config.Proximity == null ? null : config.Proximity.ZoneNames;
            if (zones != null)
            {
                _zoneLevels = new ZoneLevels(_topics, zones);
            }

            if (config.HomeAssistantDiscovery)
            {
                LaneOptions[] lanes = config.Lanes;
                var laneIds = new string[lanes.Length];
                var laneNames = new string[lanes.Length];
                for (int i = 0; i < lanes.Length; i++)
                {
                    laneIds[i] = lanes[i].Id;
                    laneNames[i] = lanes[i].Name;
                }

                string roles = (config.Beacon != null ? " beacon" : "") + (lanes.Length > 0 ? " shelf" : "") + (zones != null ? " scanner" : "");
                _homeAssistant = new HomeAssistantDiscovery(config.HomeAssistantPrefix, config.StoreId, config.DeviceId, _topics, FirmwareInfo.Version,
                    "ESP32 store node (" + (roles.Length == 0 ? "status" : roles.Substring(1)) + ")", config.HomeAssistantConfigurationUrl,
                    laneIds, laneNames, zones, config.Proximity == null ? 0 : config.Proximity.BucketS);
            }
        }

        private void Tick(long nowMs)
        {
            if (Interlocked.CompareExchange(ref _goingDown, 0, 0) != 0)
            {
                // Between the goodbye and the reset: no reconnect, no "online" after the "offline".
                return;
            }

            if (_proximity != null)
            {
                _proximity.Tick(nowMs, DeviceClock.UnixMs());
            }

            if (_shelf != null)
            {
                _shelf.Tick(nowMs);
            }

            if (_mqtt == null)
            {
                return;
            }

            if (Interlocked.Exchange(ref _connectionLost, 0) != 0)
            {
                _sessionReady = false;
                _network.NotifyLost();
            }

            if (_network.TakeConnected())
            {
                OnConnected(nowMs);
            }

            if (!_mqtt.IsConnected || !_sessionReady)
            {
                _sessionReady = false;
                _network.RequestConnect();
                _update.Tick(nowMs, false);
                TickProbation(nowMs, false);
                return;
            }

            ProcessCommands(nowMs);
            _update.Tick(nowMs, true);
            TickProbation(nowMs, true);
            if (_update.TakeChanged())
            {
                _nextStatusMs = 0;
            }

            if (_update.RebootRequested && _updateRebootAtMs < 0)
            {
                // The "staged" status and the command's result go out first.
                _updateRebootAtMs = nowMs + 2000;
            }

            if (nowMs >= _nextStatusMs)
            {
                PublishStatus(nowMs);
            }

            EnqueueDiscovery();
            _outbox.Pump(_mqtt);
            if (_rebootRequested)
            {
                _rebootRequested = false;
                _bootRecord.RecordPlannedReset("command");
                Power.RebootDevice(5000);
            }

            if (_updateRebootAtMs >= 0 && nowMs >= _updateRebootAtMs)
            {
                _updateRebootAtMs = -1;
                Log("rebooting into bundle " + _update.Seq);
                _bootRecord.RecordPlannedReset("update");
                Power.RebootDevice(5000);
            }


        }

        /// <summary>
        /// The radio's own loop. The coordinator is touched by this thread only; the status reads the figures it copies
        /// out, so a publisher start that blocks in NimBLE's init holds nobody but this thread.
        /// </summary>
        private void RunRadio()
        {
            while (Interlocked.CompareExchange(ref _goingDown, 0, 0) == 0)
            {
                try
                {
                    long nowMs = NowMs();
                    long unixMs = DeviceClock.UnixMs();

                    // Mains-powered node: battery 0 = "not supported" in TLM; no die temperature API on nanoFramework.
                    _radio.Tick(nowMs, WallClock.IsSet(unixMs) ? unixMs / 1000 : 0, nowMs - _bootTicks, 0, double.NaN);
                    double airtime = _radio.AirtimePercent;
                    double scan = _radio.ScanCoveragePercent;
                    double switches = _radio.ModeSwitchesPerHour;
                    lock (_radioFigures)
                    {
                        _airtimePercent = airtime;
                        _scanCoveragePercent = scan;
                        _modeSwitchesPerHour = switches;
                    }
                }
                catch (Exception ex)
                {
                    // A refused start or a stack error must not end the radio: the schedule retries at its next step.
                    Log("radio fault " + Interlocked.Increment(ref _radioFaults) + ": " + ex.GetType().Name + ": " + ex.Message);
                }

                Thread.Sleep(RadioPeriodMs);
            }
        }

        /// <summary>A new session from the worker: subscribe and send the birth messages, on the loop's thread.</summary>
        private void OnConnected(long nowMs)
        {
            if (!_mqtt.IsConnected)
            {
                return; // dropped again before the loop saw it: the next request reconnects
            }

            _sessionReady = true;
            Log("connected to " + _configs.Config.Mqtt.Host + ":" + _configs.Config.Mqtt.Port);
            _mqtt.Subscribe(_topics.Command);
            PublishStatus(nowMs);
            PublishRetainedDocuments();
            _discoveryNext = 0;
        }

        private void PublishStatus(long nowMs)
        {
            DeviceConfig config = _configs.Config;
            _status.State = _configs.SafeMode ? NodeStatus.SafeMode : NodeStatus.Online;
            _status.FirmwareVersion = FirmwareInfo.Version;
            _status.UptimeS = (nowMs - _bootTicks) / 1000;
            _status.FreeHeapBytes = nanoFramework.Runtime.Native.GC.Run(false);
            _status.ResetReason = _bootRecord.ResetReason;
            _status.ConfigVersion = config.ConfigVersion;
            _status.Boot = _bootRecord.Boot;
            _status.ConfigError = _configs.Error;
            _status.Dropped = _outbox.DroppedStock + _outbox.DroppedProximity;
            if (_shelf != null)
            {
                _shelf.FillStatus(_status);
            }

            _status.Bundle = _bundleVersion;
            _status.BundleSeq = _bundleSeq;
            _status.UpdateState = _update.State;
            _status.UpdateSeq = _update.Seq;
            _status.UpdatePercent = _update.Percent;
            _status.UpdateError = _update.Error;
            _status.HasRadio = _radio != null;
            _status.HasChannel = _proximity != null;
            if (_proximity != null)
            {
                double p1m, n, residual;
                int neighbours;
                long samples;
                _status.ChannelFitted = _proximity.ReadChannel(out p1m, out n, out neighbours, out residual, out samples);
                _status.ChannelMeasuredPowerDbm = p1m;
                _status.ChannelPathLossExponent = n;
                _status.ChannelNeighbours = neighbours;
                _status.ChannelResidualDb = residual;
                _status.ChannelSamples = samples;
            }

            if (_radio != null)
            {
                lock (_radioFigures)
                {
                    _status.AirtimePercent = _airtimePercent;
                    _status.ScanCoveragePercent = _scanCoveragePercent;
                    _status.ModeSwitchesPerHour = _modeSwitchesPerHour;
                }
            }
            lock (_publishGate)
            {
                _status.WriteJson(_json);
                if (_mqtt.Publish(_topics.Status, Encoding.UTF8.GetBytes(_json.ToString()), true, true) >= 0)
                {
                    _nextStatusMs = nowMs + (config.StatusIntervalS * 1000L);
                }
            }
        }

        /// <summary>
        /// A reboot the node knows about (a command, a config change, or the emulator ending a run) says goodbye
        /// properly: retained offline status, then DISCONNECT so the broker does not also fire the Last Will.
        /// </summary>
        private void OnReboot()
        {
            Interlocked.Exchange(ref _goingDown, 1);
            if (_network != null)
            {
                _network.Stop();
            }

            if (_mqtt == null || !_mqtt.IsConnected)
            {
                return;
            }

            lock (_publishGate)
            {
                _mqtt.Publish(_topics.Status, Encoding.UTF8.GetBytes(NodeStatus.OfflinePayload(FirmwareInfo.Version, _bootRecord.Boot)), true, true);
            }

            Thread.Sleep(200);
            _mqtt.Disconnect();
        }

        /// <summary>
        /// Home Assistant discovery, retained, (re)sent after every connect: a few documents at a time (the next ones
        /// once the broker has acknowledged these), so up to 33 of them never hold the outbox or the heap at once.
        /// </summary>
        private void EnqueueDiscovery()
        {
            if (_homeAssistant == null)
            {
                return;
            }

            while (_discoveryNext < _homeAssistant.Count && _outbox.Pending(OutboxClass.State) < DiscoveryBatch)
            {
                string topic = _homeAssistant.Topic(_discoveryNext);
                _outbox.Enqueue(OutboxClass.State, topic, topic, _homeAssistant.Document(_json, _discoveryNext), _bootRecord.Boot, 0);
                _discoveryNext++;
            }
        }

        /// <summary>The privacy manifest, retained, (re)sent on every connect and policy change.</summary>
        private void PublishRetainedDocuments()
        {
            if (_privacy == null)
            {
                return;
            }

            var w = new JsonWriter(512);
            if (_configs.Config.Proximity != null)
            {
                // Only a scanning node handles shopper data, so only it states a policy for it.
                _outbox.Enqueue(OutboxClass.State, _topics.Privacy, _topics.Privacy,
                    PrivacyManifest.Write(w, _privacy, _configs.Config.Proximity), _bootRecord.Boot, 0);
            }
        }

        public void OnProximityPayload(string payload)
        {
            if (_outbox != null)
            {
                _outbox.Enqueue(OutboxClass.Proximity, _topics.ProximityEvents, null, payload, 0, 0);
                string zone = _zoneLevels == null ? null : _zoneLevels.TopicFor(payload);
                if (zone != null)
                {
                    // The zone's latest aggregate, retained (coalesced per zone): what a late subscriber sees.
                    _outbox.Enqueue(OutboxClass.Level, zone, zone, payload, 0, 0);
                }
            }
        }

        public bool Handles(string command)
        {
            return command == "set-privacy";
        }

        /// <summary><c>set-privacy</c>: a new policy applies at once, to the pipeline and the retained manifest.</summary>
        public void Execute(string command, Hashtable body, long nowMs)
        {
            PrivacyOptions next = PrivacyOptions.FromCommand(body, _privacy);
            _privacy = next;
            if (_proximity != null)
            {
                _proximity.SetPolicy(next);
            }

            PublishRetainedDocuments();
        }

        /// <summary>Registers a component that executes some commands (lanes, privacy).</summary>
        private void AddCommandTarget(ICommandTarget target)
        {
            _commandTargets.Add(target);
        }

        /// <summary>
        /// Publishes the inbox's rejections and runs one verified command per tick on the main loop, never on the MQTT
        /// receive thread: components are single-threaded. Each command gets exactly one result message.
        /// </summary>
        private void ProcessCommands(long nowMs)
        {
            for (string rejected = _commands.TakeResult(); rejected != null; rejected = _commands.TakeResult())
            {
                _outbox.Enqueue(OutboxClass.Result, _topics.CommandResult, null, rejected, _bootRecord.Boot, 0);
            }

            Hashtable body = _commands.TakeCommand();
            if (body == null)
            {
                return;
            }

            string id = (string)body["id"];
            string command = body["cmd"] as string;
            string result;
            try
            {
                Execute(id, command, body, nowMs);
                result = CommandResult.Ok(_json, id, command);
                Log("command " + id + " (" + command + ") done");
            }
            catch (CommandRejectedException ex)
            {
                result = CommandResult.Rejected(_json, ex.CommandId, ex.Code, ex.Message);
                Log("command rejected: " + ex.Code + ": " + ex.Message);
            }

            _outbox.Enqueue(OutboxClass.Result, _topics.CommandResult, null, result, _bootRecord.Boot, 0);
        }

        private void Execute(string id, string command, Hashtable body, long nowMs)
        {
            if (command == "status")
            {
                _nextStatusMs = 0;
                return;
            }

            if (command == "reboot")
            {
                // After the result is on its way: the loop reboots at the end of this tick.
                _rebootRequested = true;
                return;
            }

            for (int i = 0; i < _commandTargets.Count; i++)
            {
                ICommandTarget target = (ICommandTarget)_commandTargets[i];
                if (target.Handles(command))
                {
                    target.Execute(command, body, nowMs);
                    return;
                }
            }

            throw new CommandRejectedException(id, "invalid", "unknown command");
        }

        public void OnDelivered(int messageId)
        {
            _outbox.OnDelivered(messageId);
        }

        public void OnMessage(string topic, byte[] payload)
        {
            if (_update != null && _update.Offer(topic, payload))
            {
                return;
            }

            if (topic == _topics.Command && _commands != null)
            {
                _commands.Receive(payload, DeviceClock.UnixMs() / 1000);
            }
        }

        public void OnConnectionLost()
        {
            _outbox.OnConnectionLost();
            Interlocked.Exchange(ref _connectionLost, 1);
        }

        /// <summary>Every effective setting at boot, secrets left out, so the device describes itself in the log.</summary>
        private void DumpConfig(DeviceConfig c)
        {
            Log("store " + c.StoreId + " device " + c.DeviceId + " configVersion " + c.ConfigVersion);
            Log("mqtt " + (c.Mqtt.Tls ? "mqtts://" : "mqtt://") + c.Mqtt.Host + ":" + c.Mqtt.Port + " user " + c.Mqtt.Username
                + " clientId " + c.Mqtt.ClientId + " prefix " + c.Mqtt.TopicPrefix + " keepAlive " + c.Mqtt.KeepAliveS + "s");
            Log("wifi " + (c.Wifi == null ? "(stored credentials)" : "ssid " + c.Wifi.Ssid));
        }

        private void Log(string message)
        {
            Debug.WriteLine("[node] " + message);
        }
    }
}
