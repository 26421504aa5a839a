using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEAdvertisementPublisher (1.1.x) over the node's <see cref="VirtualRadio"/>:
    /// Start switches to Server mode (throws InvalidOperationException when the stack runs as a client, e.g. after a
    /// watcher started), serialises the advertisement exactly as the device does (see
    /// <see cref="BluetoothLEAdvertisement"/>) and hands the bytes to the radio.
    /// </summary>
    public class BluetoothLEAdvertisementPublisher
    {
        private readonly BluetoothLEAdvertisement _advertisement;
        private readonly VirtualRadio _radio;
        private readonly VirtualNode _node;
        private BluetoothLEAdvertisementPublisherStatus _status;
        private bool _useExtendedAdvertisement;
        private bool _includeTransmitPowerLevel;
        private bool _isAnonymous;
        private short _preferredTransmitPowerLevelInDBm;

        /// <summary>Handler of <see cref="StatusChanged"/>.</summary>
        public delegate void BluetoothLEAdvertisementPublisherHandler(object sender, BluetoothLEAdvertisementPublisherStatusChangedEventArgs args);

        /// <summary>Raised synchronously, on the calling thread, whenever <see cref="Status"/> changes.</summary>
        public event BluetoothLEAdvertisementPublisherHandler StatusChanged;

        /// <summary>A publisher with a new, empty advertisement.</summary>
        public BluetoothLEAdvertisementPublisher() : this(new BluetoothLEAdvertisement())
        {
        }

        /// <summary>A publisher of <paramref name="advertisement"/> (not copied: later changes are published at the next Start).</summary>
        public BluetoothLEAdvertisementPublisher(BluetoothLEAdvertisement advertisement)
        {
            _node = VirtualNode.Current;
            _node.HaltIfPoweredOff();
            _radio = _node.Radio;
            _radio.Bind(_node);
            _advertisement = advertisement;
            _status = BluetoothLEAdvertisementPublisherStatus.Created;
        }

        /// <summary>The advertisement published (the same instance, despite the device's "copy" wording).</summary>
        public BluetoothLEAdvertisement Advertisement
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _advertisement;
            }
        }

        /// <summary>Stored only: 1.1.x never adds a TX power AD.</summary>
        public bool IncludeTransmitPowerLevel
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _includeTransmitPowerLevel;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _includeTransmitPowerLevel = value;
            }
        }

        /// <summary>Stored only: 1.1.x always advertises with the public address.</summary>
        public bool IsAnonymous
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _isAnonymous;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _isAnonymous = value;
            }
        }

        /// <summary>Stored only (reported in StatusChanged args); the radio power is not changed.</summary>
        public short PreferredTransmitPowerLevelInDBm
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _preferredTransmitPowerLevelInDBm;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _preferredTransmitPowerLevelInDBm = value;
            }
        }

        /// <summary>Current status; every change raises <see cref="StatusChanged"/>.</summary>
        public BluetoothLEAdvertisementPublisherStatus Status
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _status;
            }

            internal set
            {
                if (_status == value)
                {
                    return;
                }

                _status = value;
                StatusChanged?.Invoke(this, new BluetoothLEAdvertisementPublisherStatusChangedEventArgs(_status, BluetoothError.Success, _preferredTransmitPowerLevelInDBm));
            }
        }

        /// <summary>Extended (BT5) advertising; the ESP32 has none, so setting true throws PlatformNotSupportedException.</summary>
        public bool UseExtendedAdvertisement
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _useExtendedAdvertisement;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                if (value && !NativeIsExtendedAdvertisingAvailable())
                {
                    throw new PlatformNotSupportedException();
                }

                _useExtendedAdvertisement = value;
            }
        }

        /// <summary>Whether the last Start dropped a section that fitted neither advert nor scan response.</summary>
        internal bool DataNotFitInAdvertisement { get; private set; }

        /// <summary>
        /// Starts advertising. Status goes Waiting, then Started when the radio accepted (it stays Waiting when NimBLE
        /// refused, e.g. already advertising).
        /// </summary>
        /// <exception cref="InvalidOperationException">The stack runs in Client mode (a watcher started earlier and
        /// BluetoothLEServer.Instance.Stop() was not called); the mode is switched anyway, as on the device.</exception>
        public void Start()
        {
            _node.HaltIfPoweredOff();
            if (_radio.ManagedMode != BluetoothNanoDevice.Mode.Server)
            {
                BluetoothLEServer.ForRadio(_radio, _node).Start();
            }

            Status = BluetoothLEAdvertisementPublisherStatus.Waiting;
            if (_useExtendedAdvertisement)
            {
                throw new NotSupportedException();
            }

            DataNotFitInAdvertisement = _advertisement.CreateLegacyAdvertisements(out byte[] advertData, out byte[] scanResponse);
            if (_radio.StartAdvertising(advertData, scanResponse, _advertisement.IsConnectable, _advertisement.IsDiscovable))
            {
                Status = BluetoothLEAdvertisementPublisherStatus.Started;
            }
        }

        /// <summary>Stops advertising (whatever is on air); Status becomes Stopped.</summary>
        public void Stop()
        {
            _node.HaltIfPoweredOff();
            _radio.StopAdvertising();
            Status = BluetoothLEAdvertisementPublisherStatus.Stopped;
        }

        private static bool NativeIsExtendedAdvertisingAvailable() => false;
    }
}
