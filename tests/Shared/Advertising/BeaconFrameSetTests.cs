using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class BeaconFrameSetTests
    {
        [TestMethod]
        public void Constructor_FullConfig_EveryFrameBuiltAndAtMost31Bytes()
        {
            var set = new BeaconFrameSet(BeaconOptionsTests.Full());
            FrameKind[] kinds = { FrameKind.IBeacon, FrameKind.AltBeacon, FrameKind.EddystoneUid, FrameKind.EddystoneUrl, FrameKind.EddystoneTlm };
            for (int i = 0; i < kinds.Length; i++)
            {
                Assert.IsTrue(set.IsConfigured(kinds[i]));
                int n = set.Length(kinds[i]);
                Assert.IsTrue(n > 0 && n <= 31, FrameKindNames.Name(kinds[i]));
                Assert.AreEqual((int)kinds[i], (int)FrameClassifier.Classify(set.Buffer(kinds[i]), n));
            }

            Assert.IsFalse(set.IsConfigured(FrameKind.EddystoneEid));
            Assert.IsNull(set.Buffer(FrameKind.EddystoneEid));
            Assert.AreEqual(GoldenFrames.UidSpecNamespace, Hex.Encode(set.Buffer(FrameKind.EddystoneUid), 0, set.Length(FrameKind.EddystoneUid)));
            Assert.AreEqual(GoldenFrames.UrlSpecExample.Substring(0, 24) + "ee" + GoldenFrames.UrlSpecExample.Substring(26),
                Hex.Encode(set.Buffer(FrameKind.EddystoneUrl), 0, set.Length(FrameKind.EddystoneUrl)));
        }

        [TestMethod]
        public void Constructor_IBeaconSample_GoldenBytes()
        {
            var o = new BeaconOptions();
            o.IBeacon = new IBeaconOptions { Uuid = GoldenFrames.SampleUuid, Major = 0, Minor = 1, MeasuredPowerDbm = -59 };
            var set = new BeaconFrameSet(o);
            Assert.AreEqual(GoldenFrames.IBeaconSample, Hex.Encode(set.Buffer(FrameKind.IBeacon), 0, set.Length(FrameKind.IBeacon)));
        }

        [TestMethod]
        public void UpdateTelemetry_RebuildsInTheSameBuffer()
        {
            var set = new BeaconFrameSet(BeaconOptionsTests.Full());
            byte[] before = set.Buffer(FrameKind.EddystoneTlm);
            Assert.AreEqual(25, set.UpdateTelemetry(3000, 25.5, 1000, 3600000));
            Assert.AreSame(before, set.Buffer(FrameKind.EddystoneTlm));
            Assert.AreEqual(GoldenFrames.TlmExample, Hex.Encode(before, 0, 25));
        }

        [TestMethod]
        public void UpdateEid_RotatesAtPeriodBoundaryOnly()
        {
            BeaconOptions o = BeaconOptionsTests.EidOnly();
            var set = new BeaconFrameSet(o);
            Assert.AreEqual(0, set.Length(FrameKind.EddystoneEid));
            Assert.IsTrue(set.UpdateEid(0));
            Assert.AreEqual(GoldenFrames.EidVector, Hex.Encode(set.Buffer(FrameKind.EddystoneEid), 0, set.Length(FrameKind.EddystoneEid)));
            Assert.IsFalse(set.UpdateEid(1023));
            Assert.IsTrue(set.UpdateEid(1024));
            Assert.AreEqual("4144413e45fefa58", Hex.Encode(set.Buffer(FrameKind.EddystoneEid), 13, 8));
        }

        [TestMethod]
        public void UpdateEid_ClockBeforeEpoch_FrameWithdrawn()
        {
            BeaconOptions o = BeaconOptionsTests.EidOnly();
            o.Eid.EpochUnixS = 1700000000;
            var set = new BeaconFrameSet(o);
            Assert.IsTrue(set.UpdateEid(1700000000));
            Assert.AreEqual(GoldenFrames.EidVector, Hex.Encode(set.Buffer(FrameKind.EddystoneEid), 0, set.Length(FrameKind.EddystoneEid)));
            Assert.IsTrue(set.UpdateEid(1000));
            Assert.AreEqual(0, set.Length(FrameKind.EddystoneEid));
        }

        [TestMethod]
        public void UpdateTelemetry_TlmOff_ReturnsZero()
        {
            var set = new BeaconFrameSet(BeaconOptionsTests.EidOnly());
            Assert.AreEqual(0, set.UpdateTelemetry(3000, 20.0, 1, 1));
            Assert.IsFalse(new BeaconFrameSet(BeaconOptionsTests.Full()).UpdateEid(0));
        }
    }
}
