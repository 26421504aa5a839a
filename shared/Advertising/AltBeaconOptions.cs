using Beacons.Shared.Configuration;

namespace Beacons.Shared.Advertising
{
    /// <summary><c>beacon.altbeacon</c>: the optional AltBeacon frame. Absent section = no AltBeacon frame.</summary>
    public sealed class AltBeaconOptions
    {
        /// <summary>Config path of this section.</summary>
        public const string Path = "beacon.altbeacon";

        /// <summary><c>id</c>: 40 hex digits (20 bytes: id1 16 bytes, id2 2 bytes, id3 2 bytes), required.</summary>
        public string IdHex { get; set; }

        /// <summary><c>manufacturerId</c>: Bluetooth SIG company id, 0..65535, default 0x0118 (Radius Networks, the
        /// AltBeacon sponsor; use your own company id if you have one).</summary>
        public int ManufacturerId { get; set; } = 0x0118;

        /// <summary><c>referenceRssi</c>: calibrated RSSI at 1 m, dBm, -127..0, default -59.</summary>
        public int ReferenceRssiDbm { get; set; } = -59;

        /// <summary><c>reserved</c>: manufacturer-reserved byte, 0..255, default 0.</summary>
        public int Reserved { get; set; }

        /// <summary>Throws <see cref="ConfigException"/> naming the first bad key.</summary>
        public void Validate()
        {
            OptionChecks.HexBytes(IdHex, 20, Path + ".id");
            OptionChecks.Range(ManufacturerId, 0, 0xFFFF, Path + ".manufacturerId");
            OptionChecks.Range(ReferenceRssiDbm, -127, 0, Path + ".referenceRssi");
            OptionChecks.Range(Reserved, 0, 0xFF, Path + ".reserved");
        }
    }
}
