using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Beacons.Flash.Release
{
    /// <summary>What the release tool knows about one node during a rollout.</summary>
    public sealed class NodeRollout
    {
        public NodeRollout(string id, string commandKey)
        {
            Id = id;
            CommandKey = commandKey;
        }

        public string Id { get; }

        public string CommandKey { get; }

        public int Wave { get; set; }

        /// <summary>Running bundle when the rollout first saw the node ("version@seq"), null until its status arrives.</summary>
        public string Before { get; set; }

        public string After { get; set; }

        /// <summary>pending, sent, downloading, staged, probation, confirmed, current, rolled-back, failed, timeout, skipped.</summary>
        public string State { get; set; } = "pending";

        public int Pct { get; set; }

        public string Error { get; set; }

        public double Seconds { get; set; }

        internal bool HasStatus;
        internal string Online;
        internal long BundleSeq = -1;
        internal string Bundle;
        internal string UpdateState;
        internal long UpdateSeq = -1;
        internal int UpdatePct;
        internal string UpdateError;
        internal string HandledError;
        internal string CommandId;
        internal string CommandRejected;
        internal bool CommandAcked;
        internal DateTime SentAt;
        internal int Sends;
        internal Stopwatch Clock;

        public bool Terminal => State is "confirmed" or "current" or "rolled-back" or "failed" or "timeout" or "skipped";

        public bool Bad => State is "rolled-back" or "failed" or "timeout";
    }

    /// <summary>Settings of one rollout (the verb fills them from its options).</summary>
    public sealed class ReleaseOptions
    {
        public string BrokerUrl { get; set; }

        public string Username { get; set; }

        public string Password { get; set; }

        public string CaFile { get; set; }

        public string Prefix { get; set; } = "retail/v1";

        public string Store { get; set; }

        /// <summary>Waves in order; the first is the canary set.</summary>
        public List<List<string>> Waves { get; set; } = new();

        /// <summary>Longest wait for a wave's nodes to reach a final state.</summary>
        public TimeSpan WaveTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Extra watch after a wave's nodes have all confirmed, before widening (a late rollback halts).</summary>
        public TimeSpan Probation { get; set; } = TimeSpan.Zero;

        /// <summary>Resend an unanswered update command after this long (3 sends at most).</summary>
        public TimeSpan CommandRetry { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Test hook: changes a chunk's payload on its first publish (a corrupted upload).</summary>
        public Func<int, int, byte[], byte[]> FirstPublishFilter { get; set; }
    }

    /// <summary>Result of a rollout.</summary>
    public sealed class ReleaseOutcome
    {
        public List<NodeRollout> Nodes { get; } = new();

        public List<TimeSpan> WaveTimes { get; } = new();

        public NodeRollout HaltedOn { get; set; }

        public int Republished { get; set; }

        public bool AllConfirmed => HaltedOn == null && Nodes.All(n => n.State is "confirmed" or "current");
    }

    /// <summary>
    /// Publishes a signed bundle (manifest + chunks, retained, QoS 1) and rolls it out wave by wave: signed
    /// <c>update</c> commands to the wave's nodes, then their retained <c>status</c> watched until every node of the
    /// wave is confirmed, rolled back, failed or out of time. Halts at the first node that rolls back or fails and
    /// leaves fw/&lt;seq&gt;/… retained (nodes mid-download still need them). Republishes a chunk a node names in
    /// its <c>update.error</c> ("chunk &lt;file&gt;/&lt;chunk&gt;").
    /// </summary>
    public sealed class ReleaseRunner : IDisposable
    {
        private static readonly Regex ChunkInError = new(@"chunk\s+(\d+)/(\d+)", RegexOptions.CultureInvariant);

        private readonly ReleaseOptions _o;
        private readonly ReleaseBundle _bundle;
        private readonly Dictionary<string, NodeRollout> _nodes;
        private readonly CommandSigner _signer = new();
        private readonly object _gate = new();
        private readonly Dictionary<(int, int), DateTime> _republished = new();
        private readonly List<(int File, int Chunk)> _republishQueue = new();
        private readonly IMqttClient _client;
        private readonly AutoResetEvent _changed = new(false);
        private int _republishCount;

        public ReleaseRunner(ReleaseOptions options, ReleaseBundle bundle, IEnumerable<NodeRollout> nodes)
        {
            _o = options;
            _bundle = bundle;
            _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                try
                {
                    OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                }
                catch (Exception)
                {
                    // A malformed status never stops a rollout; that node simply shows no progress.
                }

                return System.Threading.Tasks.Task.CompletedTask;
            };
        }

        /// <summary>Progress callback: (node, state, pct) on every change the tool sees.</summary>
        public Action<NodeRollout> Changed { get; set; }

        /// <summary>Log lines (published, sent, republished, halted).</summary>
        public Action<string> Log { get; set; }

        public void Connect()
        {
            if (!Uri.TryCreate(_o.BrokerUrl, UriKind.Absolute, out Uri uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || uri.Host.Length == 0)
            {
                throw new ArgumentException($"--broker '{_o.BrokerUrl}': expected mqtt://host[:port] or mqtts://host[:port]");
            }

            bool tls = uri.Scheme == "mqtts";
            MqttClientOptionsBuilder b = new MqttClientOptionsBuilder()
                .WithTcpServer(uri.Host, uri.Port > 0 ? uri.Port : (tls ? 8883 : 1883))
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId("release-" + Guid.NewGuid().ToString("N").Substring(0, 10))
                .WithCleanSession()
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (_o.Username != null)
            {
                b = b.WithCredentials(_o.Username, _o.Password);
            }

            if (tls)
            {
                X509Certificate2 ca = _o.CaFile == null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(_o.CaFile));
                b = b.WithTlsOptions(t =>
                {
                    t.UseTls().WithTargetHost(uri.Host).WithIgnoreCertificateRevocationErrors();
                    if (ca != null)
                    {
                        t.WithTrustChain(new X509Certificate2Collection(ca));
                    }
                });
            }
            else if (_o.CaFile != null)
            {
                throw new ArgumentException("--ca needs an mqtts:// broker");
            }

            MqttClientConnectResult result;
            try
            {
                result = _client.ConnectAsync(b.Build()).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not ArgumentException)
            {
                throw new InvalidOperationException($"cannot connect to {_o.BrokerUrl}: {Innermost(ex).Message}");
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused the release tool: {result.ResultCode}");
            }

            string root = $"{_o.Prefix}/{_o.Store}";
            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(root + "/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(root + "/+/cmd/result", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).GetAwaiter().GetResult();
        }

        /// <summary>Publishes the manifest and every chunk, retained, QoS 1; calls <paramref name="progress"/> with chunks done.</summary>
        public void PublishBundle(Action<int> progress = null)
        {
            int done = 0;
            for (int f = 0; f < _bundle.Files.Count; f++)
            {
                for (int c = 0; c < _bundle.ChunkCount(f); c++)
                {
                    byte[] payload = _bundle.ChunkPayload(f, c);
                    if (_o.FirstPublishFilter != null)
                    {
                        payload = _o.FirstPublishFilter(f, c, payload);
                    }

                    Publish(ReleaseBundle.ChunkTopic(_o.Prefix, _o.Store, _bundle.Seq, f, c), payload);
                    progress?.Invoke(++done);
                }
            }

            // The manifest last: a node that sees it finds every chunk already there.
            Publish(ReleaseBundle.ManifestTopic(_o.Prefix, _o.Store, _bundle.Seq), Encoding.UTF8.GetBytes(_bundle.Envelope));
            Log?.Invoke($"published fw/{_bundle.Seq}: manifest + {done} chunks ({_bundle.TotalBytes} bytes), retained");
        }

        /// <summary>Runs every wave; stops at the first wave with a bad node.</summary>
        public ReleaseOutcome Run()
        {
            var outcome = new ReleaseOutcome();
            for (int w = 0; w < _o.Waves.Count; w++)
            {
                foreach (string id in _o.Waves[w])
                {
                    _nodes[id].Wave = w;
                }
            }

            outcome.Nodes.AddRange(_o.Waves.SelectMany(w => w).Select(id => _nodes[id]));

            // Let the retained statuses arrive, so "before" is known for every node that has one.
            WaitUntil(() => _nodes.Values.All(n => n.HasStatus), TimeSpan.FromSeconds(3));
            for (int w = 0; w < _o.Waves.Count && outcome.HaltedOn == null; w++)
            {
                var wave = _o.Waves[w].Select(id => _nodes[id]).ToList();
                var clock = Stopwatch.StartNew();
                Log?.Invoke($"wave {w + 1}{(w == 0 ? " (canary)" : "")}: {string.Join(", ", wave.Select(n => n.Id))}");
                foreach (NodeRollout n in wave)
                {
                    lock (_gate)
                    {
                        n.Clock = Stopwatch.StartNew();
                        if (n.BundleSeq >= _bundle.Seq && n.UpdateState != "probation")
                        {
                            Finish(n, n.BundleSeq == _bundle.Seq ? "current" : "skipped", n.BundleSeq > _bundle.Seq ? $"runs a newer bundle (seq {n.BundleSeq})" : null);
                            continue;
                        }
                    }

                    SendUpdate(n);
                }

                DateTime deadline = DateTime.UtcNow + _o.WaveTimeout;
                DateTime? soakUntil = null;
                while (true)
                {
                    _changed.WaitOne(200);
                    RepublishNamedChunks();
                    lock (_gate)
                    {
                        foreach (NodeRollout n in wave.Where(n => !n.Terminal && n.State != "pending"))
                        {
                            if (!n.CommandAcked && n.CommandRejected == null && DateTime.UtcNow - n.SentAt > _o.CommandRetry && n.Sends < 3)
                            {
                                Monitor.Exit(_gate);
                                try
                                {
                                    SendUpdate(n);
                                }
                                finally
                                {
                                    Monitor.Enter(_gate);
                                }
                            }
                        }

                        NodeRollout bad = outcome.Nodes.FirstOrDefault(n => n.Bad);
                        if (bad != null)
                        {
                            outcome.HaltedOn = bad;
                            break;
                        }

                        if (wave.All(n => n.Terminal))
                        {
                            soakUntil ??= DateTime.UtcNow + _o.Probation;
                            if (DateTime.UtcNow >= soakUntil)
                            {
                                break;
                            }
                        }

                        if (DateTime.UtcNow > deadline)
                        {
                            foreach (NodeRollout n in wave.Where(n => !n.Terminal))
                            {
                                Finish(n, "timeout", $"no final state within {_o.WaveTimeout.TotalSeconds:0} s (last seen: {n.State})");
                                Changed?.Invoke(n);
                            }

                            outcome.HaltedOn = wave.First(n => n.State == "timeout");
                            break;
                        }
                    }
                }

                outcome.WaveTimes.Add(clock.Elapsed);
                if (outcome.HaltedOn != null)
                {
                    Log?.Invoke($"halted: {outcome.HaltedOn.Id} {outcome.HaltedOn.State}{(outcome.HaltedOn.Error != null ? ": " + outcome.HaltedOn.Error : "")}; fw/{_bundle.Seq}/… stays retained (nodes mid-download still need it)");
                }
            }

            lock (_gate)
            {
                foreach (NodeRollout n in outcome.Nodes.Where(n => !n.Terminal))
                {
                    n.State = n.State == "pending" ? "not started" : n.State;
                    n.After ??= Describe(n);
                }
            }

            outcome.Republished = _republishCount;
            return outcome;
        }

        public void Dispose()
        {
            try
            {
                if (_client.IsConnected)
                {
                    _client.DisconnectAsync().GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                // Leaving anyway.
            }

            _client.Dispose();
            _changed.Dispose();
        }

        private void SendUpdate(NodeRollout n)
        {
            string envelope;
            lock (_gate)
            {
                envelope = _signer.Update(n.Id, n.CommandKey, _bundle.Seq);
                n.CommandId = _signer.LastId;
                n.SentAt = DateTime.UtcNow;
                n.Sends++;
                if (n.State == "pending")
                {
                    n.State = "sent";
                }
            }

            Publish($"{_o.Prefix}/{_o.Store}/{n.Id}/cmd", Encoding.UTF8.GetBytes(envelope), retain: false);
            Changed?.Invoke(n);
        }

        private void Publish(string topic, byte[] payload, bool retain = true)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            _client.PublishAsync(message).GetAwaiter().GetResult();
        }

        private void RepublishNamedChunks()
        {
            List<(int File, int Chunk)> todo;
            lock (_gate)
            {
                todo = new List<(int, int)>(_republishQueue);
                _republishQueue.Clear();
            }

            foreach ((int f, int c) in todo)
            {
                Publish(ReleaseBundle.ChunkTopic(_o.Prefix, _o.Store, _bundle.Seq, f, c), _bundle.ChunkPayload(f, c));
                _republishCount++;
                Log?.Invoke($"republished chunk {f}/{c}");
            }
        }

        private void OnMessage(string topic, byte[] payload)
        {
            string root = $"{_o.Prefix}/{_o.Store}/";
            if (!topic.StartsWith(root, StringComparison.Ordinal))
            {
                return;
            }

            string rest = topic.Substring(root.Length);
            int slash = rest.IndexOf('/');
            if (slash <= 0 || !_nodes.TryGetValue(rest.Substring(0, slash), out NodeRollout n))
            {
                return;
            }

            string leaf = rest.Substring(slash + 1);
            using JsonDocument doc = JsonDocument.Parse(payload);
            JsonElement e = doc.RootElement;
            lock (_gate)
            {
                if (leaf == "status")
                {
                    ApplyStatus(n, e);
                }
                else if (leaf == "cmd/result")
                {
                    ApplyResult(n, e);
                }
                else
                {
                    return;
                }
            }

            Changed?.Invoke(n);
            _changed.Set();
        }

        private void ApplyResult(NodeRollout n, JsonElement e)
        {
            if (n.CommandId == null || Str(e, "id") != n.CommandId || n.Terminal)
            {
                return;
            }

            if (e.TryGetProperty("ok", out JsonElement ok) && ok.ValueKind == JsonValueKind.True)
            {
                n.CommandAcked = true;
                return;
            }

            n.CommandRejected = $"update command rejected: {Str(e, "code")}: {Str(e, "error")}";
            Finish(n, "failed", n.CommandRejected);
        }

        private void ApplyStatus(NodeRollout n, JsonElement e)
        {
            n.HasStatus = true;
            n.Online = Str(e, "state");
            if (e.TryGetProperty("bundleSeq", out JsonElement bs) && bs.TryGetInt64(out long seq))
            {
                n.BundleSeq = seq;
            }

            n.Bundle = Str(e, "bundle") ?? n.Bundle;
            if (e.TryGetProperty("update", out JsonElement u) && u.ValueKind == JsonValueKind.Object)
            {
                n.UpdateState = Str(u, "state");
                n.UpdateSeq = u.TryGetProperty("seq", out JsonElement us) && us.TryGetInt64(out long useq) ? useq : -1;
                n.UpdatePct = u.TryGetProperty("pct", out JsonElement p) && p.TryGetInt32(out int pct) ? pct : n.UpdatePct;
                n.UpdateError = Str(u, "error");
            }

            if (n.Before == null && n.Online != "offline" && n.BundleSeq >= 0)
            {
                n.Before = Describe(n);
            }

            if (n.Terminal || n.State == "pending" || n.Online == "offline")
            {
                return;
            }

            bool ours = n.UpdateSeq == _bundle.Seq;
            if (ours && n.UpdateError != null && n.UpdateError != n.HandledError)
            {
                // Once per report: the same error text republished with a progress step is not a new request.
                n.HandledError = n.UpdateError;
                n.Error = n.UpdateError;
                Match m = ChunkInError.Match(n.UpdateError);
                if (m.Success && int.TryParse(m.Groups[1].Value, out int f) && int.TryParse(m.Groups[2].Value, out int c)
                    && f >= 0 && f < _bundle.Files.Count && c >= 0 && c < _bundle.ChunkCount(f)
                    && (!_republished.TryGetValue((f, c), out DateTime last) || DateTime.UtcNow - last > TimeSpan.FromSeconds(5)))
                {
                    _republished[(f, c)] = DateTime.UtcNow;
                    _republishQueue.Add((f, c));
                }
            }

            if (ours && n.UpdateState is "downloading" or "staged" or "probation")
            {
                n.CommandAcked = true;
                n.State = n.UpdateState;
                n.Pct = n.UpdateState == "downloading" ? n.UpdatePct : 100;
            }
            else if ((ours && n.UpdateState == "confirmed") || (n.BundleSeq == _bundle.Seq && n.UpdateState is "confirmed" or "idle" or null))
            {
                n.Pct = 100;
                Finish(n, "confirmed", null);
            }
            else if (ours && n.UpdateState is "rolled-back" or "failed")
            {
                Finish(n, n.UpdateState, n.UpdateError ?? n.Error);
            }
        }

        private void Finish(NodeRollout n, string state, string error)
        {
            n.State = state;
            n.Error = error ?? (state == "confirmed" ? null : n.Error);
            n.After = Describe(n);
            n.Seconds = n.Clock?.Elapsed.TotalSeconds ?? 0;
            _changed.Set();
        }

        private static string Describe(NodeRollout n) => n.BundleSeq < 0 ? "?" : $"{n.Bundle ?? "?"}@{n.BundleSeq}";

        private static string Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private void WaitUntil(Func<bool> done, TimeSpan most)
        {
            DateTime end = DateTime.UtcNow + most;
            while (DateTime.UtcNow < end)
            {
                lock (_gate)
                {
                    if (done())
                    {
                        return;
                    }
                }

                _changed.WaitOne(100);
            }
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }
    }
}
