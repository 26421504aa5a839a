using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// verify --manifest / --store: every validation rule, each reported with file, line and field (JSON path or CSV
    /// column). Each case edits the valid sample and expects one exact message.
    /// </summary>
    [TestClass]
    public sealed class ManifestValidationTests
    {
        [TestMethod]
        public void Verify_SampleManifests_AreValid()
        {
            foreach (string manifest in new[] { SampleManifestJson, SampleManifestCsv })
            {
                CliRun run = Run("verify", "--manifest", manifest, "--store", SampleStore);
                Assert.AreEqual(0, run.ExitCode, run.All);
                StringAssert.Contains(run.Out, "OK: " + Path.GetFileName(manifest) + ": 5 device(s)");
                Assert.IsFalse(run.Err.Contains("error", StringComparison.Ordinal), run.Err);
            }
        }

        [DataTestMethod]
        // ids
        [DataRow("\"id\": \"n02\"", "\"id\": \"n01\"", "manifest.json:17: devices[1].id: device id 'n01' is used twice (first at line 5)")]
        [DataRow("\"id\": \"n02\"", "\"id\": \"N02\"", "manifest.json:17: devices[1].id: 'N02' may only use a-z, 0-9, '-' and '_' (not first)")]
        [DataRow("\"id\": \"n02\"", "\"id\": \"-n02\"", "devices[1].id: '-n02' may only use")]
        [DataRow("\"id\": \"n02\"", "\"id\": \"n0123456789012345678901234567890123\"", "devices[1].id: must be at most 32 characters")]
        [DataRow("\"id\": \"b1\"", "\"id\": \"b 1\"", "devices[1].lanes[0].id: 'b 1' may only use")]
        [DataRow("\"id\": \"b2\"", "\"id\": \"b1\"", "devices[1].lanes[1].id: lane id 'b1' is used twice on device 'n02'")]
        // roles and sections
        [DataRow("\"role\": \"shelf\"", "\"role\": \"shelve\"", "manifest.json:18: devices[1].role: unknown role 'shelve'")]
        [DataRow("\"role\": \"shelf\"", "\"role\": \"scanner\"", "devices[1].lanes: are given but role 'scanner' has no shelf")]
        [DataRow("\"role\": \"scanner\",", "\"role\": \"scanner+shelf\",", "devices[2].lanes: the shelf role needs at least one lane")]
        [DataRow("\"role\": \"beacon+shelf\"", "\"role\": \"shelf\"", "devices[0].beacon: is given but role 'shelf' has no beacon")]
        [DataRow("\"role\": \"scanner\",", "\"role\": \"beacon+scanner\",", "devices[2].beacon: is required for the beacon role")]
        [DataRow("\"zones\": [ { \"name\": \"aisle-3\", \"maxMeters\": 3 } ]", "\"zones\": []", "devices[3].zones: the scanner role needs at least one named zone")]
        [DataRow("\"role\": \"beacon+scanner\"", "\"role\": \"beacon\"", "devices[3].zones: are given but role 'beacon' has no scanner")]
        // pins (ESP32_PSRAM_BLE_GenericGraphic_REV3, the reference WROVER, unless the board is the S3 n02)
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 19, \"pdSckPin\": 35", "manifest.json:12: devices[0].lanes[0].pdSckPin: GPIO 35 is input-only (34-39 cannot drive)")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 7, \"pdSckPin\": 23", "devices[0].lanes[0].doutPin: GPIO 7 is wired to the module's SPI flash (GPIO 6-11 are never usable)")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 40, \"pdSckPin\": 23", "devices[0].lanes[0].doutPin: GPIO 40 does not exist on the ESP32 (valid: 0-39)")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 24, \"pdSckPin\": 23", "devices[0].lanes[0].doutPin: GPIO 24 is not bonded out")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 1, \"pdSckPin\": 23", "devices[0].lanes[0].doutPin: GPIO 1 is UART0 TX")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 19, \"pdSckPin\": 26", "devices[0].lanes[1].pdSckPin: GPIO 26 is already used by lane 'a1' pdSckPin")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"pdSckPin\": 23", "devices[0].lanes[0].doutPin: is required: the GPIO wired to HX711 DOUT")]
        [DataRow("\"doutPin\": 4, \"pdSckPin\": 5", "\"doutPin\": 4, \"pdSckPin\": 30", "devices[1].lanes[0].pdSckPin: GPIO 30 is wired to the module's SPI flash/PSRAM (GPIO 26-32) [ESP32_S3_QUAD]")]
        [DataRow("\"doutPin\": 4, \"pdSckPin\": 5", "\"doutPin\": 4, \"pdSckPin\": 22", "devices[1].lanes[0].pdSckPin: GPIO 22 does not exist on the ESP32-S3")]
        [DataRow("\"doutPin\": 4, \"pdSckPin\": 5", "\"doutPin\": 4, \"pdSckPin\": 43", "devices[1].lanes[0].pdSckPin: GPIO 43 is UART0 TX")]
        // lane settings
        [DataRow("\"spiBus\": 1, \"unitGrams\": 355", "\"spiBus\": 3, \"unitGrams\": 355", "devices[0].lanes[0].spiBus: must be 1 or 2")]
        [DataRow("\"gain\": 128", "\"gain\": 100", "devices[1].lanes[1].gain: must be 128, 64 (channel A) or 32 (channel B)")]
        [DataRow("\"sps\": 10", "\"sps\": 20", "devices[1].lanes[1].sps: must be 10 or 80")]
        [DataRow("\"unitGrams\": 355", "\"unitGrams\": 0", "manifest.json:12: devices[0].lanes[0].unitGrams: must be more than 0 and at most 50000")]
        [DataRow("\"unitGrams\": 355", "\"unitGrams\": -5", "devices[0].lanes[0].unitGrams: must be more than 0")]
        [DataRow("\"unitGrams\": 355,", "", "devices[0].lanes[0].unitGrams: is required: the weight of one item in grams")]
        [DataRow("\"unitGrams\": 355", "\"unitGrams\": \"355\"", "devices[0].lanes[0].unitGrams: must be a number (found a string)")]
        [DataRow("\"toleranceGrams\": 60", "\"toleranceGrams\": 200", "devices[0].lanes[0].toleranceGrams: must be less than half of unitGrams")]
        [DataRow("\"lowItems\": 4, \"emptyItems\": 0", "\"lowItems\": 2, \"emptyItems\": 2", "devices[0].lanes[0].emptyItems: must be below lowItems (2): a lane is low before it is empty")]
        [DataRow("\"lowItems\": 4, \"emptyItems\": 0", "\"lowItems\": -1, \"emptyItems\": 0", "devices[0].lanes[0].lowItems: must be 0 or more")]
        [DataRow("\"lowItems\": 4", "\"lowItems\": 4.5", "devices[0].lanes[0].lowItems: must be a whole number (found a number)")]
        [DataRow("\"countsPerGram\": 219.8", "\"countsPerGram\": 0", "devices[0].lanes[1].countsPerGram: must not be 0")]
        [DataRow("\"unitGrams\": 150", "\"unitGrams\": 150, \"unitGram\": 1", "devices[1].lanes[0].unitGram: unknown key")]
        // beacon identifiers
        [DataRow("\"uuid\": \"f7826da6-4fa2-4e98-8024-bc5b71e0893e\", \"major\": 1, \"minor\": 1", "\"uuid\": \"f7826da64fa24e988024bc5b71e0893e\", \"major\": 1, \"minor\": 1", "manifest.json:8: devices[0].beacon.ibeacon.uuid: must be a UUID")]
        [DataRow("\"major\": 1, \"minor\": 1", "\"major\": 70000, \"minor\": 1", "devices[0].beacon.ibeacon.major: must be between 0 and 65535 (found 70000)")]
        [DataRow("\"major\": 1, \"minor\": 1", "\"major\": 1, \"minor\": -1", "devices[0].beacon.ibeacon.minor: must be between 0 and 65535 (found -1)")]
        [DataRow("\"major\": 1, \"minor\": 4", "\"major\": 1, \"minor\": 1", "devices[3].beacon.ibeacon.minor: iBeacon uuid/major/minor is the same as at manifest.json:8")]
        [DataRow("\"major\": 1, \"minor\": 4", "\"minor\": 4", "devices[3].beacon.ibeacon.major: is required (0-65535)")]
        [DataRow("\"measuredPower\": -59", "\"measuredPower\": 10", "devices[0].beacon.ibeacon.measuredPower: must be between -127 and 0")]
        [DataRow("\"namespace\": \"edd1ebeac04e5defa017\"", "\"namespace\": \"edd1ebeac04e5defa0\"", "devices[0].beacon.eddystone.namespace: must be 20 hex digits (10 bytes)")]
        [DataRow("\"instance\": \"000000000001\"", "\"instance\": \"00000000000g\"", "devices[0].beacon.eddystone.instance: must be 12 hex digits (6 bytes)")]
        [DataRow("\"instance\": \"000000000001\", ", "", "devices[0].beacon.eddystone.instance: an Eddystone-UID needs both namespace (20 hex) and instance (12 hex)")]
        [DataRow("\"url\": \"https://ex.co/s001\"", "\"url\": \"ftp://ex.co\"", "devices[0].beacon.eddystone.url: must start with http:// or https://")]
        [DataRow("\"url\": \"https://ex.co/s001\"", "\"url\": \"https://a-very-long-host.example/promotions\"", "devices[0].beacon.eddystone.url: is 35 bytes once encoded; an Eddystone-URL frame holds 17")]
        [DataRow("\"rotationExponent\": 10", "\"rotationExponent\": 16", "devices[4].beacon.eid.rotationExponent: must be between 0 and 15")]
        [DataRow("\"rotationExponent\": 10", "\"rotationExponent\": 10, \"identityKey\": \"00\"", "devices[4].beacon.eid.identityKey: is a secret: leave it out of the manifest")]
        [DataRow("\"ibeacon\": { \"uuid\": \"f7826da6-4fa2-4e98-8024-bc5b71e0893e\", \"major\": 1, \"minor\": 4 }", "", "devices[3].beacon: needs at least one of ibeacon, eddystone, eid")]
        // zones
        [DataRow("{ \"name\": \"checkout\", \"maxMeters\": 4 }", "{ \"name\": \"entrance\", \"maxMeters\": 4 }", "devices[2].zones[1].name: zone 'entrance' is named twice on device 'n03'")]
        [DataRow("{ \"name\": \"checkout\", \"maxMeters\": 4 }", "{ \"name\": \"\", \"maxMeters\": 4 }", "devices[2].zones[1].name: every zone needs a name")]
        [DataRow("{ \"name\": \"checkout\", \"maxMeters\": 4 }", "{ \"maxMeters\": 4 }", "devices[2].zones[1].name: every zone needs a name")]
        [DataRow("\"maxMeters\": 4", "\"maxMeters\": 1", "devices[2].zones[1].maxMeters: must be beyond the previous zone's edge (1.5 m)")]
        [DataRow("\"maxMeters\": 1.5", "\"maxMeters\": 200", "devices[2].zones[0].maxMeters: must be between 0.1 and 100")]
        // lanes per SPI bus (the node's LaneBusPlan)
        [DataRow("\"offsetCounts\": 8421 }", "\"offsetCounts\": 8421 }, { \"id\": \"a3\", \"doutPin\": 35, \"pdSckPin\": 32, \"spiBus\": 1, \"unitGrams\": 100, \"lowItems\": 1, \"emptyItems\": 0 }, { \"id\": \"a4\", \"doutPin\": 36, \"pdSckPin\": 33, \"spiBus\": 1, \"unitGrams\": 100, \"lowItems\": 1, \"emptyItems\": 0 }", "devices[0].lanes[3].spiBus: bus 1 already serves 2 lanes on device 'n01'")]
        // document level
        [DataRow("\"store\": \"s001\",", "\"store\": \"s002\",", "manifest.json:2: store: is 's002' but store.json is for store 's001'")]
        [DataRow("\"store\": \"s001\",", "\"store\": \"s001\", \"shop\": 1,", "manifest.json:2: shop: unknown key (expected one of: store, devices)")]
        [DataRow("\"id\": \"n03\",", "\"id\": \"n03\"", "error: manifest.json:26: column 7: not valid JSON")]
        public void Verify_JsonManifestError_NamesLineAndField(string find, string replace, string expected)
        {
            CliRun run = VerifyEdited(SampleManifestJson, find, replace);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [DataTestMethod]
        [DataRow("n02,shelf,b1,Crisps,4,5,", "n02,shelf,b1,Crisps,4,x,", "manifest.csv:5: column 'pdSckPin': must be a whole number (found 'x')")]
        [DataRow("n01,,a2,Water 500 ml,34,26,", "n01,,a2,Water 500 ml,34,36,", "manifest.csv:4: column 'pdSckPin': GPIO 36 is input-only")]
        [DataRow("34,26,2,,,520.5,,", "34,26,2,,,520.5,300,", "manifest.csv:4: column 'toleranceGrams': must be less than half of unitGrams")]
        [DataRow("n02,,b2,", "n02,scanner,b2,", "manifest.csv:6: column 'role': differs from an earlier row of device 'n02'")]
        [DataRow("n03,scanner,,,,,,", "n03,scanner,,,17,,,", "manifest.csv:7: column 'doutPin': is a lane setting but this row has no 'lane' id")]
        [DataRow("n03,scanner,", ",scanner,", "manifest.csv:7: column 'device': is required on every row")]
        [DataRow("n03,scanner,", "n03,,", "manifest.csv:7: column 'role': is required on a device's first row")]
        [DataRow("entrance:1.5;checkout:4", "entrance;checkout:4", "manifest.csv:7: column 'zones': each zone is 'name:maxMeters'")]
        [DataRow(",1,4,,,,,,,,aisle-3:3", ",1,99999,,,,,,,,aisle-3:3", "manifest.csv:8: column 'ibeaconMinor': must be between 0 and 65535")]
        [DataRow("device,role,lane,", "device,role,lane,colour,", "manifest.csv:2: column 4: unknown column 'colour'")]
        [DataRow("device,role,", "device,kind,", "manifest.csv:2: column 2: unknown column 'kind'")]
        [DataRow("n02,,b2,Chocolate", "n01,,a1,Chocolate", "manifest.csv:6: column 'lane': lane id 'a1' is used twice on device 'n01'")]
        // A quoted cell may hold commas, quotes and a line break; later rows keep their own line numbers.
        [DataRow("n01,,a2,Water 500 ml,", "n01,,a2,\"Water, \"\"still\"\"\n500 ml\",", "manifest.csv:6: column 'pdSckPin': must be a whole number (found 'x')", "n02,shelf,b1,Crisps,4,5,", "n02,shelf,b1,Crisps,4,x,")]
        [DataRow("n05,beacon,", "n05,\"beacon,", "manifest.csv:9: column 2: a quoted cell is not closed")]
        public void Verify_CsvManifestError_NamesLineAndColumn(string find, string replace, string expected, string find2 = null, string replace2 = null)
        {
            CliRun run = VerifyEdited(SampleManifestCsv, find, replace, find2, replace2);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [DataTestMethod]
        [DataRow("\"store\": \"s001\",", "\"store\": \"S 001\",", "store.json:3: store: 'S 001' may only use a-z")]
        [DataRow("mqtts://broker.s001.example.net:8883", "https://broker.s001.example.net", "store.json:5: mqtt.broker: must be mqtt[s]://host[:port]")]
        [DataRow("mqtts://broker.s001.example.net:8883", "mqtts://user:pw@broker", "mqtt.broker: must be mqtt[s]://host[:port] without credentials or path")]
        [DataRow("\"caCertFile\": \"sample-ca.pem\",", "", "store.json:4: mqtt.caCertFile: is required for an mqtts:// broker")]
        [DataRow("\"caCertFile\": \"sample-ca.pem\"", "\"caCertFile\": \"missing.pem\"", "store.json:6: mqtt.caCertFile: not found:")]
        [DataRow("\"caCertFile\": \"sample-ca.pem\"", "\"caCertFile\": \"manifest.csv\"", "mqtt.caCertFile: is not a PEM certificate")]
        [DataRow("\"topicPrefix\": \"retail/v1\"", "\"topicPrefix\": \"retail/#\"", "mqtt.topicPrefix: must be levels separated by '/'")]
        [DataRow("\"keepAliveS\": 30", "\"keepAliveS\": 1", "mqtt.keepAliveS: must be between 5 and 600 (found 1)")]
        [DataRow("\"password\": \"sample-wifi-passw0rd\"", "\"password\": \"short\"", "store.json:13: wifi.password: must be empty (open network) or 8 to 63 characters (WPA2)")]
        [DataRow("\"password\": \"sample-wifi-passw0rd\"", "\"password\": \"x\", \"passwordEnv\": \"BEACONS_TEST_UNSET\"", "wifi.passwordEnv: give either wifi.password or wifi.passwordEnv, not both")]
        [DataRow("\"password\": \"sample-wifi-passw0rd\"", "\"passwordEnv\": \"BEACONS_TEST_SURELY_UNSET\"", "wifi.passwordEnv: environment variable BEACONS_TEST_SURELY_UNSET is not set")]
        [DataRow("\"ssid\": \"s001-iot\",", "", "store.json:10: wifi.ssid: is required")]
        [DataRow("\"identifiers\": \"none\"", "\"identifiers\": \"all\"", "privacy.identifiers: must be none or consented")]
        [DataRow("\"kAnonymity\": 5", "\"kAnonymity\": 1", "privacy.kAnonymity: must be between 2 and 1000")]
        [DataRow("\"epochHours\": 24", "\"epochHours\": 200", "privacy.epochHours: must be between 1 and 168")]
        [DataRow("\"defaultTarget\": \"ESP32_PSRAM_BLE_GenericGraphic_REV3\"", "\"defaultTarget\": \"ESP32_REV0\"", "flash.defaultTarget: ESP32_REV0 is built without Bluetooth")]
        [DataRow("\"target\": \"ESP32_S3_QUAD\"", "\"target\": \"ESP32_H2_THREAD\"", "flash.devices.n02.target: ESP32_H2_THREAD has no Wi-Fi")]
        [DataRow("\"defaultTarget\": \"ESP32_PSRAM_BLE_GenericGraphic_REV3\",", "", "flash: no nanoff target for device 'n01'")]
        [DataRow("\"statusIntervalS\": 60", "\"statusInterval\": 60", "store.json:17: statusInterval: unknown key")]
        public void Verify_StoreSettingsError_NamesLineAndField(string find, string replace, string expected)
        {
            string dir = NewScratch("store");
            string text = File.ReadAllText(SampleStore);
            Assert.IsTrue(text.Contains(find, StringComparison.Ordinal), "test setup: sample store.json has no " + find);
            string store = Path.Combine(dir, "store.json");
            File.WriteAllText(store, text.Replace(find, replace));
            File.Copy(Path.Combine(SampleFolder, "sample-ca.pem"), Path.Combine(dir, "sample-ca.pem"));
            File.Copy(SampleManifestCsv, Path.Combine(dir, "manifest.csv"));
            CliRun run = Run("verify", "--manifest", SampleManifestJson, "--store", store);
            Assert.AreEqual(1, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, expected);
        }

        [DataTestMethod]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 15, \"pdSckPin\": 23", "devices[0].lanes[0].doutPin: GPIO 15 is a strapping pin")]
        [DataRow("\"doutPin\": 19, \"pdSckPin\": 23", "\"doutPin\": 19, \"pdSckPin\": 12", "devices[0].lanes[0].pdSckPin: GPIO 12 is a strapping pin")]
        [DataRow("\"doutPin\": 4, \"pdSckPin\": 5", "\"doutPin\": 4, \"pdSckPin\": 46", "devices[1].lanes[0].pdSckPin: GPIO 46 is a strapping pin of the ESP32-S3")]
        public void Verify_StrappingPin_IsAWarningNotAnError(string find, string replace, string expected)
        {
            CliRun run = VerifyEdited(SampleManifestJson, find, replace);
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.Err, "warning: manifest.json:");
            StringAssert.Contains(run.Err, expected);
        }

        [TestMethod]
        [DataRow("ESP32_BLE_REV0", true)]
        [DataRow("ESP32_BLE_REV3", true)]
        [DataRow("ESP32_S3_QUAD", false)]
        [DataRow("ESP32_PSRAM_BLE_GenericGraphic_REV3", false)]
        public void Verify_NoPsramTarget_WarnsWithTheHeapFigure(string target, bool warns)
        {
            string dir = NewScratch("store");
            string store = Path.Combine(dir, "store.json");
            File.WriteAllText(store, File.ReadAllText(SampleStore).Replace("\"defaultTarget\": \"ESP32_PSRAM_BLE_GenericGraphic_REV3\"", $"\"defaultTarget\": \"{target}\""));
            File.Copy(Path.Combine(SampleFolder, "sample-ca.pem"), Path.Combine(dir, "sample-ca.pem"));
            CliRun run = Run("verify", "--manifest", SampleManifestJson, "--store", store);

            Assert.AreEqual(warns, run.All.Contains($"{target} has no PSRAM: about 49 KB of managed heap with Bluetooth, below the 96 KB", StringComparison.Ordinal), run.All);
        }

        [TestMethod]
        public void Verify_Config_AcceptsAValidConfig_AndNamesTheKeyOfABadOne()
        {
            string dir = NewScratch("config");
            string good = Path.Combine(dir, "device.json");
            File.WriteAllText(good, File.ReadAllText(Path.Combine(RepoRoot, "tools", "emulator", "samples", "device.json")));
            CliRun ok = Run("verify", "--config", good);
            Assert.AreEqual(0, ok.ExitCode, ok.All);
            StringAssert.Contains(ok.Out, "OK: device.json: store s001, device n01, configVersion 1");

            string bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, File.ReadAllText(good).Replace("\"keepAliveS\": 10", "\"keepAliveS\": 1"));
            CliRun fail = Run("verify", "--config", bad);
            Assert.AreEqual(1, fail.ExitCode);
            StringAssert.Contains(fail.Err, "error: bad.json: mqtt.keepAliveS: must be between 5 and 600");
        }

        private static CliRun VerifyEdited(string sample, string find, string replace, string find2 = null, string replace2 = null)
        {
            string text = ReplaceFirst(File.ReadAllText(sample), find, replace);
            if (find2 != null)
            {
                text = ReplaceFirst(text, find2, replace2);
            }

            string dir = NewScratch("manifest");
            string path = Path.Combine(dir, Path.GetFileName(sample));
            File.WriteAllText(path, text);
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
