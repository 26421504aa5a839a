using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class NodeStatusTests
    {
        [TestMethod]
        public void WriteJson_Online_AllFieldsInOrder()
        {
            var s = new NodeStatus
            {
                State = NodeStatus.Online,
                FirmwareVersion = "0.1.0",
                UptimeS = 12,
                FreeHeapBytes = 102400,
                ResetReason = "power-on",
                ConfigVersion = 3,
                Boot = 7,
            };
            var w = new JsonWriter(128);
            s.WriteJson(w);
            Assert.AreEqual("{\"state\":\"online\",\"fw\":\"0.1.0\",\"uptimeS\":12,\"freeHeap\":102400,\"reset\":\"power-on\",\"configVersion\":3,\"boot\":7,\"dropped\":0}", w.ToString());
        }

        [TestMethod]
        public void WriteJson_ShelfNode_ReportsNoiseAndSmallestItemPerLane()
        {
            var s = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "x", ResetReason = "power-on" };
            s.SetLaneCount(2);
            s.SetLane(0, "a1", 0.414, 5.03);
            s.SetLane(1, "a2", 0, 0);
            var w = new JsonWriter(256);
            s.WriteJson(w);
            Assert.EndsWith(",\"dropped\":0,\"lanes\":[{\"lane\":\"a1\",\"noiseG\":0.41,\"minItemG\":5.0},{\"lane\":\"a2\",\"noiseG\":null,\"minItemG\":null}]}", w.ToString());
        }

        [TestMethod]
        public void WriteJson_ConfigError_Included()
        {
            var s = new NodeStatus { State = NodeStatus.SafeMode, FirmwareVersion = "x", ResetReason = "power-on", ConfigError = "lanes[0].unitGrams: must be between 1 and 50000" };
            var w = new JsonWriter(128);
            s.WriteJson(w);
            Assert.EndsWith(",\"configError\":\"lanes[0].unitGrams: must be between 1 and 50000\"}", w.ToString());
        }

        [TestMethod]
        public void WriteJson_Bundle_ReportsVersionSeqAndUpdateState()
        {
            var s = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "x", ResetReason = "power-on", Bundle = "1.5.0", BundleSeq = 41, UpdateState = "downloading", UpdateSeq = 42, UpdatePercent = 37, UpdateError = "chunk 0/3: bad MAC (try 1 of 3)" };
            var w = new JsonWriter(256);
            s.WriteJson(w);
            Assert.EndsWith(",\"dropped\":0,\"bundle\":\"1.5.0\",\"bundleSeq\":41,\"update\":{\"state\":\"downloading\",\"seq\":42,\"pct\":37,\"error\":\"chunk 0/3: bad MAC (try 1 of 3)\"}}", w.ToString());
            s.UpdateState = "idle";
            s.UpdateSeq = 0;
            s.UpdatePercent = 0;
            s.UpdateError = null;
            s.Bundle = "factory";
            s.BundleSeq = 0;
            s.WriteJson(w);
            Assert.EndsWith(",\"bundle\":\"factory\",\"bundleSeq\":0,\"update\":{\"state\":\"idle\",\"pct\":0}}", w.ToString());
        }

        [TestMethod]
        public void WriteJson_RadioNode_ReportsAirtimeScanAndModeSwitches()
        {
            var s = new NodeStatus { State = NodeStatus.Online, FirmwareVersion = "x", ResetReason = "power-on", HasRadio = true, AirtimePercent = 74.06, ScanCoveragePercent = 13.94, ModeSwitchesPerHour = 1440.4 };
            var w = new JsonWriter(256);
            s.WriteJson(w);
            Assert.EndsWith(",\"airtimePct\":74.1,\"scanPct\":13.9,\"modeSwitchesPerHour\":1440}", w.ToString());
        }

        [TestMethod]
        public void OfflinePayload_IsTheLastWill()
        {
            Assert.AreEqual("{\"state\":\"offline\",\"fw\":\"0.1.0\",\"boot\":2}", NodeStatus.OfflinePayload("0.1.0", 2));
        }
    }
}
