using System;
using System.Collections;
using Beacons.VirtualDevice;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothSignalStrengthFilter: managed RSSI hysteresis on watcher reports. With the
    /// default in-range threshold (-127 dBm) everything passes. The device purges idle entries from a one-minute
    /// Timer; the mirror purges on the next report after a minute instead (same observable filtering, no timer).
    /// </summary>
    public class BluetoothSignalStrengthFilter
    {
        private const int DefaultDbm = -127;
        private const int DefaultOutOfRangeTimeoutSeconds = 60;

        private readonly Hashtable _scanResults = new Hashtable();
        private readonly object _scanResultsLock = new object();
        private short _inRangeThresholdInDBm;
        private short _outOfRangeThresholdInDBm;
        private TimeSpan _outOfRangeTimeout;
        private DateTime _nextPurge;

        /// <summary>Thresholds -127 dBm (pass everything), out-of-range timeout 60 s.</summary>
        public BluetoothSignalStrengthFilter()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            InRangeThresholdInDBm = DefaultDbm;
            OutOfRangeThresholdInDBm = DefaultDbm;
            OutOfRangeTimeout = new TimeSpan(0, 0, DefaultOutOfRangeTimeoutSeconds);
            _nextPurge = DateTime.UtcNow.AddMinutes(1);
        }

        /// <summary>How long a device may stay between the thresholds before it is dropped (1..60 s).</summary>
        public TimeSpan OutOfRangeTimeout
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _outOfRangeTimeout;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();

                // Same check as the device (which compares the Milliseconds component, not the total, on the upper bound).
                if (value.TotalMilliseconds < 1000 || value.Milliseconds > 60000)
                {
                    throw new ArgumentOutOfRangeException();
                }

                _outOfRangeTimeout = value;
            }
        }

        /// <summary>Below this RSSI (dBm, -127..20) a device is out of range and its reports are dropped.</summary>
        public short OutOfRangeThresholdInDBm
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _outOfRangeThresholdInDBm;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                if (value > 20 || value < -127)
                {
                    throw new ArgumentOutOfRangeException();
                }

                _outOfRangeThresholdInDBm = value;
            }
        }

        /// <summary>At or above this RSSI (dBm, -127..20) a device is in range; -127 disables the filter.</summary>
        public short InRangeThresholdInDBm
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _inRangeThresholdInDBm;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                if (value > 20 || value < -127)
                {
                    throw new ArgumentOutOfRangeException();
                }

                _inRangeThresholdInDBm = value;
            }
        }

        internal bool Filter(BluetoothLEAdvertisementReceivedEventArgs args)
        {
            if (InRangeThresholdInDBm == DefaultDbm)
            {
                return true;
            }

            lock (_scanResultsLock)
            {
                PurgeIfDue();
                ScanItem scan = (ScanItem)(_scanResults.Contains(args.BluetoothAddress) ? _scanResults[args.BluetoothAddress] : null);
                bool inRange = args.RawSignalStrengthInDBm >= InRangeThresholdInDBm;
                if (scan == null && inRange)
                {
                    scan = AddOrReplace(args.BluetoothAddress, args.RawSignalStrengthInDBm, true);
                }

                if (scan == null)
                {
                    return false;
                }

                scan.Active = true;
                if (!inRange)
                {
                    if (args.RawSignalStrengthInDBm < OutOfRangeThresholdInDBm)
                    {
                        _scanResults.Remove(args.BluetoothAddress);
                        return false;
                    }

                    if (scan.InRange)
                    {
                        AddOrReplace(args.BluetoothAddress, args.RawSignalStrengthInDBm, false);
                    }
                    else if (scan.OutRangeTime + OutOfRangeTimeout < DateTime.UtcNow)
                    {
                        _scanResults.Remove(args.BluetoothAddress);
                        return false;
                    }
                }

                return true;
            }
        }

        private void PurgeIfDue()
        {
            if (DateTime.UtcNow < _nextPurge)
            {
                return;
            }

            _nextPurge = DateTime.UtcNow.AddMinutes(1);
            ArrayList remove = new ArrayList();
            foreach (DictionaryEntry item in _scanResults)
            {
                ScanItem scan = (ScanItem)item.Value;
                if (!scan.Active)
                {
                    remove.Add(item.Key);
                }
                else
                {
                    scan.Active = false;
                }
            }

            foreach (object key in remove)
            {
                _scanResults.Remove(key);
            }
        }

        private ScanItem AddOrReplace(ulong address, short rssi, bool inRange)
        {
            var item = new ScanItem { Rssi = rssi, InRange = inRange, Active = true };
            if (!inRange)
            {
                item.OutRangeTime = DateTime.UtcNow;
            }

            _scanResults.Remove(address);
            _scanResults.Add(address, item);
            return item;
        }

        private sealed class ScanItem
        {
            public short Rssi;
            public bool InRange;
            public DateTime OutRangeTime;
            public bool Active;
        }
    }
}
