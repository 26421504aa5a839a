using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Beacons.Flash.Manifest;
using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;
using Beacons.Shared.Proximity;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NJsonSchema;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// Issue 14, host side: floor positions in the manifest (JSON and CSV), their validation, the neighbours each
    /// scanner calibrates from, and the proximity.calibration section provision writes, read back by the node's own
    /// DeviceConfig.Parse and the JSON Schema.
    /// </summary>
    [TestClass]
    public sealed class CalibrationTests
    {
        private const string Uuid = "f7826da6-4fa2-4e98-8024-bc5b71e0893e";

        [TestMethod]
        public void Positions_AreReadFromJsonAndCsv_Alike()
        {
            foreach (string path in new[] { SampleManifestJson, SampleManifestCsv })
            {
                var issues = new IssueList();
                StoreManifest m = ManifestLoader.Load(path, issues);
                Assert.IsFalse(issues.HasErrors, string.Join("\n", issues.Items));
                Dictionary<string, PositionSpec> p = m.Devices.ToDictionary(d => d.Id, d => d.Position);
                Assert.AreEqual(2.0, p["n01"].X);
                Assert.AreEqual(1.5, p["n01"].Y);
                Assert.AreEqual(8.5, p["n03"].X);
                Assert.AreEqual(1.0, p["n03"].Y);
                Assert.AreEqual(6.0, p["n04"].X);
                Assert.AreEqual(7.5, p["n04"].Y);
                Assert.IsNull(p["n02"], Path.GetFileName(path));
                Assert.IsNull(p["n05"], Path.GetFileName(path));
            }
        }

        [DataTestMethod]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": 2.0 }", "error: manifest.json:6: devices[0].position.y: is required with x: a position needs both x and y in metres")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"y\": 1.5 }", "error: manifest.json:6: devices[0].position.x: is required with y")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { }", "error: manifest.json:6: devices[0].position: needs x and y in metres (or leave the position out)")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": 1200, \"y\": 1.5 }", "error: manifest.json:6: devices[0].position.x: must be between 0 and 1000 m from the floor plan's origin (found 1200)")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": 2.0, \"y\": -0.5 }", "error: manifest.json:6: devices[0].position.y: must be between 0 and 1000 m from the floor plan's origin (found -0.5)")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": 2.0, \"y\": 1e999 }", "error: manifest.json:6: devices[0].position.y: must be a finite number of metres")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": \"2\", \"y\": 1.5 }", "error: manifest.json:6: devices[0].position.x: must be a number (found a string)")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": [ 2.0, 1.5 ]", "error: manifest.json:6: devices[0].position: must be an object")]
        [DataRow("\"position\": { \"x\": 2.0, \"y\": 1.5 }", "\"position\": { \"x\": 2.0, \"y\": 1.5, \"z\": 3 }", "error: manifest.json:6: devices[0].position.z: unknown key (expected one of: x, y)")]
        // Same spot (under 0.1 m) for a scanner and a neighbour it would calibrate from: a typing mistake.
        [DataRow("\"position\": { \"x\": 8.5, \"y\": 1.0 }", "\"position\": { \"x\": 2.0, \"y\": 1.55 }", "error: manifest.json:26: devices[2].position: n03 is at the same spot as n01 (manifest.json:6), less than 0.1 m apart, and scanner n03 would calibrate from n01's iBeacon: check x and y")]
        public void Verify_BadPosition_IsOneErrorWithLineAndField(string find, string replace, string expected)
        {
            CliRun run = VerifyEdited(SampleManifestJson, find, replace);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
            Assert.AreEqual(1, run.Err.Split('\n').Count(l => l.StartsWith("error: manifest.json", StringComparison.Ordinal)), run.Err);
        }

        [DataTestMethod]
        [DataRow("entrance:1.5;checkout:4,8.5,1.0", "entrance:1.5;checkout:4,8.5,", "error: manifest.csv:7: column 'y': is required with x: a position needs both x and y in metres")]
        [DataRow("entrance:1.5;checkout:4,8.5,1.0", "entrance:1.5;checkout:4,,1.0", "error: manifest.csv:7: column 'x': is required with y")]
        [DataRow("entrance:1.5;checkout:4,8.5,1.0", "entrance:1.5;checkout:4,8;5,1.0", "error: manifest.csv:7: column 'x': must be a number with '.' as decimal separator (found '8;5')")]
        [DataRow("entrance:1.5;checkout:4,8.5,1.0", "entrance:1.5;checkout:4,NaN,1.0", "error: manifest.csv:7: column 'x': must be a number with '.' as decimal separator (found 'NaN')")]
        [DataRow("entrance:1.5;checkout:4,8.5,1.0", "entrance:1.5;checkout:4,8.5,1001", "error: manifest.csv:7: column 'y': must be between 0 and 1000 m from the floor plan's origin (found 1001)")]
        [DataRow("8421,,,,,,,,,,,,,", "8421,,,,,,,,,,,,2.5,", "error: manifest.csv:4: column 'x': differs from an earlier row of device 'n01' (device-level columns must be equal or blank)")]
        public void Verify_BadCsvPosition_NamesLineAndColumn(string find, string replace, string expected)
        {
            CliRun run = VerifyEdited(SampleManifestCsv, find, replace);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [TestMethod]
        public void Verify_TwoPositionedScannersWithOneId_IsTheIdErrorNotACrash()
        {
            CliRun run = VerifyEdited(SampleManifestJson, "\"id\": \"n04\"", "\"id\": \"n03\"");
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, "error: manifest.json:33: devices[3].id: device id 'n03' is used twice (first at line 25)");
        }

        [TestMethod]
        public void Verify_CsvPositionRepeatedIdentically_IsAccepted()
        {
            CliRun run = VerifyEdited(SampleManifestCsv, "8421,,,,,,,,,,,,,", "8421,,,,,,,,,,,,2.0,1.5");
            Assert.AreEqual(0, run.ExitCode, run.All);
        }

        [DataTestMethod]
        // A neighbour nearer than 1 m is skipped (the node fits the far field), not an error: shelves can be that close.
        [DataRow("\"position\": { \"x\": 8.5, \"y\": 1.0 }", "\"position\": { \"x\": 2.5, \"y\": 1.5 }", "warning: manifest.json:6: devices[0].position: n01 is 0.5 m from scanner n03, nearer than 1 m: n03 does not calibrate from it (the channel is fitted for the far field)")]
        // Without n01's position n04 has no neighbour: n03 has no iBeacon.
        [DataRow("\"role\": \"beacon+shelf\", \"position\": { \"x\": 2.0, \"y\": 1.5 },", "\"role\": \"beacon+shelf\",", "warning: manifest.json:34: devices[3].position: n04: no neighbour beacon with a position (1 m to 100 m away); zones use the configured constants")]
        [DataRow("\"role\": \"scanner\", \"position\": { \"x\": 8.5, \"y\": 1.0 },", "\"role\": \"scanner\",", "warning: manifest.json:24: devices[2].position: n03: scanner without a position while other nodes have one (probably forgotten): it does not calibrate; zones use the configured constants")]
        [DataRow("{ \"uuid\": \"f7826da6-4fa2-4e98-8024-bc5b71e0893e\", \"major\": 1, \"minor\": 4 }", "{ \"uuid\": \"00000000-4fa2-4e98-8024-bc5b71e0893e\", \"major\": 1, \"minor\": 4 }", "warning: manifest.json:36: devices[3].beacon.ibeacon.uuid: n04: iBeacon uuid is not f7826da6-4fa2-4e98-8024-bc5b71e0893e, the one scanner(s) n03 calibrate with (their own iBeacon's, or the store's most used): they skip n04 as a neighbour")]
        public void Verify_CalibrationDoubt_IsAWarning(string find, string replace, string expected)
        {
            string text = File.ReadAllText(SampleManifestJson);
            string dir = NewScratch("calib-warn");
            string manifest = Path.Combine(dir, "manifest.json");
            File.WriteAllText(manifest, ReplaceFirst(text, find, replace));
            CliRun run = Run("verify", "--manifest", manifest, "--store", SampleStore);
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [TestMethod]
        public void Verify_SampleManifests_HaveNoCalibrationWarnings()
        {
            foreach (string manifest in new[] { SampleManifestJson, SampleManifestCsv })
            {
                CliRun run = Run("verify", "--manifest", manifest, "--store", SampleStore);
                Assert.AreEqual(0, run.ExitCode, run.All);
                Assert.IsFalse(run.Err.Contains("calibrat", StringComparison.Ordinal), run.Err);
                Assert.IsFalse(run.Err.Contains("position", StringComparison.Ordinal), run.Err);
            }
        }

        [TestMethod]
        public void Neighbours_AreTheNearestEightOfTen_WithIBeaconAndPosition_AtOneMetreOrMore()
        {
            // Scanner at (100, 100); b1..b10 at 2..11 m along x; beacons that must not count: 0.5 m away, without a
            // position, with Eddystone only, a shelf with a position but no beacon.
            var devices = new List<string> { Scanner("s0", 100, 100) };
            for (int i = 1; i <= 10; i++)
            {
                // Listed farthest first, so the order in the output comes from the distance, not the manifest.
                int k = 11 - i;
                devices.Add(Beacon("b" + k, 100 + k + 1, 100, minor: k));
            }

            devices.Add(Beacon("near", 100.5, 100, minor: 50));
            devices.Add(Beacon("nopos", null, null, minor: 51));
            devices.Add("{ \"id\": \"eddy\", \"role\": \"beacon\", \"position\": { \"x\": 101, \"y\": 101 }, \"beacon\": { \"eddystone\": { \"url\": \"https://ex.co\" } } }");
            devices.Add("{ \"id\": \"shelf\", \"role\": \"shelf\", \"position\": { \"x\": 100, \"y\": 101.5 }, \"lanes\": [ { \"id\": \"a1\", \"doutPin\": 19, \"pdSckPin\": 23, \"unitGrams\": 100 } ] }");

            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(devices);
            Assert.IsFalse(issues.HasErrors, string.Join("\n", issues.Items));
            ScannerCalibration c = plans["s0"];
            Assert.AreEqual(ChannelCalibrationOptions.MaxNeighbours, c.Neighbours.Count);
            CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(k => "b" + k).ToArray(), c.Neighbours.Select(n => n.DeviceId).ToArray(), c.Describe());
            CollectionAssert.AreEqual(Enumerable.Range(2, 8).Select(k => (double)k).ToArray(), c.Neighbours.Select(n => n.DistanceM).ToArray());
            CollectionAssert.AreEqual(Enumerable.Range(1, 8).ToArray(), c.Neighbours.Select(n => n.Minor).ToArray());
            Assert.AreEqual(Uuid, c.Uuid);
            Assert.IsTrue(issues.Items.Any(i => i.Severity == Severity.Warning && i.Message.StartsWith("near is 0.5 m from scanner s0", StringComparison.Ordinal)), string.Join("\n", issues.Items));
        }

        [DataTestMethod]
        [DataRow(3.0, 4.0, 5.0)] // 3-4-5
        [DataRow(1.0, 1.0, 1.4)] // 1.414…
        [DataRow(2.25, 0.0, 2.3)] // midpoint: away from zero
        [DataRow(1.04, 0.0, 1.0)]
        [DataRow(100.04, 0.0, 100.0)]
        [DataRow(0.0, 7.25, 7.3)]
        public void Neighbours_DistanceIsEuclideanRoundedToATenth(double dx, double dy, double expected)
        {
            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(new List<string> { Scanner("s0", 10, 10), Beacon("b1", 10 + dx, 10 + dy, minor: 1) });
            Assert.AreEqual(0, issues.Items.Count, string.Join("\n", issues.Items));
            Assert.AreEqual(expected, plans["s0"].Neighbours.Single().DistanceM, 1e-12);
        }

        [DataTestMethod]
        [DataRow(0.95, "nearer than 1 m")] // rounds to 1.0 but is nearer than the node's 1 m
        [DataRow(100.06, "no neighbour beacon")] // rounds to 100.1: beyond the node's 100 m
        public void Neighbours_OutsideTheNodesRange_AreLeftOut(double dx, string warning)
        {
            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(new List<string> { Scanner("s0", 10, 10), Beacon("b1", 10 + dx, 10, minor: 1) });
            Assert.IsFalse(plans.ContainsKey("s0"), "no calibration section without a neighbour");
            Assert.IsTrue(issues.Items.Any(i => i.Message.Contains(warning, StringComparison.Ordinal)), string.Join("\n", issues.Items));
        }

        [TestMethod]
        public void Neighbours_EqualDistances_KeepManifestOrder_AndABeaconScannerSkipsItself()
        {
            var devices = new List<string> { BeaconScanner("s0", 50, 50, minor: 100) };
            for (int i = 1; i <= 9; i++)
            {
                // Nine beacons on a circle of 5 m: the first eight in manifest order are kept.
                double a = i * 2 * Math.PI / 9;
                devices.Add(Beacon("b" + i, 50 + (5 * Math.Cos(a)), 50 + (5 * Math.Sin(a)), minor: i));
            }

            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(devices);
            Assert.IsFalse(issues.HasErrors, string.Join("\n", issues.Items));
            CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(k => "b" + k).ToArray(), plans["s0"].Neighbours.Select(n => n.DeviceId).ToArray());
            Assert.IsTrue(plans["s0"].Neighbours.All(n => n.DistanceM == 5.0));
        }

        [TestMethod]
        public void Neighbours_TakeTheScannersOwnUuid_OrTheStoresMostUsed()
        {
            const string Other = "00000000-0000-4000-8000-000000000001";
            var devices = new List<string>
            {
                Scanner("s0", 10, 10),
                BeaconScanner("s1", 10, 30, minor: 99, uuid: Other),
                Beacon("b1", 10, 13, minor: 1, uuid: Other),
                Beacon("b2", 10, 14, minor: 2),
                Beacon("b3", 10, 15, minor: 3),
                Beacon("b4", 10, 16, minor: 4),
            };
            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(devices);
            Assert.AreEqual(Uuid, plans["s0"].Uuid, "s0 has no iBeacon: the store's most used UUID (3 of 5)");
            CollectionAssert.AreEqual(new[] { "b2", "b3", "b4" }, plans["s0"].Neighbours.Select(n => n.DeviceId).ToArray());
            Assert.AreEqual(Other, plans["s1"].Uuid, "s1 calibrates with its own iBeacon's UUID");
            CollectionAssert.AreEqual(new[] { "b1" }, plans["s1"].Neighbours.Select(n => n.DeviceId).ToArray());
            Assert.IsTrue(issues.Items.Any(i => i.Severity == Severity.Warning && i.Message.StartsWith("b1: iBeacon uuid is not " + Uuid + ", the one scanner(s) s0 calibrate with", StringComparison.Ordinal)), string.Join("\n", issues.Items));
        }

        [TestMethod]
        public void Neighbours_NoPositions_NoSectionAndNoWarning()
        {
            var devices = new List<string> { Scanner("s0", null, null), Beacon("b1", null, null, minor: 1) };
            (Dictionary<string, ScannerCalibration> plans, IssueList issues) = Plan(devices);
            Assert.AreEqual(0, plans.Count);
            Assert.AreEqual(0, issues.Items.Count, string.Join("\n", issues.Items));
        }

        [TestMethod]
        public void ProvisionedCalibration_IsAcceptedByTheNodesParser_WithTheSampleDistances()
        {
            string outDir = NewScratch("calib-parse");
            CliRun run = ProvisionSample(outDir);
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.Out, "n03: proximity.calibration from 2 neighbour(s): n01 6.5 m, n04 7.0 m");
            StringAssert.Contains(run.Out, "n04: proximity.calibration from 1 neighbour(s): n01 7.2 m");

            ChannelCalibrationOptions n03 = Parse(Path.Combine(outDir, "n03", "device.json")).Proximity.Calibration;
            Assert.IsNotNull(n03, "n03 has neighbours: the node must see a calibration section");
            CollectionAssert.AreEqual(IBeaconOptions.ParseUuid(Uuid), n03.Uuid);
            CollectionAssert.AreEqual(new[] { 1, 1 }, n03.NeighbourMajor);
            CollectionAssert.AreEqual(new[] { 1, 4 }, n03.NeighbourMinor);
            CollectionAssert.AreEqual(new[] { 6.5, 7.0 }, n03.NeighbourDistanceM);
            Assert.AreEqual(ChannelCalibrationOptions.DefaultPhoneOffsetDb, n03.PhoneOffsetDb, "node default: store.json sets none");
            Assert.AreEqual(20, n03.MinSamples);
            Assert.AreEqual(60, n03.RefitS);

            ChannelCalibrationOptions n04 = Parse(Path.Combine(outDir, "n04", "device.json")).Proximity.Calibration;
            CollectionAssert.AreEqual(new[] { 1 }, n04.NeighbourMinor);
            CollectionAssert.AreEqual(new[] { 7.2 }, n04.NeighbourDistanceM);

            JsonNode calibration = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "n03", "device.json")))["proximity"]["calibration"];
            CollectionAssert.AreEqual(new[] { "uuid", "neighbours" }, ((JsonObject)calibration).Select(p => p.Key).ToArray(), "node defaults for the rest");
        }

        [TestMethod]
        public void ProvisionedCalibration_EightOfTen_AndTheStoresPhoneOffset_PassTheNodeAndTheSchema()
        {
            var devices = new List<string> { Scanner("n00", 20, 20) };
            for (int k = 1; k <= 10; k++)
            {
                devices.Add(Beacon("b" + k, 20, 20 + (1.5 * k), minor: k));
            }

            string dir = NewScratch("calib-ten");
            string manifest = Path.Combine(dir, "manifest.json");
            File.WriteAllText(manifest, Manifest(devices));
            string store = Path.Combine(dir, "store.json");
            File.WriteAllText(store, File.ReadAllText(SampleStore).Replace("\"statusIntervalS\": 60,", "\"statusIntervalS\": 60,\n  \"proximity\": { \"phoneOffsetDb\": -6.5 },"));
            File.Copy(Path.Combine(SampleFolder, "sample-ca.pem"), Path.Combine(dir, "sample-ca.pem"));
            string outDir = Path.Combine(dir, "out");
            CliRun run = Run("provision", "--manifest", manifest, "--store", store, "--out", outDir, "--seed", "ten");
            Assert.AreEqual(0, run.ExitCode, run.All);

            string config = Path.Combine(outDir, "n00", "device.json");
            ChannelCalibrationOptions c = Parse(config).Proximity.Calibration;
            Assert.AreEqual(8, c.NeighbourCount);
            CollectionAssert.AreEqual(new[] { 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0 }, c.NeighbourDistanceM);
            Assert.AreEqual(-6.5, c.PhoneOffsetDb);
            JsonSchema schema = JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult();
            var errors = schema.Validate(File.ReadAllText(config));
            Assert.AreEqual(0, errors.Count, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            Assert.IsNull(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "b1", "device.json")))["proximity"], "a beacon gets no proximity section");
        }

        [DataTestMethod]
        [DataRow("{ \"phoneOffsetDb\": 31 }", "store.json:18: proximity.phoneOffsetDb: must be between -30 and 30 dB (found 31)")]
        [DataRow("{ \"phoneOffsetDb\": \"-4\" }", "store.json:18: proximity.phoneOffsetDb: must be a number (found a string)")]
        [DataRow("{ \"minSamples\": 10 }", "store.json:18: proximity.minSamples: unknown key (expected one of: phoneOffsetDb)")]
        public void Verify_StoreProximity_IsChecked(string value, string expected)
        {
            string dir = NewScratch("calib-store");
            string store = Path.Combine(dir, "store.json");
            File.WriteAllText(store, File.ReadAllText(SampleStore).Replace("\"statusIntervalS\": 60,", "\"statusIntervalS\": 60,\n  \"proximity\": " + value + ","));
            File.Copy(Path.Combine(SampleFolder, "sample-ca.pem"), Path.Combine(dir, "sample-ca.pem"));
            CliRun run = Run("verify", "--manifest", SampleManifestJson, "--store", store);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [DataTestMethod]
        [DataRow("\"distanceM\": 6.5", "\"distanceM\": 0.5", "distanceM")]
        [DataRow("\"distanceM\": 6.5", "\"distanceM\": 6.5, \"rssi\": -60", "neighbours[0]")]
        [DataRow("\"uuid\": \"f7826da6-4fa2-4e98-8024-bc5b71e0893e\",\n      \"neighbours\"", "\"uuid\": \"f7826da6\",\n      \"neighbours\"", "uuid")]
        public void Schema_RejectsABadCalibration(string find, string replace, string key)
        {
            string outDir = NewScratch("calib-schema");
            ProvisionSample(outDir);
            string text = File.ReadAllText(Path.Combine(outDir, "n03", "device.json"));
            Assert.IsTrue(text.Contains(find, StringComparison.Ordinal), "test setup: no " + find);
            JsonSchema schema = JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult();
            Assert.AreEqual(0, schema.Validate(text).Count);
            Assert.IsTrue(schema.Validate(text.Replace(find, replace)).Count > 0, "schema accepted an invalid " + key);
        }

        private static DeviceConfig Parse(string path)
        {
            try
            {
                return DeviceConfig.Parse(File.ReadAllText(path));
            }
            catch (ConfigException ex)
            {
                Assert.Fail($"{Path.GetFileName(Path.GetDirectoryName(path))}: the node refuses its config: {ex.Key}: {ex.Problem}");
                return null;
            }
        }

        private static (Dictionary<string, ScannerCalibration> Plans, IssueList Issues) Plan(List<string> devices)
        {
            var issues = new IssueList();
            StoreManifest m = JsonManifestReader.Read("manifest.json", Manifest(devices), issues);
            ManifestValidator.Validate(m, null, issues);
            var plans = CalibrationPlanner.Plan(m);
            return (plans, issues);
        }

        private static string Manifest(List<string> devices) => "{ \"store\": \"s001\", \"devices\": [\n" + string.Join(",\n", devices) + "\n] }\n";

        private static string Position(double? x, double? y) =>
            x == null ? "" : $"\"position\": {{ \"x\": {x.Value.ToString("R", CultureInfo.InvariantCulture)}, \"y\": {y.Value.ToString("R", CultureInfo.InvariantCulture)} }}, ";

        private static string Scanner(string id, double? x, double? y) =>
            $"{{ \"id\": \"{id}\", \"role\": \"scanner\", {Position(x, y)}\"zones\": [ {{ \"name\": \"z\", \"maxMeters\": 3 }} ] }}";

        private static string BeaconScanner(string id, double? x, double? y, int minor, string uuid = Uuid) =>
            $"{{ \"id\": \"{id}\", \"role\": \"beacon+scanner\", {Position(x, y)}\"beacon\": {{ \"ibeacon\": {{ \"uuid\": \"{uuid}\", \"major\": 7, \"minor\": {minor} }} }}, \"zones\": [ {{ \"name\": \"z\", \"maxMeters\": 3 }} ] }}";

        private static string Beacon(string id, double? x, double? y, int minor, string uuid = Uuid) =>
            $"{{ \"id\": \"{id}\", \"role\": \"beacon\", {Position(x, y)}\"beacon\": {{ \"ibeacon\": {{ \"uuid\": \"{uuid}\", \"major\": 7, \"minor\": {minor} }} }} }}";

        private static CliRun VerifyEdited(string sample, string find, string replace)
        {
            string dir = NewScratch("calib-verify");
            string path = Path.Combine(dir, Path.GetFileName(sample));
            File.WriteAllText(path, ReplaceFirst(File.ReadAllText(sample), find, replace));
            return Run("verify", "--manifest", path, "--store", SampleStore);
        }

        private static string ReplaceFirst(string text, string find, string replace)
        {
            int at = text.IndexOf(find, StringComparison.Ordinal);
            Assert.IsTrue(at >= 0, "test setup: sample has no " + find);
            return text.Substring(0, at) + replace + text.Substring(at + find.Length);
        }
    }
}
