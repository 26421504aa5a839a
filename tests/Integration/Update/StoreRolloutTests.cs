using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Beacons.Broker;
using Beacons.Emulator;
using Beacons.Flash;
using Beacons.Flash.Cli;
using Beacons.Flash.Provisioning;
using Beacons.Shared.Update;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Update
{
    /// <summary>
    /// Issue 15 end to end: a virtual store of real firmware nodes on a real mosquitto, and <c>tools/flash release</c>
    /// run in-process against it. A good bundle goes canary → waves to every node; a bundle that crashes on boot is
    /// rolled back by the nodes themselves and the release halts at the canary; a chunk published corrupted is reported
    /// by the node and republished by the tool; a manifest under the wrong key fails; power cut mid-download and
    /// mid-switch. Each test prints the release's rollout table.
    /// </summary>
    /// <remarks>
    /// Nodes boot through the virtual device's loader (tools/emulator VirtualLoader: boot slot, signed manifest, every
    /// file verified, heap fit, NFMRK2 marker); an entry .pe carrying <see cref="VirtualLoader.CrashMarker"/> is the
    /// "bad build" that crashes on start-up and resets the node.
    /// </remarks>
    [TestClass]
    public sealed class StoreRolloutTests
    {
        private const string CrashMarker = VirtualLoader.CrashMarker;

        [TestMethod]
        public void GoodBundle_CanaryThenWaves_EveryNodeConfirmed()
        {
            using var store = Store.Start(3);
            string bundle = store.Bundle("1.5.0", 1, crash: false);
            (int code, string output) = store.Release(bundle, "--canary", "1", "--waves", "2");
            Assert.AreEqual(0, code, output);
            foreach (string id in store.Ids)
            {
                JsonElement s = store.Status(id, st => st.GetProperty("bundleSeq").GetInt64() == 1);
                Assert.AreEqual("1.5.0", s.GetProperty("bundle").GetString(), id);
                Assert.AreEqual("confirmed", s.GetProperty("update").GetProperty("state").GetString(), id);
            }

            StringAssert.Contains(output, "wave 1 (canary): n01");
            StringAssert.Contains(output, "wave 2: n02, n03");
        }

        [TestMethod]
        public void CrashingBundle_RolledBackByTheCanaryItself_ReleaseHaltsThere()
        {
            using var store = Store.Start(3);
            (int good, string first) = store.Release(store.Bundle("1.5.0", 1, crash: false), "--canary", "3");
            Assert.AreEqual(0, good, first);

            (int code, string output) = store.Release(store.Bundle("1.6.0-bad", 2, crash: true), "--canary", "1");
            Assert.AreEqual(1, code, output);
            StringAssert.Contains(output, "release halted: n01 rolled-back");
            JsonElement n01 = store.Status("n01", s => s.GetProperty("update").GetProperty("state").GetString() == "rolled-back");
            Assert.AreEqual(1L, n01.GetProperty("bundleSeq").GetInt64(), "n01 runs the previous bundle again, untouched by anyone");
            Assert.AreEqual("1.5.0", n01.GetProperty("bundle").GetString());
            Assert.IsTrue(store.Nodes["n01"].Node.BootCount >= 4, "booted the bad bundle, fell back: " + store.Nodes["n01"].Node.BootCount);
            foreach (string id in new[] { "n02", "n03" })
            {
                JsonElement s = store.Status(id, _ => true);
                Assert.AreEqual(1L, s.GetProperty("bundleSeq").GetInt64(), id + " was never commanded");
            }
        }

        [TestMethod]
        public void CorruptedChunk_NodeReportsIt_ToolRepublishes_NodeConfirms()
        {
            using var store = Store.Start(1);
            string bundle = store.Bundle("1.5.0", 1, crash: false);
            (int code, string output) = store.Release(bundle, hook: (f, c, p) =>
            {
                if (f == 1 && c == 1)
                {
                    p = (byte[])p.Clone();
                    p[p.Length - 1] ^= 0x55;
                }

                return p;
            });
            Assert.AreEqual(0, code, output);
            StringAssert.Contains(output, "republished chunk 1/1");
        }

        [TestMethod]
        public void WrongSignature_NodeFailsTheManifest_ReleaseHalts()
        {
            using var store = Store.Start(1);
            string bundle = store.Bundle("1.5.0", 1, crash: false);
            (int code, string output) = store.Release(bundle, wrongKey: true);
            Assert.AreEqual(1, code, output);
            StringAssert.Contains(output, "manifest: bad signature");
            Assert.AreEqual(0L, store.Status("n01", _ => true).GetProperty("bundleSeq").GetInt64());
        }

        [TestMethod]
        public void PowerCut_MidDownload_AndMidSwitch_NodeResumesAndConfirms()
        {
            using var store = Store.Start(2);
            string bundle = store.Bundle("1.5.0", 1, crash: false, appBytes: 60000);
            store.CutPowerWhen("n01", s => s.GetProperty("update").GetProperty("state").GetString() == "downloading"
                && s.GetProperty("update").GetProperty("pct").GetInt32() is >= 20 and < 90);
            store.CutPowerWhen("n02", s => s.GetProperty("update").GetProperty("state").GetString() == "staged");
            (int code, string output) = store.Release(bundle, "--canary", "2", "--chunk-bytes", "512");
            Assert.AreEqual(0, code, output);
            Assert.AreEqual(2, store.Cuts, "both power cuts happened");
        }

        /// <summary>A virtual store: mosquitto, secrets.json, n01..nN on the real firmware.</summary>
        private sealed class Store : IDisposable
        {
            private readonly MosquittoBroker _broker;
            private readonly BrokerWatch _watch;
            private readonly string _dir;
            private readonly StoreSecrets _secrets;
            private readonly ConcurrentDictionary<string, JsonElement> _status = new();
            private readonly ConcurrentDictionary<string, Func<JsonElement, bool>> _cuts = new();
            private readonly Thread _reader;
            private volatile bool _stop;
            private int _cutCount;

            private Store(int count)
            {
                _broker = MosquittoBroker.Start();
                _dir = Path.Combine(Path.GetTempPath(), "beacons-rollout-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                Directory.CreateDirectory(_dir);
                var gen = new SecretGenerator(null);
                _secrets = new StoreSecrets { Store = "s001", StoreSecret = gen.Hex("s", 32), OpsPassword = "ops", ReleaseKey = gen.Hex("r", 32) };
                Ids = Enumerable.Range(1, count).Select(i => $"n{i:00}").ToArray();
                foreach (string id in Ids)
                {
                    var ds = new DeviceSecrets { MqttPassword = "x", CommandKey = gen.Hex(id, 32) };
                    _secrets.Devices[id] = ds;
                    string config = $$"""
                        {"schema":1,"store":"s001","device":"{{id}}","mqtt":{"broker":"{{_broker.Url}}","keepAliveS":10},
                         "commands":{"key":"{{ds.CommandKey}}"},"update":{"releaseKey":"{{_secrets.ReleaseKey}}","probationS":10} }
                        """;
                    string folder = Path.Combine(_dir, id);
                    Directory.CreateDirectory(folder);
                    File.WriteAllText(Path.Combine(folder, "provisioned.json"), config);
                    Nodes[id] = VirtualStoreNode.Create(Path.Combine(folder, "provisioned.json"), folder, null);
                }

                File.WriteAllText(SecretsPath, _secrets.ToJson());
                _watch = BrokerWatch.Plain(_broker.Port);
                _watch.Connect(MqttProbe.NewId("rollout"));
                _watch.SubscribeAndWait("retail/v1/s001/+/status");
                _reader = new Thread(Read) { IsBackground = true };
                _reader.Start();
                foreach (string id in Ids)
                {
                    VirtualStoreNode n = Nodes[id];
                    n.Boot();
                }

                foreach (string id in Ids)
                {
                    Status(id, s => s.GetProperty("state").GetString() == "online" && s.TryGetProperty("bundleSeq", out _));
                }
            }

            public string[] Ids { get; }

            public Dictionary<string, VirtualStoreNode> Nodes { get; } = new();

            public int Cuts => _cutCount;

            private string SecretsPath => Path.Combine(_dir, "secrets.json");

            public static Store Start(int count) => new Store(count);

            public string Bundle(string version, long seq, bool crash, int appBytes = 6000)
            {
                string folder = Path.Combine(_dir, "bundle-" + seq);
                Directory.CreateDirectory(folder);
                var lib = new byte[3000];
                var app = new byte[appBytes];
                new Random((int)seq).NextBytes(lib);
                new Random((int)seq + 100).NextBytes(app);
                Encoding.ASCII.GetBytes("NFMRK2").CopyTo(lib, 0);
                Encoding.ASCII.GetBytes("NFMRK2").CopyTo(app, 0);
                if (crash)
                {
                    Encoding.ASCII.GetBytes(CrashMarker).CopyTo(app, 100);
                }

                File.WriteAllBytes(Path.Combine(folder, "Lib.pe"), lib);
                File.WriteAllBytes(Path.Combine(folder, "App.pe"), app);
                File.WriteAllText(Path.Combine(folder, "bundle.json"), $$"""{"bundle":"{{version}}","seq":{{seq}},"entry":"App","heapKB":0,"files":["Lib.pe","App.pe"]}""");
                return folder;
            }

            public (int Code, string Output) Release(string bundle, params string[] extra) => Release(bundle, null, false, extra);

            public (int Code, string Output) Release(string bundle, Func<int, int, byte[], byte[]> hook = null, bool wrongKey = false, params string[] extra)
            {
                string secrets = SecretsPath;
                if (wrongKey)
                {
                    secrets = Path.Combine(_dir, "wrong-secrets.json");
                    var copy = StoreSecrets.Load(SecretsPath);
                    copy.ReleaseKey = new SecretGenerator(null).Hex("other", 32);
                    File.WriteAllText(secrets, copy.ToJson());
                }

                var a = new ReleaseVerb.ReleaseArguments
                {
                    BundleDir = bundle, SecretsPath = secrets, Broker = _broker.Url, ProbationS = 0, TimeoutS = 120, FirstPublishFilter = hook,
                };
                for (int i = 0; i + 1 < extra.Length; i += 2)
                {
                    switch (extra[i])
                    {
                        case "--canary": a.Canary = extra[i + 1]; break;
                        case "--waves": a.Waves = extra[i + 1]; break;
                        case "--chunk-bytes": a.ChunkBytes = int.Parse(extra[i + 1]); break;
                        default: throw new ArgumentException(extra[i]);
                    }
                }

                var o = new StringWriter();
                var e = new StringWriter();
                int code = ReleaseVerb.Run(new CliContext(new RedactingWriter(o), new RedactingWriter(e)), a);
                string output = o + "\n" + e;
                Console.WriteLine(output);
                return (code, output);
            }

            /// <summary>Cuts <paramref name="id"/>'s power once, when its status first matches, and powers it on 1 s later.</summary>
            public void CutPowerWhen(string id, Func<JsonElement, bool> when) => _cuts[id] = when;

            public JsonElement Status(string id, Func<JsonElement, bool> until)
            {
                DateTime end = DateTime.UtcNow.AddSeconds(60);
                while (DateTime.UtcNow < end)
                {
                    if (_status.TryGetValue(id, out JsonElement s) && s.GetProperty("state").GetString() == "online" && until(s))
                    {
                        return s;
                    }

                    Thread.Sleep(50);
                }

                Assert.Fail($"{id}: no matching status in 60 s; last: {(_status.TryGetValue(id, out JsonElement last) ? last.GetRawText() : "none")}");
                return default;
            }

            private void Read()
            {
                while (!_stop)
                {
                    if (!_watch.Received.TryTake(out WatchedMessage m, 100))
                    {
                        continue;
                    }

                    string id = m.Topic.Split('/')[3];
                    JsonElement s;
                    try
                    {
                        s = JsonDocument.Parse(m.Message).RootElement.Clone();
                    }
                    catch (JsonException)
                    {
                        continue;
                    }

                    _status[id] = s;
                    if (s.TryGetProperty("update", out _) && _cuts.TryGetValue(id, out Func<JsonElement, bool> when) && when(s) && _cuts.TryRemove(id, out _))
                    {
                        VirtualStoreNode n = Nodes[id];
                        n.Kill();
                        Interlocked.Increment(ref _cutCount);
                        Console.WriteLine($"power cut: {id} at {s.GetRawText()}");
                        ThreadPool.QueueUserWorkItem(_ =>
                        {
                            Thread.Sleep(1000);
                            n.Boot();
                        });
                    }
                }
            }

            public void Dispose()
            {
                _stop = true;
                foreach (VirtualStoreNode n in Nodes.Values)
                {
                    n.Kill();
                }

                _reader.Join(2000);
                _watch.Dispose();
                _broker.Dispose();
            }
        }
    }
}
