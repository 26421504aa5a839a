using System;
using System.Collections.Generic;
using System.Device.Spi;
using System.Threading;
using Beacons.Firmware.Shelf;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.World;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Hx711
{
    /// <summary>The firmware HX711 driver on the virtual device, against the simulated chip.</summary>
    [TestClass]
    public sealed class Hx711ScaleTests
    {
        [TestMethod]
        [DataRow(123456)]
        [DataRow(-4242)]
        [DataRow(0)]
        [DataRow(-1)]
        [DataRow(8388607)]
        [DataRow(-8388608)]
        public void ReadRaw_A128_ReturnsTheInputCountsExactly(int counts)
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = counts }, 80);
            using Hx711Scale scale = rig.Scale(0);

            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int raw));
            Assert.AreEqual(counts, raw);
        }

        [TestMethod]
        [DataRow(9_000_000, 8388607)]
        [DataRow(-9_000_000, -8388608)]
        public void ReadRaw_BeyondFullScale_Saturates(int counts, int expected)
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = counts }, 80);
            using Hx711Scale scale = rig.Scale(0);

            Assert.IsTrue(scale.TryReadRaw(out int raw));
            Assert.AreEqual(expected, raw);
        }

        [TestMethod]
        [DataRow(Hx711Gain.A64, 64, 400_000)]
        [DataRow(Hx711Gain.B32, 32, -77_777)]
        [DataRow(Hx711Gain.A128, 128, 800_000)]
        public void ReadRaw_GainSelected_ReadsThatInputAtThatGain(Hx711Gain gain, int chipGain, int expected)
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput { CountsA128 = 800_000, CountsA64 = 400_000, CountsB32 = -77_777 }, 80);
            using Hx711Scale scale = rig.Scale(0);
            scale.Gain = gain;

            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int first));
            Assert.AreEqual(expected, first);
            Assert.AreEqual(chipGain, chip.Gain);
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int second));
            Assert.AreEqual(expected, second);
        }

        [TestMethod]
        public void ReadRaw_TenSps_ConversionsAreHundredMillisecondsApart()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { Ramp = tMs => (int)tMs }, 10);
            using Hx711Scale scale = rig.Scale(0);

            List<int> instants = ReadMany(scale, 4);
            for (int i = 1; i < instants.Count; i++)
            {
                int gap = instants[i] - instants[i - 1];
                Assert.IsTrue(gap > 0 && gap % 100 == 0, $"gap {gap} ms is not a whole number of 100 ms periods");
            }
        }

        [TestMethod]
        public void ReadRaw_EightySps_ConversionsAreTwelveAndAHalfMillisecondsApart()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { Ramp = tMs => (int)tMs }, 80);
            using Hx711Scale scale = rig.Scale(0);

            List<int> instants = ReadMany(scale, 12);
            bool fasterThanTenSps = false;
            for (int i = 1; i < instants.Count; i++)
            {
                // The input sees whole milliseconds, so an instant is floor(epoch + k * 12.5 ms): within 1 ms of the grid.
                int gap = instants[i] - instants[i - 1];
                double periods = (instants[i] - instants[0]) / 12.5;
                Assert.IsTrue(gap > 0 && Math.Abs(periods - Math.Round(periods)) * 12.5 <= 1.0, $"{instants[i] - instants[0]} ms is not a whole number of 12.5 ms periods");
                fasterThanTenSps |= gap < 100;
            }

            Assert.IsTrue(fasterThanTenSps, "no two conversions closer than 100 ms: the chip is not running at 80 SPS");
        }

        [TestMethod]
        public void ReadRaw_ConversionNotDueWithinTimeout_NotReadyWithoutBlocking()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = 5 }, 10);
            using Hx711Scale scale = rig.Scale(0);
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out _));

            // The next conversion is ~100 ms away.
            scale.ReadyTimeoutMs = 10;
            Assert.AreEqual(Hx711ReadStatus.NotReady, scale.ReadRaw(out int raw));
            Assert.AreEqual(0, raw);
            Assert.AreEqual(Hx711ReadStatus.NotReady, scale.LastStatus);
        }

        [TestMethod]
        public void ReadRaw_DoutNeverLow_NotReadyThenSensorMissing()
        {
            using var rig = new Hx711TestRig();
            var input = new ScriptedInput { CountsA128 = 5 };
            rig.Plug(0, input, 80);
            using Hx711Scale scale = rig.Scale(0);
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out _));
            input.Connected = false;
            scale.ReadyTimeoutMs = 100;

            Assert.AreEqual(Hx711ReadStatus.NotReady, scale.ReadRaw(out _));
            Hx711ReadStatus status = Hx711ReadStatus.NotReady;
            for (int i = 0; i < 30 && status == Hx711ReadStatus.NotReady; i++)
            {
                status = scale.ReadRaw(out _);
            }

            Assert.AreEqual(Hx711ReadStatus.SensorMissing, status);
        }

        [TestMethod]
        public void ReadRaw_Unplugged_SensorMissing_ThenReadsAgainWhenReplugged()
        {
            using var rig = new Hx711TestRig();
            var input = new ScriptedInput { CountsA128 = 31337, Connected = false };
            Hx711Chip chip = rig.Plug(0, input, 80);
            using Hx711Scale scale = rig.Scale(0);

            Assert.IsTrue(rig.Node.Board.ReadInput(Hx711TestRig.Dout[0], System.Device.Gpio.PinMode.Input), "a floating DOUT must read high on its pull-up");
            Assert.AreEqual(Hx711ReadStatus.SensorMissing, scale.ReadRaw(out _));

            input.Connected = true;
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int raw));
            Assert.AreEqual(31337, raw);
        }

        [TestMethod]
        public void PowerDown_HoldsPdSckHigh_ChipSleepsAndReadsReportIt()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput { CountsA128 = 1000, CountsA64 = 500 }, 80);
            using Hx711Scale scale = rig.Scale(0);
            scale.Gain = Hx711Gain.A64;
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out _));
            int powerDowns = chip.PowerDowns;

            scale.PowerDown();
            Thread.Sleep(5);

            Assert.IsTrue(chip.IsPoweredDown);
            Assert.AreEqual(powerDowns + 1, chip.PowerDowns);
            Assert.IsTrue(scale.IsPoweredDown);
            Assert.AreEqual(Hx711ReadStatus.PoweredDown, scale.ReadRaw(out _));
            Assert.IsTrue(rig.Node.Board.ReadInput(Hx711TestRig.Dout[0], System.Device.Gpio.PinMode.Input), "DOUT stays high in power-down");
        }

        [TestMethod]
        public void PowerUp_AfterPowerDown_ChipResetsToA128_DriverRestoresItsGain()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip = rig.Plug(0, new ScriptedInput { CountsA128 = 1000, CountsA64 = 500 }, 80);
            using Hx711Scale scale = rig.Scale(0);
            scale.Gain = Hx711Gain.A64;
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out _));
            Assert.AreEqual(64, chip.Gain);
            scale.PowerDown();
            int resets = chip.Resets;

            scale.PowerUp();

            Assert.IsFalse(chip.IsPoweredDown);
            Assert.AreEqual(resets + 1, chip.Resets);
            Assert.AreEqual(128, chip.Gain);
            Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int raw));
            Assert.AreEqual(500, raw);
            Assert.AreEqual(64, chip.Gain);
        }

        [TestMethod]
        public void TwoLanes_OnTwoBuses_ReadTheirOwnChipsConcurrently()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip1 = rig.Plug(0, new ScriptedInput { CountsA128 = 111_111 }, 80);
            Hx711Chip chip2 = rig.Plug(1, new ScriptedInput { CountsA128 = -222_222 }, 10);
            using Hx711Scale lane1 = rig.Scale(0);
            using Hx711Scale lane2 = rig.Scale(1);

            var results = new int[2][];
            var threads = new Thread[2];
            Hx711Scale[] scales = { lane1, lane2 };
            for (int lane = 0; lane < 2; lane++)
            {
                int l = lane;
                results[l] = new int[3];
                threads[l] = new Thread(() =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        Assert.AreEqual(Hx711ReadStatus.Ok, scales[l].ReadRaw(out results[l][i]));
                    }
                });
                threads[l].Start();
            }

            foreach (Thread t in threads)
            {
                Assert.IsTrue(t.Join(TimeSpan.FromSeconds(10)));
            }

            CollectionAssert.AreEqual(new[] { 111_111, 111_111, 111_111 }, results[0]);
            CollectionAssert.AreEqual(new[] { -222_222, -222_222, -222_222 }, results[1]);
            Assert.AreEqual(3, chip1.ReadsCompleted);
            Assert.AreEqual(3, chip2.ReadsCompleted);
        }

        [TestMethod]
        public void SharedBus_TwoLanesReMuxed_EachReadsItsChip_NeitherIsReset()
        {
            using var rig = new Hx711TestRig();
            Hx711Chip chip1 = rig.Plug(0, new ScriptedInput { CountsA128 = 4_444 }, 80);
            Hx711Chip chip3 = rig.Plug(2, new ScriptedInput { CountsA128 = -5_555 }, 80);
            using var bus = new Hx711SharedBus(1, Hx711TestRig.Sck[0]);
            int a = bus.AddLane(Hx711TestRig.Dout[0], Hx711TestRig.PdSck[0]);
            int b = bus.AddLane(Hx711TestRig.Dout[2], Hx711TestRig.PdSck[2]);
            using var lane1 = new Hx711Scale(bus.Select(a), shouldDispose: false);
            using var lane3 = new Hx711Scale(bus.Select(b), shouldDispose: false);
            int resets1 = chip1.Resets;
            int resets3 = chip3.Resets;

            for (int i = 0; i < 3; i++)
            {
                lane1.Bind(bus.Select(a));
                Assert.AreEqual(Hx711ReadStatus.Ok, lane1.ReadRaw(out int r1));
                Assert.AreEqual(4_444, r1);
                lane3.Bind(bus.Select(b));
                Assert.AreEqual(Hx711ReadStatus.Ok, lane3.ReadRaw(out int r3));
                Assert.AreEqual(-5_555, r3);
            }

            Assert.AreEqual(resets1, chip1.Resets, "the released PD_SCK must rest low (pull-down), not power the chip down");
            Assert.AreEqual(resets3, chip3.Resets);
        }

        [TestMethod]
        public void ReadRaw_AllocatesNothingPerRead()
        {
            using var rig = new Hx711TestRig();
            rig.Plug(0, new ScriptedInput { CountsA128 = 7 }, 80);
            using Hx711Scale scale = rig.Scale(0);
            scale.ReadRaw(out _);

            // The driver's own buffers are reused; this counts the host mirror too, which also reuses its buffers.
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out _));
            }

            Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static List<int> ReadMany(Hx711Scale scale, int count)
        {
            var values = new List<int>();
            for (int i = 0; i < count; i++)
            {
                Assert.AreEqual(Hx711ReadStatus.Ok, scale.ReadRaw(out int raw));
                values.Add(raw);
            }

            return values;
        }
    }
}
