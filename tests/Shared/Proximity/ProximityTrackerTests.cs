using System.Collections;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class ProximityTrackerTests
    {
        private const string Secret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        private static readonly byte[] Consent1 = { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x01, 1, 2, 3, 4, 5, 6, 7, 8 };
        private static readonly byte[] Consent3 = { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 1, 2, 3, 4, 5, 6, 7, 8 };
        private static readonly byte[] Plain = { 0x02, 0x01, 0x1A, 0x02, 0x0A, 0x08 };
        private static readonly byte[] IBeacon =
        {
            0x02, 0x01, 0x06, 0x1A, 0xFF, 0x4C, 0x00, 0x02, 0x15,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 1, 0, 2, 0xC5,
        };

        private sealed class Sink : IProximityListener
        {
            public readonly ArrayList Payloads = new ArrayList();

            public void OnProximityPayload(string payload)
            {
                Payloads.Add(payload);
            }

            public string Get(int i)
            {
                return (string)Payloads[i];
            }
        }

        private static ProximityTracker Tracker(bool consented, int k, Sink sink)
        {
            var o = new ProximityOptions();
            o.DwellIntervalS = 10;
            o.SessionTimeoutS = 10;
            o.BucketS = 60;
            o.MaxSessions = 4;
            var p = new PrivacyOptions();
            p.KAnonymity = k;
            if (consented)
            {
                p.Identifiers = IdentifierMode.Consented;
                p.StoreSecretHex = Secret;
            }

            return new ProximityTracker(o, p, new byte[16], sink);
        }

        /// <summary>One advertisement per 1-s window from <paramref name="fromS"/> to <paramref name="toS"/> (exclusive).</summary>
        private static void Present(ProximityTracker t, long address, byte[] ad, int rssi, int fromS, int toS)
        {
            for (int s = fromS; s < toS; s++)
            {
                long ms = s * 1000L;
                t.Tick(ms, ms);
                t.BeginWindow(ms);
                t.OnAdvertisement(address, 1, rssi, ad, 0, ad.Length, ms + 100, ms + 100);
            }
        }

        private static void Idle(ProximityTracker t, int fromS, int toS)
        {
            for (int s = fromS; s < toS; s++)
            {
                t.Tick(s * 1000L, s * 1000L);
                t.BeginWindow(s * 1000L);
            }
        }

        [TestMethod]
        public void ConsentingPhone_EnterDwellExit_WithIdOnly()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            Present(t, 0xA1, Consent1, -60, 0, 25);
            Idle(t, 25, 70);
            Assert.AreEqual("{\"type\":\"enter\",\"zone\":\"near\",\"seq\":1,\"ts\":\"1970-01-01T00:00:01.100Z\",\"id\":\"" + IdFor(1100) + "\"}", sink.Get(0));
            Assert.IsTrue(sink.Get(1).StartsWith("{\"type\":\"dwell\",\"zone\":\"near\",\"seq\":2"), sink.Get(1));
            Assert.IsTrue(sink.Get(1).IndexOf("\"dwellS\":10") > 0, sink.Get(1));
            Assert.IsTrue(sink.Get(2).StartsWith("{\"type\":\"dwell\""), sink.Get(2));
            string exit = sink.Get(3);
            Assert.IsTrue(exit.StartsWith("{\"type\":\"exit\",\"zone\":\"near\",\"seq\":4"), exit);
            Assert.IsTrue(exit.IndexOf("\"dwellS\":23") > 0, "dwell from enter to the last time heard: " + exit);
            Assert.IsFalse(exit.IndexOf("pid") >= 0);
            Assert.AreEqual(4, sink.Payloads.Count, "one visit (k=2 keeps its aggregate back)");
            Assert.AreEqual(1L, t.SuppressedBuckets);
        }

        [TestMethod]
        public void WaitForWallClock_NothingEmittedUntilTheClockIsSet()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            t.WaitForWallClock = true;
            Present(t, 0xA1, Consent1, -60, 0, 25);
            Idle(t, 25, 70);

            Assert.AreEqual(0, sink.Payloads.Count, "1970 timestamps and epochs must not leave the node");
            Assert.IsTrue(t.ClockUnsetSkips > 0);

            // SNTP has set the clock: the same phone is tracked and reported with a real timestamp.
            const long Set = 1795000000000L;
            for (int s = 0; s < 3; s++)
            {
                t.Tick(100000 + s * 1000L, Set + s * 1000L);
                t.BeginWindow(100000 + s * 1000L);
                t.OnAdvertisement(0xA1, 1, -60, Consent1, 0, Consent1.Length, 100100 + s * 1000L, Set + 100 + s * 1000L);
            }

            Assert.IsTrue(sink.Payloads.Count >= 1, "enter after the clock is set");
            Assert.IsTrue(sink.Get(0).IndexOf("\"ts\":\"2026-") > 0, sink.Get(0));
        }

        [TestMethod]
        public void PersonalizationBit_AddsPid()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            Present(t, 0xA1, Consent3, -60, 0, 3);
            Assert.IsTrue(sink.Get(0).IndexOf("\"pid\":\"" + new PseudonymGenerator(Beacons.Shared.Common.Hex.TryDecode(Secret), 24).PidHex(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 0) + "\"") > 0, sink.Get(0));
        }

        [TestMethod]
        public void PolicyNone_ConsentingPhone_OnlyCounted()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(false, 2, sink);
            Present(t, 0xA1, Consent3, -60, 0, 20);
            Present(t, 0xB2, Plain, -60, 0, 20);
            Idle(t, 20, 70);
            Assert.AreEqual(1, sink.Payloads.Count);
            Assert.IsTrue(sink.Get(0).StartsWith("{\"type\":\"aggregate\",\"zone\":\"near\",\"seq\":1,\"ts\":\"1970-01-01T00:01:00Z\""), sink.Get(0));
            Assert.IsTrue(sink.Get(0).IndexOf("\"count\":2,\"hist\":[0,2,0,0,0,0]") > 0, sink.Get(0));
            Assert.IsTrue(sink.Get(0).IndexOf("\"bucket\":\"1970-01-01T00:00:00Z\"") > 0, sink.Get(0));
        }

        [TestMethod]
        public void KAnonymity_BucketBelowK_NotPublished()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(false, 3, sink);
            Present(t, 0xA1, Plain, -60, 0, 15);
            Present(t, 0xB2, Plain, -60, 0, 15);
            Idle(t, 15, 70);
            Assert.AreEqual(0, sink.Payloads.Count);
            Assert.AreEqual(1L, t.SuppressedBuckets);
        }

        [TestMethod]
        public void KAnonymity_SamePhoneTwice_CountsOnce()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(false, 2, sink);
            Present(t, 0xA1, Plain, -60, 0, 5);
            Idle(t, 5, 20);
            Present(t, 0xA1, Plain, -60, 20, 25);
            Idle(t, 25, 70);
            Assert.AreEqual(0, sink.Payloads.Count, "two visits by one phone are one visitor, below k=2");
        }

        [TestMethod]
        public void FixedBeacons_Ignored()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(false, 2, sink);
            Present(t, 0xA1, IBeacon, -60, 0, 5);
            Assert.AreEqual(5L, t.Beacons);
            Assert.AreEqual(0, t.ActiveSessions);
        }

        [TestMethod]
        public void SecondReportInWindow_IsDuplicate()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(false, 2, sink);
            t.BeginWindow(0);
            t.OnAdvertisement(0xA1, 1, -60, Plain, 0, Plain.Length, 10, 10);
            t.OnAdvertisement(0xA1, 1, -40, Plain, 0, Plain.Length, 20, 20);
            Assert.AreEqual(1L, t.Duplicates);
        }

        [TestMethod]
        public void SessionTable_Full_EvictsLeastRecentlyHeard()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            Present(t, 0x01, Consent1, -60, 0, 3);
            for (long a = 2; a <= 6; a++)
            {
                Present(t, a, Plain, -60, (int)a * 3, (int)a * 3 + 3);
            }

            Assert.AreEqual(4, t.ActiveSessions);
            bool exit = false;
            for (int i = 0; i < sink.Payloads.Count; i++)
            {
                exit |= sink.Get(i).StartsWith("{\"type\":\"exit\"");
            }

            Assert.IsTrue(exit, "the evicted consenting phone's visit ends with an exit");
        }

        [TestMethod]
        public void ZoneChange_ExitThenEnter()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            Present(t, 0xA1, Consent1, -60, 0, 6);
            Present(t, 0xA1, Consent1, -45, 6, 14);
            Assert.IsTrue(sink.Get(0).StartsWith("{\"type\":\"enter\",\"zone\":\"near\""), sink.Get(0));
            Assert.IsTrue(sink.Get(1).StartsWith("{\"type\":\"exit\",\"zone\":\"near\""), sink.Get(1));
            Assert.IsTrue(sink.Get(2).StartsWith("{\"type\":\"enter\",\"zone\":\"immediate\""), sink.Get(2));
        }

        [TestMethod]
        public void SetPolicy_ToNone_StopsEvents()
        {
            var sink = new Sink();
            ProximityTracker t = Tracker(true, 2, sink);
            Present(t, 0xA1, Consent1, -60, 0, 3);
            int before = sink.Payloads.Count;
            t.SetPolicy(new PrivacyOptions());
            Present(t, 0xA1, Consent1, -60, 3, 30);
            Idle(t, 30, 50);
            Assert.AreEqual(before, sink.Payloads.Count);
        }

        private static string IdFor(long unixMs)
        {
            return new PseudonymGenerator(Beacons.Shared.Common.Hex.TryDecode(Secret), 24).IdHex(unixMs / 1000, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 0);
        }
    }
}
