using System;
using System.IO;
using System.Linq;
using Beacons.Shared.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NJsonSchema;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// The provisioned configs against the contract: the JSON Schema (docs/device-config.schema.json) and the firmware's
    /// own DeviceConfig.Parse.
    /// </summary>
    [TestClass]
    public sealed class ConfigAcceptanceTests
    {
        private static readonly string[] Devices = { "n01", "n02", "n03", "n04", "n05" };

        [TestMethod]
        public void ProvisionedConfigs_ValidateAgainstTheJsonSchema()
        {
            string outDir = NewScratch("schema");
            ProvisionSample(outDir);
            JsonSchema schema = JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult();
            foreach (string d in Devices)
            {
                var errors = schema.Validate(File.ReadAllText(Path.Combine(outDir, d, "device.json")));
                Assert.AreEqual(0, errors.Count, $"{d}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            }

            var emulatorSample = schema.Validate(File.ReadAllText(Path.Combine(RepoRoot, "tools", "emulator", "samples", "device.json")));
            Assert.AreEqual(0, emulatorSample.Count, "the emulator's sample config follows the same schema");
        }

        [DataTestMethod]
        [DataRow("\"keepAliveS\": 30", "\"keepAliveS\": 30, \"keepalive\": 1", "keepalive")]
        [DataRow("\"caCertFile\": \"ca.pem\",", "", "caCertFile")]
        [DataRow("\"doutPin\": 19", "\"doutPin\": 60", "doutPin")]
        [DataRow("\"unitGrams\": 355", "\"unitGrams\": 0", "unitGrams")]
        [DataRow("\"major\": 1", "\"major\": 65536", "major")]
        public void Schema_RejectsWhatTheContractForbids(string find, string replace, string key)
        {
            string outDir = NewScratch("schema-neg");
            ProvisionSample(outDir);
            string text = File.ReadAllText(Path.Combine(outDir, "n01", "device.json"));
            Assert.IsTrue(text.Contains(find, StringComparison.Ordinal));
            JsonSchema schema = JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult();
            var errors = schema.Validate(text.Replace(find, replace));
            Assert.IsTrue(errors.Count > 0, "schema accepted an invalid " + key);
        }

        [TestMethod]
        public void ProvisionedConfigs_AreAcceptedByTheFirmwaresDeviceConfigParse()
        {
            string outDir = NewScratch("firmware");
            ProvisionSample(outDir);
            string failures = string.Join("\n", Devices.Select(d =>
            {
                try
                {
                    DeviceConfig c = DeviceConfig.Parse(File.ReadAllText(Path.Combine(outDir, d, "device.json")));
                    Assert.AreEqual(d, c.DeviceId);
                    Assert.AreEqual("s001/" + d, c.Mqtt.Username);
                    return null;
                }
                catch (ConfigException ex)
                {
                    return $"{d}: {ex.Key}: {ex.Problem}";
                }
            }).Where(f => f != null));
            Assert.AreEqual("", failures, "the firmware refuses provisioned configs");
        }
    }
}
