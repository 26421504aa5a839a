using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEServer, reduced to what advertising and scanning need: the per-node
    /// singleton, Start (switch to Server mode) and Stop (stop the stack: the only way from Client to Server mode or
    /// back without an InvalidOperationException). GATT services, sessions and pairing are not mirrored.
    /// </summary>
    public class BluetoothLEServer : IDisposable
    {
        private readonly VirtualRadio _radio;
        private string _deviceName = "nanoFramework";
        private ushort _appearance;
        private bool _disposedValue;

        private BluetoothLEServer(VirtualRadio radio)
        {
            _radio = radio;
        }

        /// <summary>The node's server singleton.</summary>
        public static BluetoothLEServer Instance
        {
            get
            {
                VirtualNode node = VirtualNode.Current;
                node.HaltIfPoweredOff();
                return ForRadio(node.Radio, node);
            }
        }

        /// <summary>GAP device name (default "nanoFramework").</summary>
        public string DeviceName
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _deviceName;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _deviceName = value;
            }
        }

        /// <summary>GAP appearance (default 0).</summary>
        public ushort Appearance
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _appearance;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _appearance = value;
            }
        }

        /// <summary>Switches to Server mode, starting the stack.</summary>
        /// <exception cref="InvalidOperationException">The stack already runs in Client mode.</exception>
        public void Start()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            BluetoothNanoDevice.CheckMode(_radio, BluetoothNanoDevice.Mode.Server);
        }

        /// <summary>Switches to NotRunning: stops the stack (advertising and scanning end).</summary>
        public void Stop()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            BluetoothNanoDevice.CheckMode(_radio, BluetoothNanoDevice.Mode.NotRunning);
        }

        /// <summary>Stops (ignoring errors) and forgets the singleton.</summary>
        public void Dispose()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (_disposedValue)
            {
                return;
            }

            try
            {
                Stop();
            }
            catch (Exception)
            {
                // The device ignores errors here too.
            }

            lock (_radio.Gate)
            {
                if (_radio.ServerInstance == this)
                {
                    _radio.ServerInstance = null;
                }
            }

            _disposedValue = true;
            GC.SuppressFinalize(this);
        }

        internal static BluetoothLEServer ForRadio(VirtualRadio radio, VirtualNode node)
        {
            radio.Bind(node);
            lock (radio.Gate)
            {
                if (radio.ServerInstance == null)
                {
                    radio.ServerInstance = new BluetoothLEServer(radio);
                }

                return radio.ServerInstance;
            }
        }
    }
}
