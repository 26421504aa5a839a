using System;
using Beacons.VirtualDevice;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEAdvertisementWatcher over the node's <see cref="VirtualRadio"/>. Start
    /// switches the stack to Client mode (throws InvalidOperationException while it runs as a server, e.g. a
    /// publisher started and BluetoothLEServer.Instance.Stop() was not called) and begins a scan session: each
    /// advertiser address is reported at most once per session (controller duplicate filtering). Reports arrive on
    /// another thread of the node, one at a time, after the advertisement and signal-strength filters.
    /// </summary>
    public class BluetoothLEAdvertisementWatcher
    {
        private readonly VirtualNode _node;
        private readonly VirtualRadio _radio;
        private BluetoothLEAdvertisementWatcherStatus _status;
        private BluetoothLEScanningMode _scanningMode;
        private BluetoothLEAdvertisementFilter _advertisementFilter;
        private BluetoothSignalStrengthFilter _signalStrengthFilter;

        /// <summary>Handler of <see cref="Received"/>.</summary>
        public delegate void BluetoothLEAdvertisementReceivedHandler(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args);

        /// <summary>Handler of <see cref="Stopped"/> (the device's spelling).</summary>
        public delegate void BluetoothLEAdvertisementStoppedEvenHandler(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementWatcherStoppedEventArgs args);

        /// <summary>A watcher with an empty (pass-all) advertisement filter.</summary>
        public BluetoothLEAdvertisementWatcher() : this(new BluetoothLEAdvertisementFilter())
        {
        }

        /// <summary>A watcher with <paramref name="advertisementFilter"/>.</summary>
        public BluetoothLEAdvertisementWatcher(BluetoothLEAdvertisementFilter advertisementFilter)
        {
            _node = VirtualNode.Current;
            _node.HaltIfPoweredOff();
            _radio = _node.Radio;
            _radio.Bind(_node);
            _status = BluetoothLEAdvertisementWatcherStatus.Created;
            _advertisementFilter = advertisementFilter;
            _signalStrengthFilter = new BluetoothSignalStrengthFilter();
        }

        /// <summary>A report passed the filters.</summary>
        public event BluetoothLEAdvertisementReceivedHandler Received;

        /// <summary>
        /// Scanning ended on its own (NimBLE DISC_COMPLETE). The scan runs forever and Stop() cancels it without that
        /// event, so in practice (device and mirror) this is not raised.
        /// </summary>
        public event BluetoothLEAdvertisementStoppedEvenHandler Stopped;

        /// <summary>RSSI hysteresis filter.</summary>
        public BluetoothSignalStrengthFilter SignalStrengthFilter
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _signalStrengthFilter;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _signalStrengthFilter = value;
            }
        }

        /// <summary>Passive (default) or Active; read at Start.</summary>
        public BluetoothLEScanningMode ScanningMode
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _scanningMode;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _scanningMode = value;
            }
        }

        /// <summary>Section / byte-pattern filter (null passes everything).</summary>
        public BluetoothLEAdvertisementFilter AdvertisementFilter
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _advertisementFilter;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _advertisementFilter = value;
            }
        }

        /// <summary>Current status (Started stays set even if the stack is stopped underneath, as on the device).</summary>
        public BluetoothLEAdvertisementWatcherStatus Status
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _status;
            }
        }

        /// <summary>Switches to Client mode and starts scanning (a new duplicate-filter session).</summary>
        /// <exception cref="InvalidOperationException">The stack runs in Server mode; the mode is switched anyway.</exception>
        public void Start()
        {
            _node.HaltIfPoweredOff();
            BluetoothNanoDevice.CheckMode(_radio, BluetoothNanoDevice.Mode.Client);
            _status = BluetoothLEAdvertisementWatcherStatus.Started;
            _radio.StartScan(this, _scanningMode == BluetoothLEScanningMode.Active);
        }

        /// <summary>Stops scanning; reports not yet delivered are dropped.</summary>
        public void Stop()
        {
            _node.HaltIfPoweredOff();
            _status = BluetoothLEAdvertisementWatcherStatus.Stopping;
            _radio.StopScan();
            _status = BluetoothLEAdvertisementWatcherStatus.Stopped;
        }

        /// <summary>BluetoothEventListener's AdvertisementDiscovered path: build the args, filter, raise Received.</summary>
        internal void DeliverReport(ulong address, BluetoothAddressType addressType, BluetoothLEAdvertisementType type, byte[] data, short rssiDbm)
        {
            var advertisement = new BluetoothLEAdvertisement();
            advertisement.ParseBytesToSectionData(data);
            var args = new BluetoothLEAdvertisementReceivedEventArgs(address, addressType, type, advertisement, rssiDbm, DateTime.UtcNow);
            if (_advertisementFilter != null && !_advertisementFilter.Filter(args))
            {
                return;
            }

            if (!_signalStrengthFilter.Filter(args))
            {
                return;
            }

            Received?.Invoke(this, args);
        }

        internal void OnStopped(BluetoothLEAdvertisementWatcherStoppedEventArgs args) => Stopped?.Invoke(this, args);
    }
}
