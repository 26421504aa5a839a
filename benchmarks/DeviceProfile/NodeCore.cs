using System;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// What every role's node holds whatever its features, built as StoreNode.Boot builds it: boot record, config
    /// (parsed and validated from device.json), topics, the 64-message outbox with its flash journal, the command
    /// authenticator, status and the JSON writer. The firmware's radio, Wi-Fi and MQTT client adapters are not here
    /// (their natives do not exist on the interpreter), so the figures cover the shared core only.
    /// </summary>
    public sealed class NodeCore
    {
        /// <summary>StoreNode's bounds.</summary>
        public const int OutboxCapacity = 64;
        public const int MaxInFlight = 8;

        /// <summary>Trace time 0 on the wall clock: 2026-11-22T10:00:00Z.</summary>
        public const long StartUnixMs = 1795341600000L;

        public FlashStub Storage;
        public BootRecord BootRecord;
        public ConfigStore Configs;
        public DeviceConfig Config;
        public TopicTree Topics;
        public Outbox Outbox;
        public CommandAuthenticator Commands;
        public NodeStatus Status;
        public JsonWriter Json;
        public ReconnectBackoff Backoff;
        public AckingTransport Transport;

        public NodeCore(string deviceJson, RoleResult r)
        {
            Storage = new FlashStub(deviceJson);
            BootRecord = new BootRecord(Storage);
            BootRecord.Start();
            Configs = new ConfigStore(Storage);
            Configs.Load();
            if (Configs.Config == null || Configs.SafeMode)
            {
                throw new InvalidOperationException("sample config rejected: " + Configs.Error);
            }

            Config = Configs.Config;
            r.Mark("config");
            Topics = new TopicTree(Config.Mqtt.TopicPrefix, Config.StoreId, Config.DeviceId);
            Outbox = new Outbox(OutboxCapacity, MaxInFlight, Storage, BootRecord.Boot);
            Outbox.RestoreJournal();
            r.Mark("outbox");
            Commands = Config.CommandKeyHex == null ? null : new CommandAuthenticator(Config.CommandKeyHex, Config.DeviceId);
            Status = new NodeStatus();
            Json = new JsonWriter(256);
            Backoff = new ReconnectBackoff(new Random(1));
            Transport = new AckingTransport();
            Transport.SetListener(Outbox);
            r.Mark("core");
        }

        /// <summary>What the main loop does with the broker once per tick: send, and take the acknowledgements.</summary>
        public void Pump()
        {
            Outbox.Pump(Transport);
            Transport.AckAll();
        }
    }
}
