using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// A node's BLE controller + NimBLE host as the nanoFramework native code drives it: the run mode (server/client)
    /// and stack state, advertising sessions with the exact bytes put on air, and scan sessions with duplicate
    /// filtering. Lives on a <see cref="RadioMedium"/> (its own private one until a world attaches it to a store's).
    /// </summary>
    /// <remarks>
    /// What the device does, from nf-interpreter targets/ESP32/_nanoCLR/nanoFramework.Device.Bluetooth/:
    /// <list type="bullet">
    /// <item>Mode (…_BluetoothNanoDevice.cpp, NativeSetOperationMode): when the requested mode differs from the
    /// current one, the mode is stored first, then Server/Client start the NimBLE stack and NotRunning stops it.
    /// Starting an already started stack fails (nimble_utils.cpp StartBleStack) and the call throws
    /// InvalidOperationException (CLR_E_INVALID_OPERATION) — with the new mode already stored. So switching
    /// Client→Server or Server→Client without BluetoothLEServer.Instance.Stop() in between throws once, and the
    /// next attempt goes through while the old role keeps running.</item>
    /// <item>Advertising (esp32_nimble.cpp Esp32BleStartAdvertise): ble_gap_adv_set_data with the managed bytes,
    /// ble_gap_adv_rsp_set_data only when the scan response is non-empty, then ble_gap_adv_start with
    /// BLE_OWN_ADDR_PUBLIC, interval fields 0 (NimBLE default 100–150 ms), conn_mode NON and disc_mode GEN (the
    /// publisher's advertisement is non-connectable and discoverable). NimBLE's ble_gap_adv_type maps NON+GEN to
    /// ADV_SCAN_IND (PDU type 0x6), not ADV_NONCONN_IND. A second start while advertising replaces the data on air
    /// (set_data succeeds) but ble_gap_adv_start fails with BLE_HS_EALREADY, so the publisher stays Waiting.</item>
    /// <item>Stop (NativeStopAdvertising): ble_gap_adv_stop.</item>
    /// </list>
    /// </remarks>
    public sealed class VirtualRadio
    {
        /// <summary>
        /// A start this soon after the previous start counts as a fast cycle (the firmware must never do it). The
        /// firmware keeps 1000 ms on its own clock (Environment.TickCount64, whose Linux source ticks in 4 ms steps);
        /// measured here on a Stopwatch the same gap can read a few ms shorter, hence the 20 ms allowance.
        /// </summary>
        public const long FastCycleThresholdMs = 980;

        /// <summary>
        /// What starting the NimBLE stack costs the calling thread (NotRunning → Server or Client): controller enable,
        /// nimble_port_init, the host task and the wait for host/controller sync (nimble_utils.cpp StartBleStack waits
        /// up to 10 s for sync). 500 ms is an estimate of the usual case on an ESP32 from published NimBLE start-up
        /// logs (0.3–0.7 s); the call is synchronous on the device, so the managed caller is blocked that long.
        /// </summary>
        public const int StackStartCostMs = 500;

        /// <summary>What stopping the stack costs the calling thread (nimble_port_stop + deinit + controller disable), estimate.</summary>
        public const int StackStopCostMs = 100;

        /// <summary>ESP32 controller duplicate-filter cache entries (CONFIG_BTDM_SCAN_DUPL_CACHE_SIZE).</summary>
        public const int DuplicateCacheSize = 200;

        /// <summary>ADV_IND.</summary>
        public const byte PduAdvInd = 0x0;

        /// <summary>ADV_NONCONN_IND.</summary>
        public const byte PduAdvNonconnInd = 0x2;

        /// <summary>ADV_SCAN_IND.</summary>
        public const byte PduAdvScanInd = 0x6;

        private static int s_addressCounter;

        private readonly List<AdvertisingSession> _sessions = new List<AdvertisingSession>();
        private long _scanMs;
        private long _scanStartMs;
        private RadioMedium _medium;
        private AdvertisingSession _current;
        private ScanSession _scan;
        private long _lastStartAttemptMs;
        private bool _anyStartAttempt;
        private bool _powerLossHooked;
        private ulong _address;

        /// <summary>Creates a radio with a fresh Espressif-OUI public address (24:0A:C4:xx:xx:xx).</summary>
        public VirtualRadio()
        {
            _address = 0x240AC4000000UL | (uint)(Interlocked.Increment(ref s_addressCounter) & 0xFFFFFF);
        }

        /// <summary>The node this radio belongs to (bound on first use by the Bluetooth API or by RadioMedium.Attach).</summary>
        public VirtualNode Node { get; private set; }

        /// <summary>Public device address (display order: 24:0A:C4:00:00:01 = 0x240AC4000001).</summary>
        public ulong Address
        {
            get
            {
                lock (Gate)
                {
                    return _address;
                }
            }

            set
            {
                lock (Gate)
                {
                    _address = value & 0xFFFFFFFFFFFFUL;
                }
            }
        }

        /// <summary>The medium this radio is on.</summary>
        public RadioMedium Medium
        {
            get
            {
                RadioMedium medium = Volatile.Read(ref _medium);
                if (medium == null)
                {
                    var own = new RadioMedium();
                    if (Interlocked.CompareExchange(ref _medium, own, null) == null)
                    {
                        lock (own.Gate)
                        {
                            own.AddRadio(this);
                        }
                    }

                    medium = _medium;
                }

                return medium;
            }
        }

        /// <summary>Every advertising session so far, oldest first (a snapshot).</summary>
        public AdvertisingSession[] Sessions
        {
            get
            {
                lock (Gate)
                {
                    return _sessions.ToArray();
                }
            }
        }

        /// <summary>The session on air now, or null.</summary>
        public AdvertisingSession CurrentSession
        {
            get
            {
                lock (Gate)
                {
                    return _current;
                }
            }
        }

        /// <summary>Whether the radio is advertising.</summary>
        public bool IsAdvertising
        {
            get
            {
                lock (Gate)
                {
                    return _current != null;
                }
            }
        }

        /// <summary>Whether a scan (GAP discovery) is running.</summary>
        public bool IsScanning
        {
            get
            {
                lock (Gate)
                {
                    return _scan != null;
                }
            }
        }

        /// <summary>Native advertising start attempts (publisher Start calls that reached ble_gap_adv_start).</summary>
        public int StartAttemptCount { get; private set; }

        /// <summary>Starts that began advertising.</summary>
        public int StartCount { get; private set; }

        /// <summary>Starts refused by NimBLE (already advertising).</summary>
        public int RefusedStartCount { get; private set; }

        /// <summary>Native advertising stops.</summary>
        public int StopCount { get; private set; }

        /// <summary>Start attempts less than <see cref="FastCycleThresholdMs"/> after the previous attempt.</summary>
        public int FastCycleCount { get; private set; }

        /// <summary>Mode switches that threw InvalidOperationException (server/client conflict).</summary>
        public int ModeConflictCount { get; private set; }

        /// <summary>Times advertising and scanning ran at once (possible only after a mode conflict, as on the device).</summary>
        public int ConcurrentRoleCount { get; private set; }

        /// <summary>Scan sessions started.</summary>
        public int ScanSessionCount { get; private set; }

        /// <summary>NimBLE stack starts (each one charged <see cref="StackStartCostMs"/>).</summary>
        public int StackStartCount { get; private set; }

        /// <summary>NimBLE stack stops (each one charged <see cref="StackStopCostMs"/>).</summary>
        public int StackStopCount { get; private set; }

        /// <summary>Milliseconds of advertising on air up to <paramref name="untilMs"/> (default: now), over every session.</summary>
        public long AdvertisingMs(long? untilMs = null)
        {
            long until = untilMs ?? Medium.NowMs;
            long total = 0;
            foreach (AdvertisingSession session in Sessions)
            {
                total += session.DurationMs(until);
            }

            return total;
        }

        /// <summary>Milliseconds spent scanning up to <paramref name="untilMs"/> (default: now).</summary>
        public long ScanningMs(long? untilMs = null)
        {
            long until = untilMs ?? Medium.NowMs;
            lock (Gate)
            {
                return _scanMs + (_scan != null ? Math.Max(0, until - _scanStartMs) : 0);
            }
        }

        /// <summary>Advertisement reports queued to the watcher.</summary>
        public int ReportCount { get; private set; }

        /// <summary>Exceptions thrown by the firmware's Received handlers.</summary>
        public int HandlerExceptionCount { get; private set; }

        /// <summary>The last exception a Received handler threw.</summary>
        public Exception LastHandlerException { get; private set; }

        /// <summary>Whether the NimBLE stack is running.</summary>
        public bool StackStarted
        {
            get
            {
                lock (Gate)
                {
                    return StackStartedLocked;
                }
            }
        }

        internal object Gate => Medium.Gate;

        /// <summary>The managed BluetoothNanoDevice._mode of the firmware on this node.</summary>
        internal BluetoothNanoDevice.Mode ManagedMode { get; set; }

        /// <summary>ble_operatingMode in the native code.</summary>
        internal BluetoothNanoDevice.Mode NativeMode { get; private set; }

        internal bool StackStartedLocked { get; private set; }

        /// <summary>BluetoothLEServer.Instance of this node's firmware (a static singleton on the device).</summary>
        internal BluetoothLEServer ServerInstance { get; set; }

        /// <summary>BluetoothLEServer._bluetoothEventManager.Watcher: where scan reports go.</summary>
        internal BluetoothLEAdvertisementWatcher EventWatcher { get; set; }

        internal bool IsScanningLocked => _scan != null;

        /// <summary>Distinct advertising payloads in the order first put on air.</summary>
        public byte[][] DistinctAdvertisingData()
        {
            lock (Gate)
            {
                var seen = new HashSet<string>();
                var result = new List<byte[]>();
                foreach (AdvertisingSession session in _sessions)
                {
                    if (seen.Add(Convert.ToHexString(session.AdvertisingData)))
                    {
                        result.Add(session.AdvertisingData);
                    }
                }

                return result.ToArray();
            }
        }

        /// <summary>PDUs sent on air by every session up to <paramref name="untilMs"/> (default: now).</summary>
        public long TotalPdus(long? untilMs = null)
        {
            long until = untilMs ?? Medium.NowMs;
            long total = 0;
            foreach (AdvertisingSession session in Sessions)
            {
                total += session.PduCount(until);
            }

            return total;
        }

        internal void Bind(VirtualNode node)
        {
            if (node == null)
            {
                return;
            }

            lock (Gate)
            {
                if (Node == null)
                {
                    Node = node;
                }
            }
        }

        internal void MoveTo(RadioMedium medium)
        {
            RadioMedium old = Medium;
            if (old == medium)
            {
                return;
            }

            lock (old.Gate)
            {
                if (_current != null || _scan != null)
                {
                    throw new InvalidOperationException("a radio can only change medium while idle");
                }

                old.RemoveRadio(this);
                Volatile.Write(ref _medium, medium);
            }

            lock (medium.Gate)
            {
                medium.AddRadio(this);
            }
        }

        /// <summary>
        /// BluetoothNanoDevice.RunMode setter: the managed mode is stored, then NativeSetOperationMode stores the native
        /// mode and starts/stops the stack, throwing InvalidOperationException if that fails (both modes stay changed).
        /// </summary>
        internal void SetRunMode(BluetoothNanoDevice.Mode mode)
        {
            int costMs = 0;
            try
            {
                lock (Gate)
                {
                    EnsurePowerLossHook();
                    ManagedMode = mode;
                    if (NativeMode == mode)
                    {
                        return;
                    }

                    NativeMode = mode;
                    bool result;
                    if (mode == BluetoothNanoDevice.Mode.NotRunning)
                    {
                        result = StopStackLocked();
                        if (result)
                        {
                            StackStopCount++;
                            costMs = StackStopCostMs;
                        }
                    }
                    else if (StackStartedLocked)
                    {
                        result = false;
                    }
                    else
                    {
                        StackStartedLocked = true;
                        StackStartCount++;
                        costMs = StackStartCostMs;
                        result = true;
                    }

                    if (!result)
                    {
                        ModeConflictCount++;
                        throw new InvalidOperationException();
                    }
                }
            }
            finally
            {
                // The native call is synchronous: the caller (the firmware's loop) waits for the stack, as on the device.
                if (costMs > 0)
                {
                    Thread.Sleep(costMs);
                }
            }
        }

        /// <summary>NativeStartLegacyAdvertising → Esp32BleStartAdvertise.</summary>
        internal bool StartAdvertising(byte[] advertData, byte[] scanResponse, bool connectable, bool discoverable)
        {
            lock (Gate)
            {
                EnsurePowerLossHook();
                long now = Medium.NowMs;
                StartAttemptCount++;
                if (_anyStartAttempt && now - _lastStartAttemptMs < FastCycleThresholdMs)
                {
                    FastCycleCount++;
                }

                _anyStartAttempt = true;
                _lastStartAttemptMs = now;

                if (!StackStartedLocked)
                {
                    // ble_gap_adv_start before the host synced fails.
                    RefusedStartCount++;
                    return false;
                }

                byte pduType = connectable ? PduAdvInd : (discoverable ? PduAdvScanInd : PduAdvNonconnInd);
                if (_current != null)
                {
                    // ble_gap_adv_set_data succeeded: the new bytes are on air; ble_gap_adv_start says EALREADY.
                    EndSessionLocked(now);
                    BeginSessionLocked(now, advertData, scanResponse, pduType);
                    RefusedStartCount++;
                    return false;
                }

                BeginSessionLocked(now, advertData, scanResponse, pduType);
                StartCount++;
                if (_scan != null)
                {
                    ConcurrentRoleCount++;
                }

                return true;
            }
        }

        /// <summary>NativeStopAdvertising → ble_gap_adv_stop (harmless when not advertising).</summary>
        internal void StopAdvertising()
        {
            lock (Gate)
            {
                StopCount++;
                EndSessionLocked(Medium.NowMs);
            }
        }

        /// <summary>
        /// NativeStartAdvertisementWatcher → ble_gap_disc (EALREADY, ignored, when already scanning), and the event
        /// listener's Watcher set to <paramref name="watcher"/> (done first here so no report can slip in between).
        /// </summary>
        internal void StartScan(BluetoothLEAdvertisementWatcher watcher, bool active)
        {
            lock (Gate)
            {
                EnsurePowerLossHook();
                EventWatcher = watcher;
                if (!StackStartedLocked || _scan != null)
                {
                    return;
                }

                // The delivery thread inherits the caller's (the firmware's) node context, as nanoCLR's event
                // dispatch runs inside the app.
                _scan = new ScanSession(this, active);
                _scanStartMs = Medium.NowMs;
                ScanSessionCount++;
                if (_current != null)
                {
                    ConcurrentRoleCount++;
                }

                Medium.OfferAllTo(this);
            }
        }

        /// <summary>Event listener's Watcher cleared, then NativeStopAdvertisementWatcher → ble_gap_disc_cancel.</summary>
        internal void StopScan()
        {
            lock (Gate)
            {
                EventWatcher = null;
                EndScanLocked();
            }
        }

        private void EndScanLocked()
        {
            if (_scan != null)
            {
                _scanMs += Math.Max(0, Medium.NowMs - _scanStartMs);
                _scan.End();
                _scan = null;
            }
        }

        /// <summary>A scanner heard <paramref name="advertiser"/> (Gate held): duplicate filter, then queue a report.</summary>
        internal void HearLocked(RadioAdvertiser advertiser, short rssiDbm)
        {
            if (_scan.TryReport(advertiser.Address, false))
            {
                ReportCount++;
                _scan.Queue(new PendingReport(advertiser, advertiser.AdvertisementType, advertiser.AdvertisingData, rssiDbm));
            }

            bool scannable = advertiser.AdvertisementType == BluetoothLEAdvertisementType.ScannableUndirected
                || advertiser.AdvertisementType == BluetoothLEAdvertisementType.ConnectableUndirected;
            if (_scan.Active && scannable && advertiser.ScanResponse.Length > 0 && _scan.TryReport(advertiser.Address, true))
            {
                ReportCount++;
                _scan.Queue(new PendingReport(advertiser, BluetoothLEAdvertisementType.ScanResponse, advertiser.ScanResponse, rssiDbm));
            }
        }

        internal void HandlerFailed(Exception ex)
        {
            lock (Gate)
            {
                HandlerExceptionCount++;
                LastHandlerException = ex;
            }
        }

        private void BeginSessionLocked(long now, byte[] advertData, byte[] scanResponse, byte pduType)
        {
            _current = new AdvertisingSession(_sessions.Count, now, (byte[])advertData.Clone(), (byte[])scanResponse.Clone(), pduType, _address, false);
            _sessions.Add(_current);
            BluetoothLEAdvertisementType reportType = pduType == PduAdvInd
                ? BluetoothLEAdvertisementType.ConnectableUndirected
                : (pduType == PduAdvScanInd ? BluetoothLEAdvertisementType.ScannableUndirected : BluetoothLEAdvertisementType.NonConnectableUndirected);
            var advertiser = new RadioAdvertiser(_address, BluetoothAddressType.Public, advertData, 0, reportType, scanResponse, Node?.Name)
            {
                SourceNode = Node,
            };
            Medium.NodeAdvertiserOn(advertiser);
        }

        private void EndSessionLocked(long now)
        {
            if (_current == null)
            {
                return;
            }

            _current.StopMs = now;
            _current = null;
            Medium.NodeAdvertiserOff(_address);
        }

        private bool StopStackLocked()
        {
            if (!StackStartedLocked)
            {
                return false;
            }

            // Device_ble_dispose: advertising and discovery end with the host task.
            EndSessionLocked(Medium.NowMs);
            EndScanLocked();
            StackStartedLocked = false;
            return true;
        }

        private void EnsurePowerLossHook()
        {
            if (_powerLossHooked || Node == null)
            {
                return;
            }

            _powerLossHooked = true;
            Node.OnPowerLoss(OnPowerLoss);
        }

        private void OnPowerLoss()
        {
            lock (Gate)
            {
                // RAM and the controller reset: nothing survives but the recorded history.
                _powerLossHooked = false;
                EndSessionLocked(Medium.NowMs);
                EndScanLocked();
                StackStartedLocked = false;
                NativeMode = BluetoothNanoDevice.Mode.NotRunning;
                ManagedMode = BluetoothNanoDevice.Mode.NotRunning;
                ServerInstance = null;
                EventWatcher = null;
            }
        }

        internal sealed class PendingReport
        {
            public PendingReport(RadioAdvertiser advertiser, BluetoothLEAdvertisementType type, byte[] data, short rssiDbm)
            {
                Advertiser = advertiser;
                Type = type;
                Data = data;
                RssiDbm = rssiDbm;
            }

            public RadioAdvertiser Advertiser { get; }

            public BluetoothLEAdvertisementType Type { get; }

            public byte[] Data { get; }

            public short RssiDbm { get; }
        }

        /// <summary>One GAP discovery: its duplicate cache and the thread that hands reports to the watcher.</summary>
        private sealed class ScanSession
        {
            private readonly VirtualRadio _radio;
            private readonly RadioMedium _medium;
            private readonly HashSet<(ulong, bool)> _reported = new HashSet<(ulong, bool)>();
            private readonly Queue<(ulong, bool)> _reportedOrder = new Queue<(ulong, bool)>();
            private readonly BlockingCollection<PendingReport> _queue = new BlockingCollection<PendingReport>();

            public ScanSession(VirtualRadio radio, bool active)
            {
                _radio = radio;
                _medium = radio.Medium;
                Active = active;
                var thread = new Thread(Run)
                {
                    IsBackground = true,
                    Name = $"ble scan {radio.Node?.Name}",
                };
                thread.Start();
            }

            public bool Active { get; }

            public bool TryReport(ulong address, bool scanResponse)
            {
                (ulong, bool) key = (address, scanResponse);
                if (_reported.Contains(key))
                {
                    return false;
                }

                if (_reportedOrder.Count >= DuplicateCacheSize)
                {
                    // A full cache forgets its oldest entry: that advertiser can be reported again.
                    _reported.Remove(_reportedOrder.Dequeue());
                }

                _reported.Add(key);
                _reportedOrder.Enqueue(key);
                return true;
            }

            public void Queue(PendingReport report)
            {
                _medium.DeliveryQueued();
                if (!_queue.TryAdd(report))
                {
                    _medium.DeliveryDone();
                }
            }

            public void End()
            {
                _queue.CompleteAdding();
            }

            private void Run()
            {
                foreach (PendingReport report in _queue.GetConsumingEnumerable())
                {
                    try
                    {
                        Deliver(report);
                    }
                    finally
                    {
                        _medium.DeliveryDone();
                    }
                }
            }

            private void Deliver(PendingReport report)
            {
                BluetoothLEAdvertisementWatcher watcher;
                lock (_radio.Gate)
                {
                    // A report still queued when scanning stopped is never seen by the app.
                    if (_queue.IsAddingCompleted || (_radio.Node != null && _radio.Node.IsPoweredOff))
                    {
                        return;
                    }

                    watcher = _radio.EventWatcher;
                }

                if (watcher == null)
                {
                    return;
                }

                try
                {
                    watcher.DeliverReport(report.Advertiser.Address, report.Advertiser.AddressType, report.Type, report.Data, report.RssiDbm);
                }
                catch (Exception ex)
                {
                    _radio.HandlerFailed(ex);
                }
            }
        }
    }
}
