using System;
using Beacons.Firmware.Advertising;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.Device.Bluetooth;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>
    /// The firmware adapter over the mirrored publisher: the bytes handed to IAdvertiser.Start are the bytes the
    /// virtual radio records (so, per the mirrored serialisation, what an ESP32 puts on air).
    /// </summary>
    [TestClass]
    public sealed class BlePublisherAdvertiserTests
    {
        public static System.Collections.Generic.IEnumerable<object[]> Payloads => new[]
        {
            new object[] { "iBeacon", SamplePayloads.IBeacon },
            new object[] { "Eddystone-UID", SamplePayloads.EddystoneUid },
            new object[] { "Eddystone-URL", SamplePayloads.EddystoneUrl },
            new object[] { "Eddystone-TLM", SamplePayloads.EddystoneTlm },
            new object[] { "Eddystone-EID", SamplePayloads.EddystoneEid },
            new object[] { "AltBeacon", SamplePayloads.AltBeacon },
            new object[] { "name only", "0409616263" + "020a00" },
        };

        [TestMethod]
        [DynamicData(nameof(Payloads))]
        public void Start_SamplePayload_RadioRecordsExactlyTheseBytes(string kind, string hex)
        {
            VirtualNode node = NewNode("rt");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                byte[] payload = Hex(hex);

                Assert.IsTrue(advertiser.Start(payload, payload.Length), kind);

                Assert.AreEqual(hex, Hex(node.Radio.CurrentSession.AdvertisingData), kind);
                Assert.AreEqual(0, node.Radio.CurrentSession.ScanResponse.Length, kind);
                Assert.AreEqual(0, advertiser.ReorderedCount, kind);
            }
        }

        [TestMethod]
        public void Start_LongerBufferThanLength_OnlyLengthBytes()
        {
            VirtualNode node = NewNode("len");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                byte[] buffer = new byte[31];
                byte[] payload = Hex(SamplePayloads.EddystoneEid);
                Array.Copy(payload, buffer, payload.Length);
                buffer[payload.Length] = 0x55;

                Assert.IsTrue(advertiser.Start(buffer, payload.Length));
                Assert.AreEqual(SamplePayloads.EddystoneEid, Hex(node.Radio.CurrentSession.AdvertisingData));
            }
        }

        [TestMethod]
        public void Start_RotatingFourFrames_BuildsEachOnceAndNeverFastCycles()
        {
            VirtualNode node = NewNode("rotate");
            var clock = new ManualClock();
            clock.Install(node.Radio.Medium);
            string[] frames = { SamplePayloads.IBeacon, SamplePayloads.EddystoneUid, SamplePayloads.EddystoneUrl, SamplePayloads.AltBeacon };
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                for (int slot = 0; slot < 12; slot++)
                {
                    byte[] payload = Hex(frames[slot % frames.Length]);
                    Assert.IsTrue(advertiser.Start(payload, payload.Length));
                    clock.Advance(1000);
                }

                advertiser.Stop();
                Assert.AreEqual(4, advertiser.BuildCount);
                Assert.AreEqual(0, advertiser.StartFailureCount);
            }

            Assert.AreEqual(0, node.Radio.FastCycleCount);
            Assert.AreEqual(12, node.Radio.Sessions.Length);
            Assert.AreEqual(4, node.Radio.DistinctAdvertisingData().Length);
            Assert.IsFalse(node.Radio.IsAdvertising);
        }

        [TestMethod]
        public void Start_FifthDistinctPayload_ReplacesLeastRecentlyUsed()
        {
            VirtualNode node = NewNode("lru");
            string[] frames = { SamplePayloads.IBeacon, SamplePayloads.EddystoneUid, SamplePayloads.EddystoneUrl, SamplePayloads.AltBeacon, SamplePayloads.EddystoneTlm };
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                foreach (string frame in frames)
                {
                    Assert.IsTrue(advertiser.Start(Hex(frame), Hex(frame).Length));
                }

                // iBeacon was least recently used and got evicted; UID is still cached.
                Assert.IsTrue(advertiser.Start(Hex(SamplePayloads.EddystoneUid), Hex(SamplePayloads.EddystoneUid).Length));
                Assert.AreEqual(5, advertiser.BuildCount);
                Assert.IsTrue(advertiser.Start(Hex(SamplePayloads.IBeacon), Hex(SamplePayloads.IBeacon).Length));
                Assert.AreEqual(6, advertiser.BuildCount);
                Assert.AreEqual(SamplePayloads.IBeacon, Hex(node.Radio.CurrentSession.AdvertisingData));
            }
        }

        [TestMethod]
        public void Start_ManufacturerDataNotLast_AdvertisedWithItMovedLastAndCounted()
        {
            VirtualNode node = NewNode("reorder");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                byte[] payload = Hex("020106" + "05ff3412aabb" + "0303aafe");
                Assert.IsTrue(advertiser.Start(payload, payload.Length));
                Assert.AreEqual("020106" + "0303aafe" + "05ff3412aabb", Hex(node.Radio.CurrentSession.AdvertisingData));
                Assert.AreEqual(1, advertiser.ReorderedCount);
            }
        }

        [TestMethod]
        [DataRow("", 0)]
        [DataRow("0201", 2)]
        [DataRow("00", 1)]
        [DataRow("02ff4c", 3)]
        public void Start_InvalidPayload_FalseAndCounted(string hex, int length)
        {
            VirtualNode node = NewNode("invalid");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                Assert.IsFalse(advertiser.Start(Hex(hex), length));
                Assert.AreEqual(1, advertiser.StartFailureCount);
                Assert.IsNotNull(advertiser.LastFailure);
                Assert.IsFalse(node.Radio.IsAdvertising);
            }
        }

        [TestMethod]
        public void Start_TooLong_False()
        {
            VirtualNode node = NewNode("long");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                Assert.IsFalse(advertiser.Start(new byte[32], 32));
                Assert.IsFalse(advertiser.Start(null, 3));
                Assert.AreEqual(2, advertiser.StartFailureCount);
            }
        }

        [TestMethod]
        public void Start_WhileWatcherScans_FalseNotThrown()
        {
            VirtualNode node = NewNode("scanning");
            using (node.Enter())
            {
                new BluetoothLEAdvertisementWatcher().Start();
                var advertiser = new BlePublisherAdvertiser();
                byte[] payload = Hex(SamplePayloads.IBeacon);

                Assert.IsFalse(advertiser.Start(payload, payload.Length));
                Assert.AreEqual(1, advertiser.ModeConflictCount);
                Assert.AreEqual(1, advertiser.StartFailureCount);
                Assert.IsFalse(advertiser.IsAdvertising);
            }
        }

        [TestMethod]
        public void Start_WhileAdvertising_StopsFirstSoTheNewPayloadStarts()
        {
            VirtualNode node = NewNode("restart");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                Assert.IsTrue(advertiser.Start(Hex(SamplePayloads.IBeacon), Hex(SamplePayloads.IBeacon).Length));
                Assert.IsTrue(advertiser.Start(Hex(SamplePayloads.EddystoneUrl), Hex(SamplePayloads.EddystoneUrl).Length));
                Assert.AreEqual(0, node.Radio.RefusedStartCount);
                Assert.AreEqual(SamplePayloads.EddystoneUrl, Hex(node.Radio.CurrentSession.AdvertisingData));
                Assert.IsNotNull(node.Radio.Sessions[0].StopMs);
            }
        }

        [TestMethod]
        public void Stop_WhenStopped_NoEffect()
        {
            VirtualNode node = NewNode("stop");
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                advertiser.Stop();
                Assert.AreEqual(0, advertiser.StopFailureCount);
                Assert.AreEqual(0, node.Radio.StopCount);
            }
        }
    }
}
