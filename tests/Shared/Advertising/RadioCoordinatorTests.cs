using Beacons.Shared.Advertising;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class RadioCoordinatorTests
    {
        private static BeaconOptions Options(bool tlm)
        {
            var o = new BeaconOptions();
            o.IBeacon = new IBeaconOptions { Uuid = GoldenFrames.SampleUuid, Major = 1, Minor = 2, MeasuredPowerDbm = -59 };
            o.Eddystone = new EddystoneOptions { NamespaceHex = "00112233445566778899", InstanceHex = "aabbccddeeff", Tlm = tlm };
            o.Schedule = new AdvertisingScheduleOptions { SlotMs = 1000, ScanWindowMs = 2000, ScanPeriodMs = 6000 };
            o.Validate();
            return o;
        }

        private static void Run(RadioCoordinator radio, FakeRadio fake, long untilMs, int stepMs)
        {
            for (long t = 0; t <= untilMs; t += stepMs)
            {
                fake.NowMs = t;
                radio.Tick(t, 1795000000 + t / 1000, t, 3000, 21.5);
            }
        }

        [TestMethod]
        public void Tick_InterleavesFramesAndScanWindows_NeverBoth_NeverFasterThan1s()
        {
            BeaconOptions o = Options(true);
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(AdvertisingSchedule.FromOptions(o, true, 0), new BeaconFrameSet(o), fake, fake, 0, 0);
            Run(radio, fake, 60000, 20);
            Assert.IsFalse(fake.Overlapped);
            Assert.IsTrue(fake.ScanWindows >= 9, "scan windows: " + fake.ScanWindows);
            for (int i = 1; i < fake.Starts.Count; i++)
            {
                long gap = (long)fake.Starts[i] - (long)fake.Starts[i - 1];
                Assert.IsTrue(gap >= RadioCoordinator.MinRestartMs, "restart after " + gap + " ms");
            }

            Assert.IsTrue(radio.AdvertisingStarts > 20);
        }

        [TestMethod]
        public void Tick_SingleFrameNoScan_StartsOnce()
        {
            var o = new BeaconOptions();
            o.IBeacon = new IBeaconOptions { Uuid = GoldenFrames.SampleUuid, Major = 1, Minor = 2, MeasuredPowerDbm = -59 };
            o.Validate();
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(AdvertisingSchedule.FromOptions(o, false, 0), new BeaconFrameSet(o), fake, null, 0, 0);
            Run(radio, fake, 30000, 20);
            Assert.AreEqual(1, fake.Starts.Count);
            Assert.AreEqual(0, fake.ScanWindows);
        }

        [TestMethod]
        public void Tick_RefusedStart_CountedAndRetriedNextSlot()
        {
            BeaconOptions o = Options(false);
            var fake = new FakeRadio { RefuseStarts = true };
            var radio = new RadioCoordinator(AdvertisingSchedule.FromOptions(o, false, 0), new BeaconFrameSet(o), fake, null, 0, 0);
            Run(radio, fake, 5000, 20);
            Assert.IsTrue(radio.StartFailures >= 4);
            fake.RefuseStarts = false;
            fake.NowMs = 6000;
            radio.Tick(6000, 0, 6000, 0, 0);
            Assert.IsTrue(radio.AdvertisingStarts >= 1);
        }

        [TestMethod]
        public void Tick_ScanOnlyNode_FreshSessionEveryPeriod()
        {
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(null, null, fake, fake, 1500, 3000);
            Run(radio, fake, 29990, 10);
            Assert.AreEqual(10, fake.ScanWindows);
            Assert.AreEqual(0, fake.Starts.Count);
        }
        [TestMethod]
        public void Tick_BeaconSlots_StayInServerMode_SwitchOnlyAroundScanWindows()
        {
            // No scan windows: frames rotate every 1 s slot, yet the stack enters server mode once and never leaves.
            BeaconOptions o = Options(false);
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(AdvertisingSchedule.FromOptions(o, false, 0), new BeaconFrameSet(o), fake, null, 0, 0);
            Run(radio, fake, 60000, 20);

            Assert.IsTrue(fake.Starts.Count >= 50, "frames rotated: " + fake.Starts.Count);
            Assert.AreEqual(1, fake.ModeSwitches);
            Assert.AreEqual(1L, radio.ModeSwitches);
            Assert.IsTrue(radio.AirtimePercent > 95, "airtime " + radio.AirtimePercent.ToString("F1"));
        }

        [TestMethod]
        public void Tick_BeaconAndScanner_FourSwitchesPerScanPeriod_FiguresAddUp()
        {
            BeaconOptions o = Options(true);
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(AdvertisingSchedule.FromOptions(o, true, 0), new BeaconFrameSet(o), fake, fake, 0, 0);
            Run(radio, fake, 600000, 20);

            Assert.AreEqual(0, fake.ModeConflicts, "scanned while still in server mode, or advertised in client mode");
            Assert.AreEqual((long)fake.ModeSwitches, radio.ModeSwitches);

            // Per 6 s scan period: into client, out of client, into server, out of server.
            double perPeriod = radio.ModeSwitches / (600000.0 / 6000);
            Assert.IsTrue(perPeriod > 3.8 && perPeriod <= 4.05, "switches per period " + perPeriod.ToString("F2"));
            Assert.IsTrue(radio.ModeSwitchesPerHour > 2300 && radio.ModeSwitchesPerHour < 2450, radio.ModeSwitchesPerHour.ToString("F0"));
            double scan = radio.ScanCoveragePercent;
            double air = radio.AirtimePercent;
            Assert.IsTrue(scan > 30 && scan < 36, "scan coverage " + scan.ToString("F1"));
            Assert.IsTrue(air + scan <= 100.01 && air > 60, "airtime " + air.ToString("F1") + " + scan " + scan.ToString("F1"));
        }

        [TestMethod]
        public void Tick_ScanOnlyNode_StaysInClientMode()
        {
            var fake = new FakeRadio();
            var radio = new RadioCoordinator(null, null, fake, fake, 1500, 3000);
            Run(radio, fake, 29990, 10);

            Assert.AreEqual(1, fake.ModeSwitches);
            Assert.IsTrue(radio.ScanCoveragePercent > 48 && radio.ScanCoveragePercent < 52, radio.ScanCoveragePercent.ToString("F1"));
        }
    }
}
