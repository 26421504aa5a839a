using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Beacons.Flash.Provisioning;
using Beacons.Flash.Release;
using Beacons.Shared.Update;
using Spectre.Console;

namespace Beacons.Flash.Cli
{
    /// <summary>
    /// <c>release --bundle DIR --secrets secrets.json --broker URL [--canary n01,n02|N] [--waves 2,5] [--dry-run]</c>:
    /// signs a bundle with the store's release key, publishes it retained under fw/&lt;seq&gt;/…, and rolls it out
    /// canary first, then in waves; halts at the first node that rolls back or fails. Exit 0 all confirmed, 1 halted
    /// (or the broker is unreachable), 2 bad arguments.
    /// </summary>
    public static class ReleaseVerb
    {
        public static Command Build(CliContext ctx)
        {
            var bundle = new Option<DirectoryInfo>("--bundle") { Description = "Bundle folder: the .pe files and (optional) bundle.json {bundle, seq, entry, heapKB, chunkBytes, files[] in load order}.", Required = true };
            var secrets = new Option<FileInfo>("--secrets") { Description = "The store's secrets.json written by provision (release key, ops password, node command keys).", Required = true };
            var version = new Option<string>("--version") { Description = "Bundle version, e.g. 1.4.2 (overrides bundle.json)." };
            var seq = new Option<long?>("--seq") { Description = "Bundle sequence number, higher than any released before (overrides bundle.json)." };
            var entry = new Option<string>("--entry") { Description = "Entry assembly (overrides bundle.json)." };
            var heap = new Option<int?>("--heap-kb") { Description = "Managed heap the app needs besides its bytes, KB (default 0)." };
            var chunk = new Option<int?>("--chunk-bytes") { Description = $"Chunk size, {BundleManifest.MinChunkBytes}..{BundleManifest.MaxChunkBytes} (default {BundleManifest.DefaultChunkBytes})." };
            var files = new Option<string>("--files") { Description = "The .pe files in load order, comma-separated (overrides bundle.json)." };
            var broker = new Option<string>("--broker") { Description = "mqtt://host[:port] or mqtts://host[:port] (not needed with --dry-run)." };
            var username = new Option<string>("--username") { Description = "MQTT user (default ops-<store>)." };
            var passwordFile = new Option<FileInfo>("--password-file") { Description = "File holding the MQTT password (default: the ops password in the secrets)." };
            var ca = new Option<FileInfo>("--ca") { Description = "PEM of the broker's CA (mqtts:// only)." };
            var prefix = new Option<string>("--prefix") { Description = "Topic prefix (default retail/v1)." };
            var nodes = new Option<string>("--nodes") { Description = "Nodes to update, comma-separated (default every node in the secrets)." };
            var canary = new Option<string>("--canary") { Description = "Canary set: node ids (n01,n02) or a count of the first nodes (default 1)." };
            var waves = new Option<string>("--waves") { Description = "Sizes of the waves after the canary, e.g. 2,5 (the last size repeats; default: the rest at once)." };
            var probation = new Option<int>("--probation") { Description = "Seconds to keep watching a confirmed wave before widening (default 60).", DefaultValueFactory = _ => 60 };
            var timeout = new Option<int>("--timeout") { Description = "Longest wait for a wave to finish, seconds (default 900).", DefaultValueFactory = _ => 900 };
            var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and the signed manifest; publish nothing." };
            var command = new Command("release", "Sign an app bundle, publish it to the store's broker and roll it out: canary, then waves; halt on the first rollback.")
            {
                bundle, secrets, version, seq, entry, heap, chunk, files, broker, username, passwordFile, ca, prefix, nodes, canary, waves, probation, timeout, dryRun,
            };
            command.SetAction(parse =>
            {
                var a = new ReleaseArguments
                {
                    BundleDir = parse.GetValue(bundle).FullName,
                    SecretsPath = parse.GetValue(secrets).FullName,
                    Version = parse.GetValue(version),
                    Seq = parse.GetValue(seq),
                    Entry = parse.GetValue(entry),
                    HeapKb = parse.GetValue(heap),
                    ChunkBytes = parse.GetValue(chunk),
                    Files = parse.GetValue(files),
                    Broker = parse.GetValue(broker),
                    Username = parse.GetValue(username),
                    PasswordFile = parse.GetValue(passwordFile)?.FullName,
                    CaFile = parse.GetValue(ca)?.FullName,
                    Prefix = parse.GetValue(prefix),
                    Nodes = parse.GetValue(nodes),
                    Canary = parse.GetValue(canary),
                    Waves = parse.GetValue(waves),
                    ProbationS = parse.GetValue(probation),
                    TimeoutS = parse.GetValue(timeout),
                    DryRun = parse.GetValue(dryRun),
                };
                return Run(ctx, a);
            });
            return command;
        }

        /// <summary>The verb's inputs (tests may fill these and call <see cref="Run"/> with a hook).</summary>
        public sealed class ReleaseArguments
        {
            public string BundleDir;
            public string SecretsPath;
            public string Version;
            public long? Seq;
            public string Entry;
            public int? HeapKb;
            public int? ChunkBytes;
            public string Files;
            public string Broker;
            public string Username;
            public string PasswordFile;
            public string CaFile;
            public string Prefix;
            public string Nodes;
            public string Canary;
            public string Waves;
            public int ProbationS = 60;
            public int TimeoutS = 900;
            public bool DryRun;

            /// <summary>Test hook passed to <see cref="ReleaseOptions.FirstPublishFilter"/>.</summary>
            public Func<int, int, byte[], byte[]> FirstPublishFilter;
        }

        public static int Run(CliContext ctx, ReleaseArguments a)
        {
            ReleaseBundle signed;
            ReleaseOptions options;
            List<NodeRollout> rollouts;
            try
            {
                (signed, options, rollouts) = Prepare(ctx, a);
            }
            catch (ArgumentException ex)
            {
                ctx.Err.WriteLine("error: " + OneLine(ex.Message));
                return 2;
            }

            PrintPlan(ctx, signed, options);
            if (a.DryRun)
            {
                ctx.Out.WriteLine("dry run: nothing published, no command sent");
                return 0;
            }

            IAnsiConsole console = Console(ctx);
            ReleaseOutcome outcome;
            try
            {
                using var runner = new ReleaseRunner(options, signed, rollouts);
                runner.Log = line => ctx.Out.WriteLine(line);
                runner.Connect();
                outcome = WithProgress(console, signed, rollouts, runner);
            }
            catch (ArgumentException ex)
            {
                ctx.Err.WriteLine("error: " + OneLine(ex.Message));
                return 2;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or MQTTnet.Exceptions.MqttCommunicationException or System.Security.Cryptography.CryptographicException)
            {
                ctx.Err.WriteLine("error: " + OneLine(ex.Message));
                return 1;
            }

            PrintSummary(ctx, outcome);
            if (outcome.HaltedOn != null)
            {
                NodeRollout h = outcome.HaltedOn;
                ctx.Err.WriteLine($"release halted: {h.Id} {h.State}{(h.Error != null ? " (" + OneLine(h.Error) + ")" : "")}; later waves not started; fw/{signed.Seq}/… left retained");
                return 1;
            }

            return outcome.AllConfirmed ? 0 : 1;
        }

        private static (ReleaseBundle, ReleaseOptions, List<NodeRollout>) Prepare(CliContext ctx, ReleaseArguments a)
        {
            if (!Directory.Exists(a.BundleDir))
            {
                throw new ArgumentException($"--bundle: not a folder: {a.BundleDir}");
            }

            if (!File.Exists(a.SecretsPath))
            {
                throw new ArgumentException($"--secrets: not found: {a.SecretsPath}");
            }

            StoreSecrets secrets;
            try
            {
                secrets = StoreSecrets.Load(a.SecretsPath);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ArgumentException($"--secrets {Path.GetFileName(a.SecretsPath)}: not a secrets.json ({ex.Message})");
            }

            if (secrets?.Store == null || secrets.Devices == null)
            {
                throw new ArgumentException($"--secrets {Path.GetFileName(a.SecretsPath)}: not a secrets.json written by provision");
            }

            ctx.HideSecrets(secrets.All());
            if (secrets.ReleaseKey == null || Beacons.Shared.Common.Hex.TryDecode(secrets.ReleaseKey) is not { Length: >= 32 })
            {
                throw new ArgumentException($"{Path.GetFileName(a.SecretsPath)} has no release key: run provision again to add one (and reflash the configs)");
            }

            BundleSpec spec = BundleSpec.Load(a.BundleDir);
            string version = a.Version ?? spec.Bundle ?? throw new ArgumentException("--version (or \"bundle\" in bundle.json) is required");
            long seq = a.Seq ?? spec.Seq ?? throw new ArgumentException("--seq (or \"seq\" in bundle.json) is required");
            string entry = a.Entry ?? spec.Entry ?? throw new ArgumentException("--entry (or \"entry\" in bundle.json) is required");
            IEnumerable<string> names = a.Files != null ? Split(a.Files) : spec.Files ?? throw new ArgumentException("--files (or \"files\" in bundle.json) is required: the .pe files in load order");
            List<BundleFile> files = BundleSpec.ReadFiles(a.BundleDir, names);
            var signed = ReleaseBundle.Create(version, seq, entry, a.HeapKb ?? spec.HeapKB ?? 0, a.ChunkBytes ?? spec.ChunkBytes ?? BundleManifest.DefaultChunkBytes, files, Beacons.Shared.Common.Hex.TryDecode(secrets.ReleaseKey));

            List<string> all = a.Nodes != null ? Split(a.Nodes).ToList() : secrets.Devices.Keys.ToList();
            foreach (string id in all)
            {
                if (!secrets.Devices.ContainsKey(id))
                {
                    throw new ArgumentException($"--nodes: '{id}' is not a node of store {secrets.Store}");
                }
            }

            if (all.Count == 0 || all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            {
                throw new ArgumentException("--nodes: give each node once");
            }

            var waves = new List<List<string>>();
            string canary = a.Canary ?? "1";
            List<string> first;
            if (int.TryParse(canary, out int count))
            {
                if (count < 1 || count > all.Count)
                {
                    throw new ArgumentException($"--canary {count}: must be 1..{all.Count} (the nodes to update)");
                }

                first = all.Take(count).ToList();
            }
            else
            {
                first = Split(canary).ToList();
                foreach (string id in first.Where(id => !all.Contains(id)))
                {
                    throw new ArgumentException($"--canary: '{id}' is not among the nodes to update");
                }
            }

            waves.Add(first);
            List<string> rest = all.Where(id => !first.Contains(id)).ToList();
            int[] sizes = a.Waves == null ? new[] { Math.Max(1, rest.Count) } : Split(a.Waves).Select(s => int.TryParse(s, out int n) && n > 0 ? n : throw new ArgumentException($"--waves '{a.Waves}': positive wave sizes, e.g. 2,5")).ToArray();
            for (int i = 0; rest.Count > 0; i++)
            {
                int size = sizes[Math.Min(i, sizes.Length - 1)];
                waves.Add(rest.Take(size).ToList());
                rest = rest.Skip(size).ToList();
            }

            if (a.ProbationS < 0 || a.ProbationS > 3600 || a.TimeoutS < 1 || a.TimeoutS > 86400)
            {
                throw new ArgumentException("--probation must be 0..3600 s and --timeout 1..86400 s");
            }

            if (!a.DryRun && a.Broker == null)
            {
                throw new ArgumentException("--broker is required (or --dry-run)");
            }

            string password = secrets.OpsPassword;
            if (a.PasswordFile != null)
            {
                password = File.Exists(a.PasswordFile) ? File.ReadAllText(a.PasswordFile).Trim() : throw new ArgumentException($"--password-file: not found: {a.PasswordFile}");
                ctx.HideSecrets(new[] { password });
            }

            var options = new ReleaseOptions
            {
                BrokerUrl = a.Broker,
                Username = a.Username ?? "ops-" + secrets.Store,
                Password = password,
                CaFile = a.CaFile,
                Prefix = a.Prefix ?? "retail/v1",
                Store = secrets.Store,
                Waves = waves,
                Probation = TimeSpan.FromSeconds(a.ProbationS),
                WaveTimeout = TimeSpan.FromSeconds(a.TimeoutS),
                FirstPublishFilter = a.FirstPublishFilter,
            };
            List<NodeRollout> rollouts = all.Select(id => new NodeRollout(id, secrets.Devices[id].CommandKey)).ToList();
            return (signed, options, rollouts);
        }

        private static void PrintPlan(CliContext ctx, ReleaseBundle b, ReleaseOptions o)
        {
            ctx.Out.WriteLine($"bundle {b.Version}  seq {b.Seq}  entry {b.Entry}  heapKB {b.HeapKb}  chunkBytes {b.ChunkBytes}  store {o.Store}");
            for (int i = 0; i < b.Files.Count; i++)
            {
                ctx.Out.WriteLine($"  file {i}: {b.Files[i].Name}  {b.Files[i].Bytes.Length} bytes  {b.ChunkCount(i)} chunks");
            }

            ctx.Out.WriteLine($"  total {b.TotalBytes} bytes, {b.TotalChunks} chunks; manifest {b.Envelope.Length} bytes, signed (HMAC-SHA256, release key)");
            ctx.Out.WriteLine($"  topics {ReleaseBundle.ManifestTopic(o.Prefix, o.Store, b.Seq)}, {o.Prefix}/{o.Store}/fw/{b.Seq}/<file>/<chunk> (retained, QoS 1)");
            for (int w = 0; w < o.Waves.Count; w++)
            {
                ctx.Out.WriteLine($"  wave {w + 1}{(w == 0 ? " (canary)" : "")}: {string.Join(", ", o.Waves[w])}");
            }

            ctx.Out.WriteLine($"  halts on the first rolled-back or failed node; a wave waits up to {o.WaveTimeout.TotalSeconds:0} s, then {o.Probation.TotalSeconds:0} s of probation watch");
        }

        private static ReleaseOutcome WithProgress(IAnsiConsole console, ReleaseBundle b, List<NodeRollout> nodes, ReleaseRunner runner)
        {
            ReleaseOutcome outcome = null;
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                .Start(p =>
                {
                    ProgressTask upload = p.AddTask($"publish fw/{b.Seq}", maxValue: b.TotalChunks);
                    runner.PublishBundle(done => upload.Value = done);
                    var tasks = nodes.ToDictionary(n => n.Id, n => p.AddTask(Label(n), autoStart: true, maxValue: 100));
                    runner.Changed = n =>
                    {
                        ProgressTask t = tasks[n.Id];
                        t.Description = Label(n);
                        t.Value = n.Pct;
                        if (n.Terminal)
                        {
                            t.Value = 100;
                            t.StopTask();
                        }
                    };
                    outcome = runner.Run();
                    runner.Changed = null;
                });
            return outcome;
        }

        private static string Label(NodeRollout n) => Markup.Escape($"{n.Id} {n.State}");

        private static void PrintSummary(CliContext ctx, ReleaseOutcome outcome)
        {
            ctx.Out.WriteLine(SummaryText(outcome));
        }

        /// <summary>The per-node table and the wave times, as plain text.</summary>
        public static string SummaryText(ReleaseOutcome outcome)
        {
            var table = new Table().AddColumns("node", "wave", "before", "after", "state", "seconds", "error");
            foreach (NodeRollout n in outcome.Nodes)
            {
                table.AddRow(Markup.Escape(n.Id), (n.Wave + 1).ToString(), Markup.Escape(n.Before ?? "?"), Markup.Escape(n.After ?? "-"), Markup.Escape(n.State),
                    n.Terminal ? n.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-", Markup.Escape(OneLine(n.Error ?? "")));
            }

            var writer = new StringWriter();
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
            console.Profile.Width = 140;
            console.Write(table);
            for (int w = 0; w < outcome.WaveTimes.Count; w++)
            {
                writer.WriteLine($"wave {w + 1}: {outcome.WaveTimes[w].TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s");
            }

            if (outcome.Republished > 0)
            {
                writer.WriteLine($"chunks republished on a node's request: {outcome.Republished}");
            }

            return writer.ToString().TrimEnd('\n');
        }

        private static IAnsiConsole Console(CliContext ctx)
        {
            bool live = ctx.IsTerminal && !System.Console.IsOutputRedirected;
            return AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = live ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = live ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
                // Live rendering goes straight to the terminal (it only shows node ids, states and percentages);
                // otherwise through the redacting writer like every other line.
                Out = new AnsiConsoleOutput(live ? System.Console.Out : ctx.Out),
            });
        }

        private static IEnumerable<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private static string OneLine(string message)
        {
            int newline = message.IndexOfAny(new[] { '\r', '\n' });
            return newline < 0 ? message : message.Substring(0, newline);
        }
    }
}
