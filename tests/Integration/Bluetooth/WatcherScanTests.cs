using System;
using System.Collections.Concurrent;
using System.Linq;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>Watcher reports through the medium: duplicate filtering per scan session, the RSSI hook, filters.</summary>
    [TestClass]
    public sealed class WatcherScanTests
    {
        private const ulong PhoneA = 0x5A0000000001;
        private const ulong PhoneB = 0x5A0000000002;

        private static RadioAdvertiser Phone(ulong address, string adHex = "0201060303aafe") =>
            new RadioAdvertiser(address, BluetoothAddressType.Random, Hex(adHex), -8, BluetoothLEAdvertisementType.NonConnectableUndirected);

        private static (BluetoothLEAdvertisementWatcher, ConcurrentQueue<BluetoothLEAdvertisementReceivedEventArgs>) StartWatcher(VirtualNode node, Action<BluetoothLEAdvertisementWatcher> configure = null)
        {
            var received = new ConcurrentQueue<BluetoothLEAdvertisementReceivedEventArgs>();
            using (node.Enter())
            {
                var watcher = new BluetoothLEAdvertisementWatcher();
                configure?.Invoke(watcher);
                watcher.Received += (sender, args) =>
                {
                    Assert.AreSame(node, VirtualNode.CurrentOrNull, "reports run inside the node");
                    received.Enqueue(args);
                };
                watcher.Start();
                return (watcher, received);
            }
        }

        private static void Settle(VirtualNode node) => Assert.IsTrue(node.Radio.Medium.WaitForDeliveries(5000));

        [TestMethod]
        public void Received_SameAdvertiserManyTimesInOneSession_ReportedOnce()
        {
            VirtualNode node = NewNode("dup");
            var (watcher, received) = StartWatcher(node);
            RadioMedium medium = node.Radio.Medium;

            medium.SetAdvertiser(Phone(PhoneA));
            medium.Inject(Phone(PhoneA));
            medium.Refresh();
            medium.SetAdvertiser(Phone(PhoneA, "020106"));
            medium.Inject(Phone(PhoneB));
            Settle(node);

            Assert.AreEqual(2, received.Count);
            Assert.AreEqual(1, received.Count(r => r.BluetoothAddress == PhoneA));
            BluetoothLEAdvertisementReceivedEventArgs first = received.First(r => r.BluetoothAddress == PhoneA);
            Assert.AreEqual(BluetoothAddressType.Random, first.BluetoothAddressType);
            Assert.AreEqual(BluetoothLEAdvertisementType.NonConnectableUndirected, first.AdvertisementType);
            Assert.AreEqual((short)RadioMedium.DefaultRssiDbm, first.RawSignalStrengthInDBm);
            Assert.AreEqual(1, first.Advertisement.GetSectionsByType(0x03).Count);

            using (node.Enter())
            {
                watcher.Stop();
            }
        }

        [TestMethod]
        public void Received_NewScanSession_ReportsAgain()
        {
            VirtualNode node = NewNode("session");
            node.Radio.Medium.SetAdvertiser(Phone(PhoneA));
            var (watcher, received) = StartWatcher(node);
            Settle(node);
            Assert.AreEqual(1, received.Count);

            using (node.Enter())
            {
                watcher.Stop();
                watcher.Start();
            }

            Settle(node);
            Assert.AreEqual(2, received.Count);
            Assert.AreEqual(2, node.Radio.ScanSessionCount);
        }

        [TestMethod]
        public void Received_OutOfRangeThenInRange_ReportedOnceWhenHeard()
        {
            VirtualNode node = NewNode("range");
            RadioMedium medium = node.Radio.Medium;
            int? rssi = null;
            VirtualNode askedFor = null;
            medium.RssiModel = (receiver, advertiser) =>
            {
                askedFor = receiver;
                return rssi;
            };
            medium.SetAdvertiser(Phone(PhoneA));
            var (_, received) = StartWatcher(node);
            Settle(node);
            Assert.AreEqual(0, received.Count);
            Assert.AreSame(node, askedFor);

            rssi = -71;
            medium.Refresh();
            medium.Refresh();
            Settle(node);
            Assert.AreEqual(1, received.Count);
            Assert.IsTrue(received.TryPeek(out var report));
            Assert.AreEqual((short)-71, report.RawSignalStrengthInDBm);
        }

        [TestMethod]
        public void Received_OtherNodePublishing_HearsItsExactBytes()
        {
            var medium = new RadioMedium();
            VirtualNode beacon = NewNode("beacon");
            VirtualNode listener = NewNode("listener");
            medium.Attach(beacon);
            medium.Attach(listener);
            var (_, received) = StartWatcher(listener);

            using (beacon.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Advertisement.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
                publisher.Advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData(0x004C, new BleBuffer(Hex("0215"))));
                publisher.Start();
            }

            Settle(listener);
            Assert.AreEqual(1, received.Count);
            Assert.IsTrue(received.TryPeek(out var report));
            Assert.AreEqual(beacon.Radio.Address, report.BluetoothAddress);
            Assert.AreEqual(BluetoothAddressType.Public, report.BluetoothAddressType);
            Assert.AreEqual(BluetoothLEAdvertisementType.ScannableUndirected, report.AdvertisementType);
            Assert.AreEqual(1, report.Advertisement.GetManufacturerDataByCompanyId(0x004C).Count);
            Assert.AreEqual(BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported, report.Advertisement.Flags);
        }

        [TestMethod]
        public void Received_NodeDoesNotHearItself()
        {
            VirtualNode node = NewNode("self");
            var (watcher, received) = StartWatcher(node);
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                Assert.ThrowsExactly<InvalidOperationException>(() => publisher.Start());
                publisher.Start();
            }

            Settle(node);
            Assert.AreEqual(0, received.Count);
        }

        [TestMethod]
        public void Received_BytePatternFilter_OnlyMatchingReports()
        {
            VirtualNode node = NewNode("filter");
            var (_, received) = StartWatcher(node, w =>
            {
                w.AdvertisementFilter.BytePatterns.Add(new BluetoothLEAdvertisementBytePattern(0x03, 0, new BleBuffer(Hex("aafe"))));
            });
            node.Radio.Medium.SetAdvertiser(Phone(PhoneA, "0201060303aafe"));
            node.Radio.Medium.SetAdvertiser(Phone(PhoneB, "0201060303f0ff"));
            Settle(node);

            Assert.AreEqual(1, received.Count);
            Assert.IsTrue(received.TryPeek(out var report));
            Assert.AreEqual(PhoneA, report.BluetoothAddress);
        }

        [TestMethod]
        public void Received_SignalStrengthFilter_DropsWeakReports()
        {
            VirtualNode node = NewNode("rssi-filter");
            node.Radio.Medium.RssiModel = (receiver, advertiser) => advertiser.Address == PhoneA ? -50 : -90;
            var (_, received) = StartWatcher(node, w => w.SignalStrengthFilter.InRangeThresholdInDBm = -70);
            node.Radio.Medium.SetAdvertiser(Phone(PhoneA));
            node.Radio.Medium.SetAdvertiser(Phone(PhoneB));
            Settle(node);

            Assert.AreEqual(1, received.Count);
            Assert.IsTrue(received.TryPeek(out var report));
            Assert.AreEqual(PhoneA, report.BluetoothAddress);
        }

        [TestMethod]
        public void Received_ActiveScanOfScannableAdvertiser_AlsoScanResponse()
        {
            VirtualNode node = NewNode("active");
            var (_, received) = StartWatcher(node, w => w.ScanningMode = BluetoothLEScanningMode.Active);
            node.Radio.Medium.SetAdvertiser(new RadioAdvertiser(PhoneA, BluetoothAddressType.Random, Hex("020106"), 0, BluetoothLEAdvertisementType.ScannableUndirected, Hex("03096869")));
            node.Radio.Medium.Refresh();
            Settle(node);

            Assert.AreEqual(2, received.Count);
            BluetoothLEAdvertisementReceivedEventArgs response = received.Single(r => r.AdvertisementType == BluetoothLEAdvertisementType.ScanResponse);
            Assert.AreEqual("hi", response.Advertisement.LocalName);
        }

        [TestMethod]
        public void Received_DuplicateCacheFull_OldestForgotten()
        {
            VirtualNode node = NewNode("cache");
            var (_, received) = StartWatcher(node);
            RadioMedium medium = node.Radio.Medium;
            for (ulong i = 0; i <= VirtualRadio.DuplicateCacheSize; i++)
            {
                medium.Inject(Phone(0x5B0000000000 + i));
            }

            medium.Inject(Phone(0x5B0000000000));
            Settle(node);
            Assert.AreEqual(VirtualRadio.DuplicateCacheSize + 2, received.Count);
        }

        [TestMethod]
        public void Received_HandlerThrows_CountedAndDeliveryContinues()
        {
            VirtualNode node = NewNode("throws");
            int calls = 0;
            using (node.Enter())
            {
                var watcher = new BluetoothLEAdvertisementWatcher();
                watcher.Received += (sender, args) =>
                {
                    calls++;
                    throw new InvalidOperationException("boom");
                };
                watcher.Start();
            }

            node.Radio.Medium.Inject(Phone(PhoneA));
            node.Radio.Medium.Inject(Phone(PhoneB));
            Settle(node);
            Assert.AreEqual(2, calls);
            Assert.AreEqual(2, node.Radio.HandlerExceptionCount);
        }
    }
}
