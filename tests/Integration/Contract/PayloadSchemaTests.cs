using Beacons.Shared.Messaging;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// Every payload type the firmware emits, produced by the firmware's own formatting code, against the JSON Schemas
    /// that docs/asyncapi.yaml publishes to consumers.
    /// </summary>
    [TestClass]
    public sealed class PayloadSchemaTests
    {
        [TestMethod]
        public void NodeStatus_OnlineSafeModeAndLastWill_MatchSchema()
        {
            var w = new JsonWriter(256);
            var status = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "0.1.0", UptimeS = 5, FreeHeapBytes = 1024, ResetReason = "power-on", ConfigVersion = 2, Boot = 3 };
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            status.State = NodeStatus.SafeMode;
            status.ConfigError = "lanes[0].unitGrams: must be between 1 and 50000";
            status.WriteJson(w);
            ContractSchemas.AssertValid("node-status", w.ToString());
            ContractSchemas.AssertValid("node-status", NodeStatus.OfflinePayload("0.1.0", 3));
        }

        [TestMethod]
        public void SignedCommandAndResults_MatchSchema()
        {
            string key = new string('a', 64);
            ContractSchemas.AssertValid("signed-command", CommandAuthenticator.Sign(key, "{\"id\":\"c1\",\"device\":\"n01\",\"ts\":1,\"nonce\":\"0011223344556677\",\"cmd\":\"status\"}"));
            var w = new JsonWriter(128);
            ContractSchemas.AssertValid("command-result", CommandResult.Ok(w, "c1", "tare"));
            ContractSchemas.AssertValid("command-result", CommandResult.Rejected(w, null, "malformed", "expected {\"body\":\"...\",\"sig\":\"...\"}"));
            ContractSchemas.AssertValid("command-result", CommandResult.Rejected(w, "c2", "replayed", "nonce already used"));
        }

        [TestMethod]
        public void Schemas_RejectWhatTheContractForbids()
        {
            Assert.IsFalse(ContractSchemas.IsValid("node-status", "{\"state\":\"sleeping\",\"fw\":\"1\",\"boot\":1}"));
            Assert.IsFalse(ContractSchemas.IsValid("node-status", "{\"state\":\"online\",\"fw\":\"1\",\"boot\":1,\"password\":\"x\"}"));
            Assert.IsFalse(ContractSchemas.IsValid("command-result", "{\"id\":\"c\",\"ok\":false,\"code\":\"oops\"}"));
        }
    }
}
