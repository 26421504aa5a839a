using System;
using System.Diagnostics;
using System.IO;
using Beacons.Emulator;
using Beacons.Tests.Integration.Infrastructure;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Firmware
{
    /// <summary>
    /// A beacon + scanner + shelf node changes BLE mode around every scan window, and each change blocks its caller for
    /// a NimBLE deinit + init + host sync (the virtual radio charges <see cref="VirtualRadio.StackStartCostMs"/>). The
    /// HX711 must not be that caller: its reads keep their period while the radio switches.
    /// </summary>
    [TestClass]
    public sealed class RadioLoopTests
    {
        private const int RunMs = 16_000;

        [TestMethod]
        [Timeout(90_000)]
        public void ModeSwitches_DoNotStallHx711Sampling()
        {
            using MosquittoBroker broker = MosquittoBroker.Start();
            var cell = new LoadCellModel(new LoadCellParameters(), new LoadCellScenario(355, 10), 5);
            VirtualStoreNode node = ProvisionedNode.Create("radio-loop-", $$"""
                {"schema":1,"store":"s001","device":"rl1","mqtt":{"broker":"mqtt://127.0.0.1:{{broker.Port}}","keepAliveS":10},
                 "beacon":{"ibeacon":{"uuid":"E2C56DB5-DFFB-48D2-B060-D0F5A71096E0","major":1,"minor":1,"measuredPower":-59},
                           "eddystone":{"namespace":"f7826da6bc5b71e0893e","instance":"000000000001","url":"https://example.com/s001","txPowerAt0m":-18},
                           "schedule":{"slotMs":1000,"scanWindowMs":2000,"scanPeriodMs":4000} },
                 "proximity":{"zones":[{"name":"shelf","maxMeters":1.5}]},
                 "lanes":[{"id":"A1","doutPin":19,"pdSckPin":23,"spiBus":1,"unitGrams":355,"lowItems":3,"emptyItems":0,
                           {{ProvisionedNode.Calibration(cell)}}}]}
                """, null);
            var chip = new Hx711Chip(cell, 10);
            chip.AttachTo(node.Node.Board, 19, 23);

            node.Boot();
            var clock = Stopwatch.StartNew();
            while (chip.ReadsCompleted == 0 && clock.ElapsedMilliseconds < 10_000)
            {
                System.Threading.Thread.Sleep(20);
            }

            Assert.IsTrue(chip.ReadsCompleted > 0, "the HX711 is never read");
            chip.ResetReadGaps();
            long startsBefore = node.Node.Radio.StackStartCount;
            System.Threading.Thread.Sleep(RunMs);

            double periodUs = chip.ConversionPeriodUs;
            double gapUs = chip.LongestReadGapUs;
            long starts = node.Node.Radio.StackStartCount - startsBefore;
            int reads = chip.ReadsCompleted;
            node.Kill();
            Assert.IsNull(node.Node.LastCrash, node.Node.LastCrash?.ToString());
            string figures = $"largest HX711 sampling gap {gapUs / 1000:F0} ms (period {periodUs / 1000:F0} ms), {reads} reads, " +
                $"{starts} NimBLE stack starts at {VirtualRadio.StackStartCostMs} ms in {RunMs / 1000} s";
            Console.WriteLine(figures);

            // 2 s windows every 4 s: two mode changes per period, so a stall would be seen several times over.
            Assert.IsTrue(starts >= 4, "the radio did not switch modes: " + figures);
            Assert.IsTrue(gapUs <= 2 * periodUs, figures);
        }
    }
}
