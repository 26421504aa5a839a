using System;
using Beacons.Shared.Advertising;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class AdvertisingScheduleTests
    {
        private static readonly FrameKind[] ThreeFrames = { FrameKind.IBeacon, FrameKind.EddystoneUid, FrameKind.EddystoneTlm };

        private static void AssertAt(AdvertisingSchedule s, long nowMs, FrameKind frame, bool scan, long nextSwitchMs)
        {
            s.Evaluate(nowMs);
            Assert.AreEqual(FrameKindNames.Name(frame), FrameKindNames.Name(s.CurrentFrame), "frame at " + nowMs);
            Assert.AreEqual(scan, s.IsScanWindow, "scan at " + nowMs);
            Assert.AreEqual(nextSwitchMs, s.NextSwitchMs, "next switch at " + nowMs);
        }

        [TestMethod]
        public void Evaluate_NoScanning_SlotsFollowOrderAndWrap()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 2000, false, 0, 0, 10000);
            AssertAt(s, 10000, FrameKind.IBeacon, false, 12000);
            AssertAt(s, 11999, FrameKind.IBeacon, false, 12000);
            AssertAt(s, 12000, FrameKind.EddystoneUid, false, 14000);
            AssertAt(s, 15000, FrameKind.EddystoneTlm, false, 16000);
            AssertAt(s, 16000, FrameKind.IBeacon, false, 18000);
            Assert.AreEqual(3L, s.StepNumber);
        }

        [TestMethod]
        public void Evaluate_BeforeStart_IdleUntilStart()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 2000, false, 0, 0, 10000);
            AssertAt(s, 5000, FrameKind.None, false, 10000);
            Assert.AreEqual(-1L, s.StepNumber);
        }

        [TestMethod]
        public void Evaluate_WithScanning_WindowAfterWholeSlotsAndOrderCarriesOn()
        {
            // slot 1000, window 2000, period 5000: three slots then the window.
            var s = new AdvertisingSchedule(new FrameKind[] { FrameKind.IBeacon, FrameKind.EddystoneUid }, 1000, true, 2000, 5000, 0);
            Assert.AreEqual(3, s.SlotsPerScanPeriod);
            AssertAt(s, 0, FrameKind.IBeacon, false, 1000);
            AssertAt(s, 1000, FrameKind.EddystoneUid, false, 2000);
            AssertAt(s, 2000, FrameKind.IBeacon, false, 3000);
            AssertAt(s, 3000, FrameKind.None, true, 5000);
            AssertAt(s, 4999, FrameKind.None, true, 5000);
            AssertAt(s, 5000, FrameKind.EddystoneUid, false, 6000);
            AssertAt(s, 6000, FrameKind.IBeacon, false, 7000);
            Assert.AreEqual(5L, s.StepNumber);
        }

        [TestMethod]
        public void Constructor_ScanPeriodNotWholeSlots_RoundedDown()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 2000, true, 2000, 7000, 0);
            Assert.AreEqual(2, s.SlotsPerScanPeriod);
            Assert.AreEqual(6000L, s.EffectiveScanPeriodMs);
        }

        [TestMethod]
        public void Evaluate_EveryStep_AtLeastOneSecond()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 1000, true, 1000, 2000, 0);
            long t = 0;
            for (int i = 0; i < 50; i++)
            {
                s.Evaluate(t);
                Assert.IsTrue(s.NextSwitchMs - s.StepStartMs >= 1000, "step " + i);
                Assert.IsTrue(s.NextSwitchMs > t);
                t = s.NextSwitchMs;
            }
        }

        [TestMethod]
        [DataRow(999, 2000, 10000)]
        [DataRow(1000, 999, 10000)]
        [DataRow(2000, 2000, 3999)]
        public void Constructor_BelowMinimum_Throws(int slotMs, int windowMs, int periodMs)
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new AdvertisingSchedule(ThreeFrames, slotMs, true, windowMs, periodMs, 0));
        }

        [TestMethod]
        public void AirtimePercent_RepeatedFrameNoScanning_ProportionalToEntries()
        {
            var s = new AdvertisingSchedule(new FrameKind[] { FrameKind.IBeacon, FrameKind.IBeacon, FrameKind.EddystoneTlm }, 1000, false, 0, 0, 0);
            Assert.AreEqual(6667, (int)Math.Round(s.AirtimePercent(FrameKind.IBeacon) * 100));
            Assert.AreEqual(3333, (int)Math.Round(s.AirtimePercent(FrameKind.EddystoneTlm) * 100));
            Assert.AreEqual(0.0, s.AirtimePercent(FrameKind.EddystoneUid));
            Assert.AreEqual(0.0, s.ScanPercent);
        }

        [TestMethod]
        public void AirtimePercent_WithScanning_SharesAddUpTo100()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 1000, true, 2000, 5000, 0);
            Assert.AreEqual(40.0, s.ScanPercent);
            Assert.AreEqual(20.0, s.AirtimePercent(FrameKind.IBeacon));
            double sum = s.ScanPercent + s.AirtimePercent(FrameKind.IBeacon) + s.AirtimePercent(FrameKind.EddystoneUid)
                + s.AirtimePercent(FrameKind.EddystoneTlm);
            Assert.AreEqual(100.0, sum);
        }

        [TestMethod]
        public void LongestGapMs_ThreeFramesWithScanWindow_CountsTheWindow()
        {
            // slots of 1000 ms, 3 per period, then a 2000 ms window: IB UID TLM | scan | IB UID TLM | scan
            var s = new AdvertisingSchedule(ThreeFrames, 1000, true, 2000, 5000, 0);
            Assert.AreEqual(4000L, s.LongestGapMs(FrameKind.IBeacon));
            Assert.AreEqual(-1L, new AdvertisingSchedule(new FrameKind[0], 1000, false, 0, 0, 0).LongestGapMs(FrameKind.IBeacon));
        }

        [TestMethod]
        public void AirtimeTable_DocsBeaconsMdRows_MatchSchedule()
        {
            // The rows of the airtime table in docs/beacons.md §2 (2 s slots, 2 s scan window).
            FrameKind[] four = { FrameKind.IBeacon, FrameKind.EddystoneUid, FrameKind.EddystoneUrl, FrameKind.EddystoneTlm };
            var noScan = new AdvertisingSchedule(four, 2000, false, 0, 0, 0);
            Assert.AreEqual(25.0, noScan.AirtimePercent(FrameKind.IBeacon));
            Assert.AreEqual(6000L, noScan.LongestGapMs(FrameKind.IBeacon));
            var scan = new AdvertisingSchedule(four, 2000, true, 2000, 10000, 0);
            Assert.AreEqual(20.0, scan.AirtimePercent(FrameKind.EddystoneTlm));
            Assert.AreEqual(8000L, scan.LongestGapMs(FrameKind.IBeacon));
            var single = new AdvertisingSchedule(new FrameKind[] { FrameKind.IBeacon }, 2000, true, 2000, 10000, 0);
            Assert.AreEqual(80.0, single.AirtimePercent(FrameKind.IBeacon));
            Assert.AreEqual(2000L, single.LongestGapMs(FrameKind.IBeacon));
            Assert.AreEqual(0L, new AdvertisingSchedule(new FrameKind[] { FrameKind.IBeacon }, 2000, false, 0, 0, 0).LongestGapMs(FrameKind.IBeacon));
            FrameKind[] weighted =
            {
                FrameKind.IBeacon, FrameKind.EddystoneUid, FrameKind.IBeacon, FrameKind.EddystoneUrl, FrameKind.IBeacon, FrameKind.EddystoneTlm,
            };
            var w = new AdvertisingSchedule(weighted, 2000, true, 2000, 14000, 0);
            Assert.AreEqual(429, (int)Math.Round(w.AirtimePercent(FrameKind.IBeacon) * 10));
            Assert.AreEqual(143, (int)Math.Round(w.AirtimePercent(FrameKind.EddystoneUid) * 10));
            Assert.AreEqual(143, (int)Math.Round(w.ScanPercent * 10));
            Assert.AreEqual(4000L, w.LongestGapMs(FrameKind.IBeacon));
        }

        [TestMethod]
        public void Evaluate_NoFramesWithScanning_ScansForever()
        {
            var s = new AdvertisingSchedule(new FrameKind[0], 1000, true, 2000, 5000, 0);
            AssertAt(s, 123456, FrameKind.None, true, long.MaxValue);
            Assert.AreEqual(100.0, s.ScanPercent);
        }

        [TestMethod]
        public void EventsPerSlot_OneSecond_SixToEleven()
        {
            int min;
            int max;
            AdvertisingSchedule.EventsPerSlot(1000, out min, out max);
            Assert.AreEqual(6, min);
            Assert.AreEqual(11, max);
        }

        [TestMethod]
        public void EstimatedAdvertisingEvents_ExcludesScanWindows()
        {
            var s = new AdvertisingSchedule(ThreeFrames, 1000, true, 2000, 5000, 0);
            // 10 periods of 3000 ms advertising = 30000 ms / 130 ms
            Assert.AreEqual((uint)230, s.EstimatedAdvertisingEvents(50000));
            Assert.AreEqual((uint)0, s.EstimatedAdvertisingEvents(-5));
        }

        [TestMethod]
        public void FromOptions_DefaultSchedule_TwoSecondSlotsAndTenSecondScanPeriod()
        {
            AdvertisingSchedule s = AdvertisingSchedule.FromOptions(BeaconOptionsTests.Full(), true, 0);
            Assert.AreEqual(2000, s.SlotMs);
            Assert.AreEqual(4, s.SlotsPerScanPeriod);
            Assert.AreEqual(10000L, s.EffectiveScanPeriodMs);
            Assert.AreEqual(5, s.OrderLength);
            Assert.AreEqual(20.0, s.ScanPercent);
            Assert.AreEqual(16.0, s.AirtimePercent(FrameKind.IBeacon));
        }
    }
}
