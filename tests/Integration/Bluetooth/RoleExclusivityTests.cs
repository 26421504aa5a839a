using System;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>
    /// Server (publisher) and client (watcher) modes, as BluetoothNanoDevice.CheckMode + NativeSetOperationMode do
    /// it: switching while the stack runs throws InvalidOperationException once (the mode is stored anyway);
    /// BluetoothLEServer.Instance.Stop() in between switches cleanly.
    /// </summary>
    [TestClass]
    public sealed class RoleExclusivityTests
    {
        [TestMethod]
        public void PublisherStart_WhileWatcherScans_ThrowsInvalidOperation()
        {
            VirtualNode node = NewNode("p-after-w");
            using (node.Enter())
            {
                var watcher = new BluetoothLEAdvertisementWatcher();
                watcher.Start();
                var publisher = new BluetoothLEAdvertisementPublisher();

                Assert.ThrowsExactly<InvalidOperationException>(() => publisher.Start());
                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Created, publisher.Status);
                Assert.IsFalse(node.Radio.IsAdvertising);
                Assert.IsTrue(node.Radio.IsScanning);
                Assert.AreEqual(1, node.Radio.ModeConflictCount);
            }
        }

        [TestMethod]
        public void PublisherStart_AfterWatcherStoppedWithoutServerStop_StillThrows()
        {
            VirtualNode node = NewNode("p-after-w-stop");
            using (node.Enter())
            {
                var watcher = new BluetoothLEAdvertisementWatcher();
                watcher.Start();
                watcher.Stop();

                Assert.ThrowsExactly<InvalidOperationException>(() => new BluetoothLEAdvertisementPublisher().Start());
            }
        }

        [TestMethod]
        public void PublisherStart_SecondAttemptAfterConflict_AdvertisesAlongsideScan()
        {
            // The device stores Server before the native switch fails, so the next Start skips the switch.
            VirtualNode node = NewNode("quirk");
            using (node.Enter())
            {
                new BluetoothLEAdvertisementWatcher().Start();
                var publisher = new BluetoothLEAdvertisementPublisher();
                Assert.ThrowsExactly<InvalidOperationException>(() => publisher.Start());
                publisher.Start();

                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Started, publisher.Status);
                Assert.IsTrue(node.Radio.IsScanning);
                Assert.AreEqual(1, node.Radio.ConcurrentRoleCount);
            }
        }

        [TestMethod]
        public void WatcherStart_WhilePublisherAdvertises_ThrowsInvalidOperation()
        {
            VirtualNode node = NewNode("w-after-p");
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Start();
                var watcher = new BluetoothLEAdvertisementWatcher();

                Assert.ThrowsExactly<InvalidOperationException>(() => watcher.Start());
                Assert.AreEqual(BluetoothLEAdvertisementWatcherStatus.Created, watcher.Status);
                Assert.IsFalse(node.Radio.IsScanning);
                Assert.IsTrue(node.Radio.IsAdvertising);
            }
        }

        [TestMethod]
        public void ServerStop_BetweenRoles_SwitchesWithoutException()
        {
            VirtualNode node = NewNode("clean");
            using (node.Enter())
            {
                var watcher = new BluetoothLEAdvertisementWatcher();
                watcher.Start();
                watcher.Stop();
                BluetoothLEServer.Instance.Stop();

                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Start();
                Assert.AreEqual(BluetoothLEAdvertisementPublisherStatus.Started, publisher.Status);

                publisher.Stop();
                BluetoothLEServer.Instance.Stop();
                watcher.Start();
                Assert.AreEqual(BluetoothLEAdvertisementWatcherStatus.Started, watcher.Status);
                Assert.AreEqual(0, node.Radio.ModeConflictCount);
            }
        }

        [TestMethod]
        public void ServerStop_WhileAdvertising_EndsTheSession()
        {
            VirtualNode node = NewNode("stack-stop");
            using (node.Enter())
            {
                var publisher = new BluetoothLEAdvertisementPublisher();
                publisher.Start();
                BluetoothLEServer.Instance.Stop();

                Assert.IsFalse(node.Radio.IsAdvertising);
                Assert.IsFalse(node.Radio.StackStarted);
                Assert.IsNotNull(node.Radio.Sessions[0].StopMs);
            }
        }

        [TestMethod]
        public void PowerOff_WhileAdvertising_SessionEnds()
        {
            VirtualNode node = NewNode("power");
            using (node.Enter())
            {
                new BluetoothLEAdvertisementPublisher().Start();
            }

            node.PowerOff();
            Assert.IsFalse(node.Radio.IsAdvertising);
            Assert.IsFalse(node.Radio.StackStarted);
        }
    }
}
