using System;
using System.Collections.Generic;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>
    /// How the mirrored publisher turns a BluetoothLEAdvertisement into the advert / scan response bytes the radio
    /// records — the order and overflow rules of the real BluetoothLEAdvertisement.CreateLegacyAdvertisements.
    /// </summary>
    [TestClass]
    public sealed class PublisherSerialisationTests
    {
        private static AdvertisingSession Publish(BluetoothLEAdvertisement advertisement, out BluetoothLEAdvertisementPublisher publisher)
        {
            VirtualNode node = NewNode("ser");
            using (node.Enter())
            {
                publisher = new BluetoothLEAdvertisementPublisher(advertisement);
                publisher.Start();
                return node.Radio.CurrentSession;
            }
        }

        private static AdvertisingSession Publish(Action<BluetoothLEAdvertisement> build)
        {
            VirtualNode node = NewNode("ser");
            using (node.Enter())
            {
                var advertisement = new BluetoothLEAdvertisement();
                build(advertisement);
                var publisher = new BluetoothLEAdvertisementPublisher(advertisement);
                publisher.Start();
                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Started, publisher.Status);
                return node.Radio.CurrentSession;
            }
        }

        private static BleBuffer Bytes(string hex) => new BleBuffer(Hex(hex));

        [TestMethod]
        public void Start_DefaultAdvertisement_NoFlagsSection()
        {
            AdvertisingSession session = Publish(a => { });
            Assert.AreEqual(string.Empty, Hex(session.AdvertisingData));
        }

        [TestMethod]
        public void Start_SampleIBeacon_SamplesBytes()
        {
            // The nanoFramework Samples BluetoothBeacon construction (IBeacon.cs), major 0, minor 1, -59 dBm.
            AdvertisingSession session = Publish(a =>
            {
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.DualModeControllerCapable | BluetoothLEAdvertisementFlags.DualModeHostCapable;
                var writer = new DataWriter();
                writer.WriteByte(0x02);
                writer.WriteByte(0x15);
                writer.WriteUuid2(new Guid("E2C56DB5-DFFB-48D2-B060-D0F5A71096E0"));
                writer.WriteByte(0);
                writer.WriteByte(0);
                writer.WriteByte(0);
                writer.WriteByte(1);
                writer.WriteByte(unchecked((byte)-59));
                a.ManufacturerData.Add(new BluetoothLEManufacturerData(0x004C, writer.DetachBuffer()));
            });

            Assert.AreEqual("02011a" + "1aff4c000215e2c56db5dffb48d2b060d0f5a71096e000000001c5", Hex(session.AdvertisingData));
            Assert.AreEqual(0, session.ScanResponse.Length);
        }

        [TestMethod]
        public void Start_ManufacturerDataAddedFirst_SerialisedLast()
        {
            AdvertisingSession session = Publish(a =>
            {
                a.ManufacturerData.Add(new BluetoothLEManufacturerData(0x1234, Bytes("aabb")));
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x03, Bytes("aafe")));
            });

            Assert.AreEqual("020106" + "0303aafe" + "05ff3412aabb", Hex(session.AdvertisingData));
        }

        [TestMethod]
        public void Start_SectionsInInsertionOrder_FlagsKeepsItsPlaceWhenSetAgain()
        {
            AdvertisingSession session = Publish(a =>
            {
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x03, Bytes("aafe")));
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode;
                a.LocalName = "ab";
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
            });

            Assert.AreEqual("0303aafe" + "020106" + "03096162", Hex(session.AdvertisingData));
        }

        [TestMethod]
        public void Start_RawManufacturerDataSection_Dropped()
        {
            AdvertisingSession session = Publish(a =>
            {
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0xFF, Bytes("4c0001")));
                _ = a.DataSections;
            });

            Assert.AreEqual("020106", Hex(session.AdvertisingData));
        }

        [TestMethod]
        public void Start_TooLongForAdvert_SectionMovesToScanResponseFirstFit()
        {
            // 3 + 20 fit; the 12-byte section does not (35 > 31) and goes to the scan response; the 4-byte one after
            // it still fits the advert (first fit, not order-preserving).
            AdvertisingSession session = Publish(a =>
            {
                a.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x16, Bytes("000102030405060708090a0b0c0d0e0f1011")));
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x09, Bytes("41424344454647484950")));
                a.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x03, Bytes("aafe")));
            });

            Assert.AreEqual("020106" + "1316000102030405060708090a0b0c0d0e0f1011" + "0303aafe", Hex(session.AdvertisingData));
            Assert.AreEqual("0b0941424344454647484950", Hex(session.ScanResponse));
        }

        [TestMethod]
        public void Start_FitsNeitherAdvertNorScanResponse_DroppedAndFlagged()
        {
            var advertisement = new BluetoothLEAdvertisement();
            advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x16, new BleBuffer(new byte[29])));
            advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x16, new BleBuffer(new byte[29])));
            advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(0x09, new BleBuffer(new byte[5])));
            AdvertisingSession session = Publish(advertisement, out BluetoothLEAdvertisementPublisher publisher);

            Assert.AreEqual(31, session.AdvertisingData.Length);
            Assert.AreEqual(31, session.ScanResponse.Length);
            Assert.IsTrue(publisher.DataNotFitInAdvertisement);
        }

        [TestMethod]
        public void Start_PublisherAdvert_AdvScanIndFromPublicAddress()
        {
            VirtualNode node = NewNode("pdu");
            node.Radio.Address = 0x240AC4ABCDEF;
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Advertisement.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode;
                publisher.Start();
                AdvertisingSession session = node.Radio.CurrentSession;
                Assert.AreEqual(VirtualRadio.PduAdvScanInd, session.PduType);
                Assert.AreEqual(0x240AC4ABCDEFUL, session.Address);
                Assert.IsFalse(session.RandomAddress);
            }
        }

        [TestMethod]
        public void StartStop_StatusChanged_WaitingStartedStopped()
        {
            VirtualNode node = NewNode("status");
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                var seen = new List<BluetoothLEAdvertisementPublisherStatus>();
                publisher.StatusChanged += (sender, args) => seen.Add(args.Status);
                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Created, publisher.Status);
                publisher.Start();
                publisher.Stop();
                CollectionAssert.AreEqual(
                    new[] { BluetoothLEAdvertisementPublisherStatus.Waiting, BluetoothLEAdvertisementPublisherStatus.Started, BluetoothLEAdvertisementPublisherStatus.Stopped },
                    seen);
                Assert.IsFalse(node.Radio.IsAdvertising);
            }
        }

        [TestMethod]
        public void Start_WhileAnotherPublisherAdvertises_StaysWaitingButReplacesData()
        {
            VirtualNode node = NewNode("twice");
            using (node.Enter())
            {
                var first = new BluetoothLEAdvertisementPublisher();
                first.Advertisement.LocalName = "a";
                var second = new BluetoothLEAdvertisementPublisher();
                second.Advertisement.LocalName = "b";
                first.Start();
                second.Start();

                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Waiting, second.Status);
                Assert.AreEqual("020962", Hex(node.Radio.CurrentSession.AdvertisingData));
                Assert.AreEqual(1, node.Radio.RefusedStartCount);
            }
        }

        [TestMethod]
        public void UseExtendedAdvertisement_SetTrue_PlatformNotSupported()
        {
            VirtualNode node = NewNode("ext");
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                Assert.ThrowsExactly<PlatformNotSupportedException>(() => publisher.UseExtendedAdvertisement = true);
            }
        }

        [TestMethod]
        public void Start_LessThanASecondAfterPreviousStart_CountsFastCycle()
        {
            VirtualNode node = NewNode("fast");
            var clock = new ManualClock();
            clock.Install(node.Radio.Medium);
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Start();
                clock.Advance(1000);
                publisher.Stop();
                publisher.Start();
                Assert.AreEqual(0, node.Radio.FastCycleCount);
                clock.Advance(VirtualRadio.FastCycleThresholdMs - 1);
                publisher.Stop();
                publisher.Start();
                Assert.AreEqual(1, node.Radio.FastCycleCount);
                Assert.AreEqual(3, node.Radio.StartCount);
            }
        }

        [TestMethod]
        public void Session_TenSeconds_EventsAt100To160MsSpacing()
        {
            VirtualNode node = NewNode("pdus");
            var clock = new ManualClock();
            clock.Install(node.Radio.Medium);
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Start();
                clock.Advance(10_000);
                publisher.Stop();
            }

            AdvertisingSession session = node.Radio.Sessions[0];
            long[] events = session.EventOffsetsUs(clock.NowMs);
            Assert.IsTrue(events.Length >= 10_000 / 160 && events.Length <= 10_000 / 100 + 1, $"{events.Length} events");
            for (int i = 1; i < events.Length; i++)
            {
                long gap = events[i] - events[i - 1];
                Assert.IsTrue(gap >= 100_000 && gap <= 160_000, $"gap {gap} µs");
            }

            Assert.AreEqual(events.Length * 3, session.PduCount(clock.NowMs));
            Assert.AreEqual(events.Length * 3L, node.Radio.TotalPdus(clock.NowMs));
        }

        [TestMethod]
        public void Publisher_OutsideAnyNode_Throws()
        {
            Assert.ThrowsExactly<InvalidOperationException>(() => new BluetoothLEAdvertisementPublisher());
        }
    }
}
