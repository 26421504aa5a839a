using System;
using System.IO;
using System.Linq;
using System.Threading;
using Beacons.Emulator;
using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;
using Beacons.Shared.Common;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>The whole firmware on a virtual node: what its radio puts on air.</summary>
    [TestClass]
    public sealed class BeaconNodeTests
    {
        private static string SampleConfig => Path.Combine(Contract.ContractSchemas.RepoRoot(), "tools", "emulator", "samples", "beacon.json");

        [TestMethod]
        public void Firmware_BroadcastsExactlyTheBuilderBytes_NeverCyclingFasterThanOncePerSecond()
        {
            string storage = Path.Combine(Path.GetTempPath(), "beacon-node-" + Guid.NewGuid().ToString("N"));
            VirtualStoreNode node = VirtualStoreNode.Create(SampleConfig, storage, "mqtt://127.0.0.1:1");
            node.Boot();
            Thread.Sleep(5500);
            VirtualRadio radio = node.Node.Radio;
            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());

            BeaconOptions options = DeviceConfig.Parse(File.ReadAllText(SampleConfig)).Beacon;
            var builders = new BeaconFrameSet(options);
            string[] onAir = radio.DistinctAdvertisingData().Select(f => Hex.Encode(f)).ToArray();
            foreach (FrameKind kind in new[] { FrameKind.IBeacon, FrameKind.EddystoneUid, FrameKind.EddystoneUrl })
            {
                string expected = Hex.Encode(builders.Buffer(kind), 0, builders.Length(kind));
                CollectionAssert.Contains(onAir, expected, FrameKindNames.Name(kind));
            }

            byte[] tlm = onAir.Select(f => Hex.TryDecode(f)).First(f => FrameClassifier.Classify(f, f.Length) == FrameKind.EddystoneTlm);
            uint pduCount = (uint)(tlm[17] << 24 | tlm[18] << 16 | tlm[19] << 8 | tlm[20]);
            uint uptimeDeciS = (uint)(tlm[21] << 24 | tlm[22] << 16 | tlm[23] << 8 | tlm[24]);
            Assert.IsTrue(uptimeDeciS > 0 && uptimeDeciS < 100, "TLM uptime counts from boot: " + uptimeDeciS);
            Assert.IsTrue(pduCount > 0 && pduCount <= uptimeDeciS, $"TLM advertising count {pduCount} after {uptimeDeciS / 10.0} s (NimBLE: < 1 event per 100 ms)");
            Assert.IsTrue(onAir.All(f => f.Length / 2 <= 31));
            Assert.IsTrue(radio.StartCount >= 4, "starts: " + radio.StartCount);
            Assert.AreEqual(0, radio.FastCycleCount, "Stop/Start faster than once per second");
            Assert.AreEqual(0, radio.ConcurrentRoleCount);
        }
    }
}
