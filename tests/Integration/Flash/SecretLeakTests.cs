using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>Every verb, on success and on failure: no secret value ever reaches stdout or stderr.</summary>
    [TestClass]
    public sealed class SecretLeakTests
    {
        [TestMethod]
        public void EveryVerb_NeverPrintsASecret()
        {
            string dir = NewScratch("leak");
            string outDir = Path.Combine(dir, "out");
            var runs = new List<CliRun>();

            runs.Add(ProvisionSample(outDir, seed: null));
            runs.Add(ProvisionSample(outDir, seed: null));
            runs.Add(ProvisionSample(outDir, SampleManifestCsv, seed: null));
            foreach (string d in new[] { "n01", "n02", "n03", "n04" })
            {
                runs.Add(Run("verify", "--config", Path.Combine(outDir, d, "device.json")));
            }

            runs.Add(Run("verify", "--manifest", SampleManifestJson, "--store", SampleStore));
            runs.Add(Run("verify", "--manifest", SampleManifestCsv, "--store", SampleStore));

            // A store.json with a bad Wi-Fi password: the error names the key, not the value.
            string badStore = Path.Combine(dir, "store.json");
            File.WriteAllText(badStore, File.ReadAllText(SampleStore).Replace(SampleWifiPassword, "sh0rt!"));
            File.Copy(Path.Combine(SampleFolder, "sample-ca.pem"), Path.Combine(dir, "sample-ca.pem"));
            CliRun bad = Run("verify", "--store", badStore);
            Assert.AreEqual(1, bad.ExitCode);
            Assert.IsFalse(bad.All.Contains("sh0rt!"), bad.All);

            // A device.json whose secret sits in a wrong-typed spot still only yields key paths.
            string leaky = Path.Combine(dir, "leaky.json");
            File.WriteAllText(leaky, File.ReadAllText(Path.Combine(outDir, "n01", "device.json")).Replace("\"keepAliveS\": 30", "\"keepAliveS\": 30, \"extra\": 1"));
            runs.Add(Run("verify", "--config", leaky));

            string image = WriteImage(dir);
            runs.Add(Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--dry-run"));
            // The stand-in nanoff prints the networkdeployment JSON (with the Wi-Fi password) it is handed.
            string handMade = HandMadeOut(dir, "n01", "n02");
            string nanoff = WriteFakeNanoff(dir, out _, failOnPort: "ttyACM0");
            CliRun flashed = Run("flash", "--store", SampleStore, "--out", handMade, "--image", image, "--nanoff", nanoff);
            StringAssert.Contains(flashed.Out, "uploading", "the stand-in's chatter is forwarded (redacted)");
            runs.Add(flashed);
            runs.Add(Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--nanoff", nanoff));

            // release: a dry run, and one whose broker is unreachable (its error line names the broker, never the ops password).
            string bundle = Path.Combine(dir, "bundle");
            Directory.CreateDirectory(bundle);
            File.WriteAllText(Path.Combine(bundle, "App.pe"), "NFMRK2 a stand-in assembly");
            string secretsPath = Path.Combine(outDir, "secrets.json");
            runs.Add(Run("release", "--bundle", bundle, "--secrets", secretsPath, "--version", "1.0.0", "--seq", "1", "--entry", "App", "--files", "App.pe", "--dry-run"));
            CliRun unreachable = Run("release", "--bundle", bundle, "--secrets", secretsPath, "--version", "1.0.0", "--seq", "1", "--entry", "App", "--files", "App.pe", "--broker", "mqtt://127.0.0.1:1", "--timeout", "1");
            Assert.AreEqual(1, unreachable.ExitCode, unreachable.All);
            runs.Add(unreachable);

            JsonNode secrets = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "secrets.json")));
            var values = new List<string> { SampleWifiPassword, (string)secrets["storeSecret"], (string)secrets["opsPassword"], (string)secrets["releaseKey"] };
            foreach (KeyValuePair<string, JsonNode> d in secrets["devices"].AsObject())
            {
                values.AddRange(d.Value.AsObject().Select(p => (string)p.Value));
            }

            values.AddRange(new[] { "hand-made-pass-n01", "hand-made-pass-n02", new string('a', 64) });
            Assert.IsTrue(values.Count >= 14);
            foreach (CliRun run in runs)
            {
                foreach (string secret in values)
                {
                    Assert.IsFalse(run.All.Contains(secret), $"a secret was printed:\n{run.All}");
                }
            }
        }
    }
}
