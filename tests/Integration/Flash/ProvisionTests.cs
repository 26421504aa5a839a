using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>provision: golden files for the sample store, CSV = JSON, idempotence, secret strength and file modes, ACL.</summary>
    [TestClass]
    public sealed class ProvisionTests
    {
        [TestMethod]
        public void Provision_SampleJsonManifest_MatchesGoldenFiles()
        {
            string outDir = NewScratch("golden");
            CliRun run = ProvisionSample(outDir);
            Assert.IsTrue(run.ExitCode is 0 or 1, run.All);
            SortedDictionary<string, string> actual = Snapshot(outDir);

            if (Environment.GetEnvironmentVariable("BEACONS_UPDATE_GOLDEN") == "1")
            {
                if (Directory.Exists(ExpectedFolder))
                {
                    Directory.Delete(ExpectedFolder, true);
                }

                foreach ((string rel, string text) in actual)
                {
                    string path = Path.Combine(ExpectedFolder, rel);
                    Directory.CreateDirectory(Path.GetDirectoryName(path));
                    File.WriteAllText(path, text);
                }
            }

            SortedDictionary<string, string> expected = Snapshot(ExpectedFolder);
            CollectionAssert.AreEqual(expected.Keys.ToList(), actual.Keys.ToList(), "file list differs from " + ExpectedFolder);
            foreach ((string rel, string text) in expected)
            {
                Assert.AreEqual(text, actual[rel], $"{rel} differs from the golden file (set BEACONS_UPDATE_GOLDEN=1 to regenerate after an intended change)");
            }
        }

        [TestMethod]
        public void Provision_CsvManifest_ProducesTheSameFilesAsJson()
        {
            string fromJson = NewScratch("json");
            string fromCsv = NewScratch("csv");
            ProvisionSample(fromJson);
            CliRun csv = ProvisionSample(fromCsv, SampleManifestCsv);
            Assert.IsFalse(csv.Err.Contains("error: manifest", StringComparison.Ordinal), csv.Err);
            SortedDictionary<string, string> a = Snapshot(fromJson);
            SortedDictionary<string, string> b = Snapshot(fromCsv);
            CollectionAssert.AreEqual(a.Keys.ToList(), b.Keys.ToList());
            foreach (string rel in a.Keys)
            {
                Assert.AreEqual(a[rel], b[rel], rel);
            }
        }

        [TestMethod]
        public void Provision_SampleDevices_GetOnlyTheSectionsOfTheirRole()
        {
            string outDir = NewScratch("roles");
            ProvisionSample(outDir);
            string[] Keys(string device) => ((JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, device, "device.json")))).Select(p => p.Key).ToArray();

            CollectionAssert.IsSubsetOf(new[] { "beacon", "lanes" }, Keys("n01"));
            CollectionAssert.DoesNotContain(Keys("n01"), "proximity");
            CollectionAssert.DoesNotContain(Keys("n01"), "privacy");
            CollectionAssert.Contains(Keys("n02"), "lanes");
            CollectionAssert.DoesNotContain(Keys("n02"), "beacon");
            CollectionAssert.IsSubsetOf(new[] { "proximity", "privacy" }, Keys("n03"));
            CollectionAssert.DoesNotContain(Keys("n03"), "lanes");
            CollectionAssert.IsSubsetOf(new[] { "beacon", "proximity", "privacy" }, Keys("n04"));
            CollectionAssert.DoesNotContain(Keys("n04"), "wifi", "the Wi-Fi password goes through --networkdeployment unless wifi.inDeviceConfig");
        }

        [TestMethod]
        public void Provision_RunTwice_KeepsSecretsAndConfigVersions()
        {
            string outDir = NewScratch("twice");
            ProvisionSample(outDir, seed: null);
            SortedDictionary<string, string> first = Snapshot(outDir);
            CliRun again = ProvisionSample(outDir, seed: null);
            SortedDictionary<string, string> second = Snapshot(outDir);

            CollectionAssert.AreEqual(first.Keys.ToList(), second.Keys.ToList());
            foreach (string rel in first.Keys)
            {
                Assert.AreEqual(first[rel], second[rel], $"{rel} changed on a re-run with the same inputs");
            }

            StringAssert.Contains(again.Out, "unchanged");
        }

        [TestMethod]
        public void Provision_ChangedLane_BumpsOnlyThatDevicesVersion_AndKeepsItsSecrets()
        {
            string dir = NewScratch("bump");
            string outDir = Path.Combine(dir, "out");
            string manifest = Path.Combine(dir, "manifest.json");
            string text = File.ReadAllText(SampleManifestJson);
            File.WriteAllText(manifest, text);
            Run("provision", "--manifest", manifest, "--store", SampleStore, "--out", outDir);
            JsonNode before = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n02", "device.json")));
            string n01Before = File.ReadAllText(Path.Combine(outDir, "n01", "device.json"));

            File.WriteAllText(manifest, text.Replace("\"unitGrams\": 150", "\"unitGrams\": 155"));
            CliRun run = Run("provision", "--manifest", manifest, "--store", SampleStore, "--out", outDir);
            JsonNode after = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n02", "device.json")));

            Assert.AreEqual(1, (int)before["configVersion"]);
            Assert.AreEqual(2, (int)after["configVersion"], run.All);
            Assert.AreEqual(155.0, (double)after["lanes"][0]["unitGrams"]);
            Assert.AreEqual((string)before["mqtt"]["password"], (string)after["mqtt"]["password"]);
            Assert.AreEqual((string)before["commands"]["key"], (string)after["commands"]["key"]);
            Assert.AreEqual(n01Before, File.ReadAllText(Path.Combine(outDir, "n01", "device.json")), "n01 did not change, so its file must not");
            StringAssert.Matches(run.Out, new Regex(@"n02\s+shelf\s+v2\s+updated"));
        }

        [TestMethod]
        public void Provision_RandomSecrets_HaveTheDocumentedStrengthAndOneStoreSecret()
        {
            string outDir = NewScratch("strength");
            ProvisionSample(outDir, seed: null);
            JsonNode secrets = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "secrets.json")));
            string storeSecret = (string)secrets["storeSecret"];
            StringAssert.Matches(storeSecret, new Regex("^[0-9a-f]{64}$"));
            foreach (string d in new[] { "n01", "n02", "n03", "n04" })
            {
                JsonNode s = secrets["devices"][d];
                string pass = (string)s["mqttPassword"];
                StringAssert.Matches(pass, new Regex("^[A-Za-z0-9_-]{32}$"), "URL-safe base64 of 24 bytes (192 bits)");
                StringAssert.Matches((string)s["commandKey"], new Regex("^[0-9a-f]{64}$"));
                JsonNode config = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, d, "device.json")));
                Assert.AreEqual(pass, (string)config["mqtt"]["password"]);
            }

            StringAssert.Matches((string)secrets["devices"]["n05"]["eidIdentityKey"], new Regex("^[0-9a-f]{32}$"));
            Assert.IsNull(secrets["devices"]["n01"]["eidIdentityKey"], "n01 requests no EID");
            Assert.AreEqual(storeSecret, (string)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n03", "device.json")))["privacy"]["storeSecret"]);
            Assert.AreEqual(storeSecret, (string)JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n04", "device.json")))["privacy"]["storeSecret"],
                "pseudonyms must match across a store's scanners");
            var all = new List<string> { storeSecret };
            all.AddRange(new[] { "n01", "n02", "n03", "n04" }.SelectMany(d => new[] { (string)secrets["devices"][d]["mqttPassword"], (string)secrets["devices"][d]["commandKey"] }));
            Assert.AreEqual(all.Count, all.Distinct().Count(), "every secret is drawn independently");
        }

        [TestMethod]
        public void Provision_FilesHoldingSecrets_AreOwnerOnly()
        {
            if (OperatingSystem.IsWindows())
            {
                Assert.Inconclusive("Unix file modes only");
            }

            string outDir = NewScratch("modes");
            ProvisionSample(outDir);
            foreach (string f in new[] { "secrets.json", "passwords.txt", "n01/device.json", "n01/networkdeployment.json" })
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(outDir, f)), f);
            }
        }

        [TestMethod]
        public void Provision_DeploymentJson_PointsNanoffAtTheGeneratedFiles()
        {
            string outDir = NewScratch("deploy");
            ProvisionSample(outDir);
            JsonNode fd = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n01", "filedeployment.json")));
            Assert.AreEqual("I:\\device.json", (string)fd["Files"][0]["DestinationFilePath"]);
            Assert.AreEqual(Path.Combine(outDir, "n01", "device.json"), (string)fd["Files"][0]["SourceFilePath"]);
            Assert.AreEqual("I:\\ca.pem", (string)fd["Files"][1]["DestinationFilePath"]);
            Assert.IsTrue(File.Exists((string)fd["Files"][1]["SourceFilePath"]));
            Assert.IsNull(fd["SerialPort"], "the port comes from the nanoff command line only");

            JsonNode nd = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n01", "networkdeployment.json")));
            Assert.AreEqual("s001-iot", (string)nd["WirelessClient"]["Ssid"]);
            Assert.AreEqual(SampleWifiPassword, (string)nd["WirelessClient"]["Password"]);
            Assert.IsTrue((bool)nd["WirelessClient"]["DhcpEnabled"]);
            Assert.AreEqual(Path.Combine(outDir, "n01", "ca.pem"), (string)nd["CACertificatesPath"]);
        }

        [TestMethod]
        public void Provision_Acl_IsTheTemplatePlusTheStoresOpsBlock_AndPasswordsListEveryUser()
        {
            string outDir = NewScratch("acl");
            ProvisionSample(outDir);
            string acl = File.ReadAllText(Path.Combine(outDir, "mosquitto-acl.conf"));
            string template = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "mosquitto", "retail-acl.conf")).Replace("\r\n", "\n");
            StringAssert.StartsWith(acl, template.TrimEnd('\n'));
            StringAssert.Contains(acl, "user ops-s001\ntopic read retail/v1/s001/#\ntopic write retail/v1/s001/+/cmd\n");

            string[] users = File.ReadAllLines(Path.Combine(outDir, "passwords.txt")).Select(l => l.Split(':')[0]).ToArray();
            CollectionAssert.AreEqual(new[] { "ops-s001", "s001/n01", "s001/n02", "s001/n03", "s001/n04", "s001/n05" }, users);
        }

        [TestMethod]
        public void Provision_InvalidManifest_WritesNothing()
        {
            string dir = NewScratch("invalid");
            string manifest = Path.Combine(dir, "manifest.json");
            File.WriteAllText(manifest, File.ReadAllText(SampleManifestJson).Replace("\"pdSckPin\": 23", "\"pdSckPin\": 35"));
            string outDir = Path.Combine(dir, "out");
            CliRun run = Run("provision", "--manifest", manifest, "--store", SampleStore, "--out", outDir);
            Assert.AreEqual(1, run.ExitCode);
            StringAssert.Contains(run.Err, "manifest.json:12: devices[0].lanes[0].pdSckPin: GPIO 35 is input-only");
            Assert.IsFalse(Directory.Exists(outDir));
        }
    }
}
