using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Beacons.Broker;
using Beacons.Flash.Release;
using Beacons.Shared.Update;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// release: argument errors (exit 2, one line), the dry-run plan, the signed manifest and chunks checked with the
    /// node's own reader (BundleManifest.Open, VerifyFile), and the rollout logic against a real mosquitto with
    /// scripted nodes that answer like the firmware's status (the end-to-end test with real virtual nodes is
    /// tests/Integration/Update/StoreRolloutTests.cs).
    /// </summary>
    [TestClass]
    public sealed class ReleaseTests
    {
        /// <summary>A provisioned sample store (seeded secrets) and a bundle folder with two .pe files.</summary>
        private static (string Secrets, string Bundle, JsonObject SecretsJson) Store(int sharedBytes = 5000, int appBytes = 3000)
        {
            string outDir = NewScratch("release-store");
            CliRun p = ProvisionSample(outDir);
            string secrets = Path.Combine(outDir, "secrets.json");
            Assert.IsTrue(File.Exists(secrets), p.All);
            string bundle = Path.Combine(outDir, "bundle");
            Directory.CreateDirectory(bundle);
            File.WriteAllBytes(Path.Combine(bundle, "Beacons.Shared.pe"), Pe(sharedBytes, 1));
            File.WriteAllBytes(Path.Combine(bundle, "Beacons.Firmware.pe"), Pe(appBytes, 2));
            File.WriteAllText(Path.Combine(bundle, "bundle.json"), """{"bundle":"1.5.0","seq":7,"entry":"Beacons.Firmware","heapKB":40,"files":["Beacons.Shared.pe","Beacons.Firmware.pe"]}""");
            return (secrets, bundle, (JsonObject)JsonNode.Parse(File.ReadAllText(secrets)));
        }

        private static byte[] Pe(int size, int seed)
        {
            var bytes = new byte[size];
            new Random(seed).NextBytes(bytes);
            Encoding.ASCII.GetBytes("NFMRK2").CopyTo(bytes, 0);
            return bytes;
        }

        [TestMethod]
        public void Release_BadArguments_ExitTwoWithOneLine()
        {
            (string secrets, string bundle, _) = Store();
            var cases = new (string[] Args, string Message)[]
            {
                (new[] { "--bundle", bundle + "-missing", "--secrets", secrets, "--dry-run" }, "--bundle: not a folder"),
                (new[] { "--bundle", bundle, "--secrets", secrets + ".missing", "--dry-run" }, "--secrets: not found"),
                (new[] { "--bundle", bundle, "--secrets", secrets }, "--broker is required"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--canary", "n09" }, "'n09' is not among the nodes"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--canary", "9" }, "--canary 9: must be 1..5"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--nodes", "n01,x" }, "'x' is not a node of store s001"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--waves", "2,zero" }, "--waves '2,zero'"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--chunk-bytes", "100" }, "chunkBytes 100: must be 256..4096"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--files", "Nope.pe" }, "bundle file not found"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--files", "../x.pe" }, "a .pe file name in the bundle folder"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--seq", "0" }, "seq"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--entry", "bad name!" }, "entry"),
                (new[] { "--bundle", bundle, "--secrets", secrets, "--dry-run", "--seq", "x" }, "error:"),
                (new[] { "--secrets", secrets, "--dry-run" }, "--bundle"),
            };
            foreach ((string[] args, string message) in cases)
            {
                CliRun run = Run(new[] { "release" }.Concat(args).ToArray());
                string label = string.Join(" ", args);
                Assert.AreEqual(2, run.ExitCode, label + "\n" + run.All);
                StringAssert.Contains(run.Err, message, label);
                Assert.AreEqual(1, run.Err.Trim().Split('\n').Length, "one line: " + label + "\n" + run.Err);
                Assert.IsFalse(run.Err.Contains("   at "), "no stack trace: " + run.Err);
            }

            // Not a .pe, and secrets without a release key (a store provisioned before releases existed).
            File.WriteAllText(Path.Combine(bundle, "Beacons.Firmware.pe"), "MZ this is a PE32 for Windows");
            CliRun notPe = Run("release", "--bundle", bundle, "--secrets", secrets, "--dry-run");
            Assert.AreEqual(2, notPe.ExitCode);
            StringAssert.Contains(notPe.Err, "Beacons.Firmware.pe: not a nanoFramework .pe");

            JsonObject s = (JsonObject)JsonNode.Parse(File.ReadAllText(secrets));
            s.Remove("releaseKey");
            File.WriteAllText(secrets, s.ToJsonString());
            CliRun noKey = Run("release", "--bundle", bundle, "--secrets", secrets, "--dry-run");
            Assert.AreEqual(2, noKey.ExitCode);
            StringAssert.Contains(noKey.Err, "has no release key: run provision again");
        }

        [TestMethod]
        public void Release_DryRun_PrintsThePlanAndManifest_PublishesNothing_PrintsNoSecret()
        {
            (string secrets, string bundle, JsonObject sj) = Store(5000, 3000);
            CliRun run = Run("release", "--bundle", bundle, "--secrets", secrets, "--dry-run", "--canary", "n02", "--waves", "1,2", "--broker", "mqtt://127.0.0.1:1");
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.Out, "bundle 1.5.0  seq 7  entry Beacons.Firmware  heapKB 40  chunkBytes 2048  store s001");
            StringAssert.Contains(run.Out, "file 0: Beacons.Shared.pe  5000 bytes  3 chunks");
            StringAssert.Contains(run.Out, "file 1: Beacons.Firmware.pe  3000 bytes  2 chunks");
            StringAssert.Contains(run.Out, "total 8000 bytes, 5 chunks");
            StringAssert.Contains(run.Out, "retail/v1/s001/fw/7/manifest");
            StringAssert.Contains(run.Out, "wave 1 (canary): n02\n");
            StringAssert.Contains(run.Out, "wave 2: n01\n");
            StringAssert.Contains(run.Out, "wave 3: n03, n04\n");
            StringAssert.Contains(run.Out, "wave 4: n05\n");
            StringAssert.Contains(run.Out, "dry run: nothing published");
            foreach (string secret in new[] { (string)sj["releaseKey"], (string)sj["opsPassword"], (string)sj["devices"]["n02"]["commandKey"] })
            {
                Assert.IsFalse(run.All.Contains(secret), "a secret was printed");
            }

            // Options override bundle.json; the count form of --canary takes the first nodes.
            CliRun over = Run("release", "--bundle", bundle, "--secrets", secrets, "--dry-run", "--seq", "9", "--version", "1.5.1", "--chunk-bytes", "4096", "--canary", "2", "--files", "Beacons.Firmware.pe");
            Assert.AreEqual(0, over.ExitCode, over.All);
            StringAssert.Contains(over.Out, "bundle 1.5.1  seq 9");
            StringAssert.Contains(over.Out, "file 0: Beacons.Firmware.pe  3000 bytes  1 chunks");
            StringAssert.Contains(over.Out, "wave 1 (canary): n01, n02\n");
            StringAssert.Contains(over.Out, "wave 2: n03, n04, n05\n");
        }

        [TestMethod]
        public void Bundle_ManifestOpensWithTheNodesReader_ChunksCarryTheirPlaceBoundMac()
        {
            byte[] key = RandomNumberGenerator.GetBytes(32);
            var files = new List<BundleFile> { new("Beacons.Shared.pe", Pe(4097, 3)), new("Beacons.Firmware.pe", Pe(300, 4)) };
            ReleaseBundle b = ReleaseBundle.Create("2.0.0", 42, "Beacons.Firmware", 44, 2048, files, key);

            BundleManifest m = BundleManifest.Open(Encoding.UTF8.GetBytes(b.Envelope), key, out string error);
            Assert.IsNotNull(m, error);
            Assert.AreEqual("2.0.0", m.Version);
            Assert.AreEqual(42L, m.Seq);
            Assert.AreEqual("Beacons.Firmware", m.Entry);
            Assert.AreEqual(44, m.HeapKb);
            Assert.AreEqual(2, m.FileCount);
            Assert.AreEqual(4397L, m.TotalBytes);
            for (int i = 0; i < files.Count; i++)
            {
                Assert.AreEqual(files[i].Name, m.FileName(i));
                Assert.IsTrue(m.VerifyFile(i, files[i].Bytes, key), files[i].Name);
            }

            // Envelope: {"body":"<json>","sig":"<hex HMAC-SHA256(key, body)>"}, exactly.
            using (JsonDocument env = JsonDocument.Parse(b.Envelope))
            {
                CollectionAssert.AreEqual(new[] { "body", "sig" }, env.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
                string body = env.RootElement.GetProperty("body").GetString();
                Assert.AreEqual(b.Body, body);
                Assert.AreEqual(Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body))).ToLowerInvariant(), env.RootElement.GetProperty("sig").GetString());
                Assert.AreEqual(2048, JsonDocument.Parse(body).RootElement.GetProperty("chunkBytes").GetInt32());
            }

            Assert.IsNull(BundleManifest.Open(Encoding.UTF8.GetBytes(b.Envelope), RandomNumberGenerator.GetBytes(32), out error));
            Assert.AreEqual("manifest: bad signature", error);

            // Chunks: 3 + 1, MAC over "<seq>/<file>/<chunk>/" + data, data reassembles the file.
            Assert.AreEqual(3, b.ChunkCount(0));
            Assert.AreEqual(1, b.ChunkCount(1));
            for (int f = 0; f < files.Count; f++)
            {
                var whole = new MemoryStream();
                for (int c = 0; c < b.ChunkCount(f); c++)
                {
                    byte[] payload = b.ChunkPayload(f, c);
                    byte[] data = payload.AsSpan(32).ToArray();
                    Assert.IsTrue(data.Length is > 0 and <= 2048);
                    byte[] expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"42/{f}/{c}/").Concat(data).ToArray());
                    CollectionAssert.AreEqual(expected, payload.AsSpan(0, 32).ToArray(), $"chunk {f}/{c}");
                    Assert.IsFalse(expected.SequenceEqual(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"43/{f}/{c}/").Concat(data).ToArray())), "bound to its bundle");
                    Assert.IsTrue(BundleChunk.Verify(key, 42, f, c, payload, data.Length), "the node's BundleChunk.Verify accepts it");
                    Assert.IsFalse(BundleChunk.Verify(key, 42, f, c + 1, payload, data.Length), "moved to another place it fails");
                    whole.Write(data);
                }

                CollectionAssert.AreEqual(files[f].Bytes, whole.ToArray());
            }

            Assert.AreEqual("retail/v1/s001/fw/42/1/0", ReleaseBundle.ChunkTopic("retail/v1", "s001", 42, 1, 0));
        }

        [TestMethod]
        public void CommandSigner_UpdateCommand_PassesTheNodesAuthenticator_TimestampsOnlyGoUp()
        {
            string key = new string('a', 64);
            long now = 1_800_000_000;
            var signer = new CommandSigner(() => now);
            var auth = new Beacons.Shared.Messaging.CommandAuthenticator(key, "n01");
            System.Collections.Hashtable body = auth.Verify(Encoding.UTF8.GetBytes(signer.Update("n01", key, 42)), now);
            Assert.AreEqual("update", body["cmd"]);
            Assert.AreEqual(42.0, body["seq"]);
            Assert.AreEqual(signer.LastId, body["id"]);

            // Same second again: the second command is signed one second later, so a floor at "now" does not refuse it.
            System.Collections.Hashtable second = auth.Verify(Encoding.UTF8.GetBytes(signer.Update("n01", key, 42)), now);
            Assert.AreEqual((double)(now + 1), second["ts"]);
            Assert.ThrowsExactly<Beacons.Shared.Messaging.CommandRejectedException>(() => auth.Verify(Encoding.UTF8.GetBytes(signer.Update("n02", key, 42)), now));
        }

        /// <summary>
        /// Against a real mosquitto: the bundle is retained under fw/7/…, the canary gets a signed update command, and
        /// scripted nodes answer with the status the firmware publishes. n01 (canary) confirms, the wave n02+n03 has
        /// n03 roll back: the release halts there with exit 1 and never commands n04/n05.
        /// </summary>
        [TestMethod]
        public void Release_AgainstBroker_CanaryThenWave_HaltsOnTheFirstRollback()
        {
            (string secrets, string bundle, JsonObject sj) = Store();
            using MosquittoBroker broker = MosquittoBroker.Start();
            using BrokerWatch nodes = BrokerWatch.Plain(broker.Port);
            nodes.Connect(MqttProbe.NewId("nodes"));
            foreach (string id in new[] { "n01", "n02", "n03", "n04", "n05" })
            {
                nodes.Publish($"retail/v1/s001/{id}/status", """{"state":"online","bundle":"1.4.0","bundleSeq":6,"update":{"state":"idle","seq":6,"pct":0}}""", retain: true);
            }

            nodes.SubscribeAndWait("retail/v1/s001/+/cmd");
            var commanded = new List<string>();
            using var stop = new CancellationTokenSource();
            var answer = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!nodes.Received.TryTake(out WatchedMessage m, 100))
                    {
                        continue;
                    }

                    string id = m.Topic.Split('/')[3];
                    string keyHex = (string)sj["devices"][id]["commandKey"];
                    System.Collections.Hashtable cmd = new Beacons.Shared.Messaging.CommandAuthenticator(keyHex, id).Verify(m.Message, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                    lock (commanded)
                    {
                        commanded.Add(id);
                    }

                    string status = $"retail/v1/s001/{id}/status";
                    nodes.Publish($"retail/v1/s001/{id}/cmd/result", $$"""{"id":"{{cmd["id"]}}","cmd":"update","ok":true}""");
                    nodes.Publish(status, """{"state":"online","bundle":"1.4.0","bundleSeq":6,"update":{"state":"downloading","seq":7,"pct":50}}""", retain: true);
                    nodes.Publish(status, id == "n03"
                        ? """{"state":"online","bundle":"1.4.0","bundleSeq":6,"update":{"state":"rolled-back","seq":7,"pct":100,"error":"entry: crashed on boot"}}"""
                        : """{"state":"online","bundle":"1.5.0","bundleSeq":7,"update":{"state":"confirmed","seq":7,"pct":100}}""", retain: true);
                }
            }) { IsBackground = true };
            answer.Start();

            CliRun run = Run("release", "--bundle", bundle, "--secrets", secrets, "--broker", broker.Url, "--waves", "2", "--probation", "0", "--timeout", "30");
            stop.Cancel();
            answer.Join();
            Console.WriteLine(run.All);
            Assert.AreEqual(1, run.ExitCode, run.All);
            CollectionAssert.AreEquivalent(new[] { "n01", "n02", "n03" }, commanded, "canary n01, then wave n02+n03; never n04/n05");
            StringAssert.Contains(run.Err, "release halted: n03 rolled-back (entry: crashed on boot)");
            StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"n01\s*│\s*1\s*│\s*1\.4\.0@6\s*│\s*1\.5\.0@7\s*│\s*confirmed"));
            StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"n03\s*│\s*2\s*│\s*1\.4\.0@6\s*│\s*1\.4\.0@6\s*│\s*rolled-back"));
            StringAssert.Matches(run.Out, new System.Text.RegularExpressions.Regex(@"n05\s*│\s*3\s*│\s*1\.4\.0@6\s*│\s*1\.4\.0@6\s*│\s*not started"));
            StringAssert.Contains(run.Out, "wave 1: ");
            StringAssert.Contains(run.Out, "wave 2: ");

            // What a node downloads is retained: a late subscriber gets the manifest and every chunk, each verifying.
            using BrokerWatch late = BrokerWatch.Plain(broker.Port);
            late.Connect(MqttProbe.NewId("late"));
            late.SubscribeAndWait("retail/v1/s001/fw/7/#");
            byte[] key = Convert.FromHexString((string)sj["releaseKey"]);
            var seen = new Dictionary<string, byte[]>();
            while (seen.Count < 6)
            {
                WatchedMessage m = late.NextMessage();
                Assert.IsTrue(m.Retain, m.Topic);
                seen[m.Topic] = m.Message;
            }

            BundleManifest manifest = BundleManifest.Open(seen["retail/v1/s001/fw/7/manifest"], key, out string error);
            Assert.IsNotNull(manifest, error);
            byte[] chunk = seen["retail/v1/s001/fw/7/1/1"];
            CollectionAssert.AreEqual(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("7/1/1/").Concat(chunk.Skip(32)).ToArray()), chunk.Take(32).ToArray());
        }

        /// <summary>A node that names a chunk in its update error gets that chunk republished, intact.</summary>
        [TestMethod]
        public void Release_NodeNamesABadChunk_TheToolRepublishesIt()
        {
            (string secrets, string bundle, JsonObject sj) = Store();
            using MosquittoBroker broker = MosquittoBroker.Start();
            using BrokerWatch node = BrokerWatch.Plain(broker.Port);
            node.Connect(MqttProbe.NewId("node"));
            node.Publish("retail/v1/s001/n01/status", """{"state":"online","bundle":"factory","bundleSeq":0,"update":{"state":"idle","seq":0,"pct":0}}""", retain: true);
            node.SubscribeAndWait("retail/v1/s001/n01/cmd");
            byte[] key = Convert.FromHexString((string)sj["releaseKey"]);
            var args = new Beacons.Flash.Cli.ReleaseVerb.ReleaseArguments
            {
                BundleDir = bundle, SecretsPath = secrets, Broker = broker.Url, Nodes = "n01", ProbationS = 0, TimeoutS = 30,
                FirstPublishFilter = (f, c, payload) =>
                {
                    if (f == 0 && c == 1)
                    {
                        payload = (byte[])payload.Clone();
                        payload[40] ^= 0xff;
                    }

                    return payload;
                },
            };
            int code = -1;
            var o = new StringWriter();
            var e = new StringWriter();
            var tool = new Thread(() => code = Beacons.Flash.Cli.ReleaseVerb.Run(new Beacons.Flash.Cli.CliContext(new Beacons.Flash.RedactingWriter(o), new Beacons.Flash.RedactingWriter(e)), args));
            tool.Start();

            WatchedMessage cmd = node.NextMessage();
            Assert.AreEqual("retail/v1/s001/n01/cmd", cmd.Topic);
            using BrokerWatch fetch = BrokerWatch.Plain(broker.Port);
            fetch.Connect(MqttProbe.NewId("fetch"));
            fetch.SubscribeAndWait("retail/v1/s001/fw/7/0/1");
            byte[] first = fetch.NextMessage().Message;
            Assert.IsFalse(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("7/0/1/").Concat(first.Skip(32)).ToArray()).SequenceEqual(first.Take(32)), "published corrupted");
            node.Publish("retail/v1/s001/n01/status", """{"state":"online","bundle":"factory","bundleSeq":0,"update":{"state":"downloading","seq":7,"pct":40,"error":"chunk 0/1: bad MAC (try 1 of 3)"}}""", retain: true);
            byte[] again = fetch.NextMessage().Message;
            CollectionAssert.AreEqual(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("7/0/1/").Concat(again.Skip(32)).ToArray()), again.Take(32).ToArray(), "republished intact");
            node.Publish("retail/v1/s001/n01/status", """{"state":"online","bundle":"1.5.0","bundleSeq":7,"update":{"state":"confirmed","seq":7,"pct":100}}""", retain: true);
            Assert.IsTrue(tool.Join(TimeSpan.FromSeconds(30)));
            Console.WriteLine(o + "\n" + e);
            Assert.AreEqual(0, code, o + "\n" + e);
            StringAssert.Contains(o.ToString(), "republished chunk 0/1");
            StringAssert.Contains(o.ToString(), "chunks republished on a node's request: 1");
        }
    }
}
