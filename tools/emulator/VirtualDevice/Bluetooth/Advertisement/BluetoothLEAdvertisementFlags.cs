using System;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Mirror of nanoFramework's BluetoothLEAdvertisementFlags: the bits of the Flags AD (type 0x01).</summary>
    [Flags]
    public enum BluetoothLEAdvertisementFlags : uint
    {
        /// <summary>No flag.</summary>
        None = 0,

        /// <summary>LE Limited Discoverable Mode.</summary>
        LimitedDiscoverableMode = 1,

        /// <summary>LE General Discoverable Mode.</summary>
        GeneralDiscoverableMode = 2,

        /// <summary>BR/EDR not supported.</summary>
        ClassicNotSupported = 4,

        /// <summary>Simultaneous LE and BR/EDR (controller).</summary>
        DualModeControllerCapable = 8,

        /// <summary>Simultaneous LE and BR/EDR (host).</summary>
        DualModeHostCapable = 16,
    }
}
