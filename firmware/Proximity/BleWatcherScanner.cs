using System;
using Beacons.Firmware.Platform;
using Beacons.Shared.Common;
using Beacons.Shared.Proximity;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Firmware.Proximity
{
    /// <summary>
    /// Scan windows over <see cref="BluetoothLEAdvertisementWatcher"/>, feeding every phone advertisement into the
    /// shared <see cref="ProximityTracker"/>. The node is either advertising or scanning (nanoFramework's BLE stack is a
    /// server or a client, never both), so the advertising schedule calls <see cref="StartWindow"/> and
    /// <see cref="StopWindow"/> around each scan window. The native scan filters duplicates (one report per device per
    /// scan session), so the watcher is restarted for every window: that is what yields one RSSI sample per phone per
    /// window. I/O only: no decisions are taken here.
    /// <para>Addresses are handed to the tracker, which replaces them by a per-boot keyed hash at once; this adapter
    /// keeps none. AD bytes are rebuilt into one reused buffer; the library itself allocates per received event
    /// (it parses every advertisement into section objects), which this adapter cannot avoid.</para>
    /// </summary>
    public sealed class BleWatcherScanner : IScanWindow, IDisposable
    {
        private const int MaxAdBytes = 255;

        private readonly ProximityTracker _tracker;
        private readonly BluetoothLEAdvertisementWatcher _watcher;
        private readonly byte[] _ad = new byte[MaxAdBytes];
        private readonly byte[][] _sectionScratch = new byte[MaxAdBytes][];
        private readonly object _gate = new object();
        private bool _scanning;

        /// <param name="tracker">The shared pipeline.</param>
        /// <param name="options">Proximity options (<c>activeScan</c>).</param>
        public BleWatcherScanner(ProximityTracker tracker, ProximityOptions options)
        {
            _tracker = tracker;
            _watcher = new BluetoothLEAdvertisementWatcher();
            // Passive by default: listening is enough to hear phones, and no scan request is sent to anyone.
            _watcher.ScanningMode = options.ActiveScan ? BluetoothLEScanningMode.Active : BluetoothLEScanningMode.Passive;
            _watcher.Received += OnReceived;
        }

        /// <summary>Advertisements whose sections could not be read back (counted, skipped).</summary>
        public long ReadFailures { get; private set; }

        public bool Scanning
        {
            get { return _scanning; }
        }

        /// <summary>Starts a scan window: a fresh native scan session, so every phone is reported again.</summary>
        public void StartWindow()
        {
            lock (_gate)
            {
                if (_scanning)
                {
                    _watcher.Stop();
                }

                _tracker.BeginWindow(Environment.TickCount64);
                _watcher.Start();
                _scanning = true;
            }
        }

        /// <summary>Ends the scan window; the stack stays in client mode, so the next window is no NimBLE restart.</summary>
        public void StopWindow()
        {
            lock (_gate)
            {
                if (_scanning)
                {
                    _watcher.Stop();
                    _scanning = false;
                }
            }
        }

        /// <summary>Ends any window and leaves the client role so the radio can advertise again.</summary>
        public void LeaveClientMode()
        {
            lock (_gate)
            {
                StopWindow();

                // The stack keeps the client role until it is stopped; without this the next advertising Start
                // throws once and then runs scanner and advertiser together (Device.Bluetooth mode switch).
                try
                {
                    BluetoothLEServer.Instance.Stop();
                }
                catch (Exception)
                {
                    ReadFailures++;
                }
            }
        }

        public void Dispose()
        {
            StopWindow();
            _watcher.Received -= OnReceived;
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            long nowMs = Environment.TickCount64;
            long unixMs = DeviceClock.UnixMs();
            int length;
            lock (_gate)
            {
                length = Rebuild(args.Advertisement);
                if (length < 0)
                {
                    ReadFailures++;
                    return;
                }

                int addressType = args.BluetoothAddressType == BluetoothAddressType.Public ? 0 : 1;
                _tracker.OnAdvertisement((long)(args.BluetoothAddress & 0xFFFFFFFFFFFFUL), addressType,
                    args.RawSignalStrengthInDBm, _ad, 0, length, nowMs, unixMs);
            }
        }

        /// <summary>
        /// Rebuilds the AD bytes (length, type, data per structure) from the library's parsed sections. Faithful in
        /// content; the order can differ, because the library's DataSections getter moves manufacturer data to the end.
        /// Returns the length, or -1 when a section cannot be read.
        /// </summary>
        private int Rebuild(BluetoothLEAdvertisement advertisement)
        {
            int pos = 0;
            try
            {
                foreach (BluetoothLEAdvertisementDataSection section in advertisement.DataSections)
                {
                    int dataLength = (int)section.Data.Length;
                    if (pos + 2 + dataLength > MaxAdBytes)
                    {
                        break;
                    }

                    _ad[pos] = (byte)(dataLength + 1);
                    _ad[pos + 1] = section.DataType;
                    if (dataLength > 0)
                    {
                        // Buffer's bytes are internal to the library; DataReader.ReadBytes fills an array of exactly
                        // the section's length, so one scratch array per length is kept and reused.
                        byte[] scratch = _sectionScratch[dataLength];
                        if (scratch == null)
                        {
                            scratch = new byte[dataLength];
                            _sectionScratch[dataLength] = scratch;
                        }

                        DataReader.FromBuffer(section.Data).ReadBytes(scratch);
                        Array.Copy(scratch, 0, _ad, pos + 2, dataLength);
                    }

                    pos += dataLength + 2;
                }
            }
            catch (Exception)
            {
                return -1;
            }

            return pos;
        }
    }
}
