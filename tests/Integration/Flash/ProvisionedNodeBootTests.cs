using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// The acceptance: the real firmware (Program.Main on the virtual device) boots on each provisioned
    /// device.json as its config, not on a fallback or in safe mode.
    /// </summary>
    [TestClass]
    public sealed class ProvisionedNodeBootTests
    {
        private static readonly string[] Devices = { "n01", "n02", "n03", "n04" };

        [TestMethod]
        public void ProvisionedConfigs_BootOnTheVirtualDevice_WithoutSafeMode()
        {
            string outDir = NewScratch("boot");
            ProvisionSample(outDir);
            using var listener = new BootLogListener();
            Trace.Listeners.Add(listener);
            try
            {
                foreach (string d in Devices)
                {
                    // Broker override: the sample's broker does not exist here; the boot log shows which config was used.
                    var node = Beacons.Emulator.VirtualStoreNode.Create(Path.Combine(outDir, d, "device.json"), Path.Combine(outDir, "nodes", d), "mqtt://127.0.0.1:1");
                    node.Boot();
                    string line = listener.WaitFor("s001/" + d, TimeSpan.FromSeconds(15));
                    node.Kill();
                    Assert.IsNotNull(line, $"{d}: no boot line");
                    StringAssert.Contains(line, "config from device.json", $"{d} did not boot on its provisioned config: {line}");
                }
            }
            finally
            {
                Trace.Listeners.Remove(listener);
            }
        }

        private sealed class BootLogListener : TraceListener
        {
            private readonly ConcurrentQueue<(string Node, string Line)> _lines = new();

            public override void Write(string message) => WriteLine(message);

            public override void WriteLine(string message)
            {
                if (message != null && message.Contains("config from", StringComparison.Ordinal))
                {
                    _lines.Enqueue((Beacons.VirtualDevice.VirtualNode.CurrentOrNull?.Name, message));
                }
            }

            public string WaitFor(string node, TimeSpan timeout)
            {
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < timeout)
                {
                    (string Node, string Line) hit = _lines.FirstOrDefault(l => l.Node == node);
                    if (hit.Line != null)
                    {
                        return hit.Line;
                    }

                    Thread.Sleep(50);
                }

                return null;
            }
        }
    }
}
