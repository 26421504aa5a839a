using System.Collections;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEAdvertisementFilter: managed-side filtering of reports by the sections of
    /// <see cref="Advertisement"/> (first section of each type must start with the same bytes) and by byte patterns.
    /// </summary>
    /// <remarks>As on the device, a byte pattern is compared as CompareBufferWithOffset(sectionData, patternData,
    /// offset): the pattern's bytes must appear at <c>offset</c> in the section's data.</remarks>
    public class BluetoothLEAdvertisementFilter
    {
        private BluetoothLEAdvertisement _advertisement;
        private readonly ArrayList _bytePatterns;

        /// <summary>A filter that passes everything.</summary>
        public BluetoothLEAdvertisementFilter()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _advertisement = new BluetoothLEAdvertisement();
            _bytePatterns = new ArrayList();
        }

        /// <summary>Sections that must be present (with the same leading bytes).</summary>
        public BluetoothLEAdvertisement Advertisement
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _advertisement;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _advertisement = value;
            }
        }

        /// <summary>BluetoothLEAdvertisementBytePattern items that must all match.</summary>
        public ArrayList BytePatterns
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _bytePatterns;
            }
        }

        internal bool Filter(BluetoothLEAdvertisementReceivedEventArgs args)
        {
            foreach (BluetoothLEAdvertisementDataSection ds in _advertisement.DataSections)
            {
                ArrayList sections = args.Advertisement.GetSectionsByType(ds.DataType);
                if (sections.Count == 0)
                {
                    return false;
                }

                BluetoothLEAdvertisementDataSection fds = (BluetoothLEAdvertisementDataSection)sections[0];
                if (!CompareBufferWithOffset(ds.Data, fds.Data, 0))
                {
                    return false;
                }
            }

            foreach (BluetoothLEAdvertisementBytePattern bp in _bytePatterns)
            {
                ArrayList sections = args.Advertisement.GetSectionsByType(bp.DataType);
                if (sections.Count == 0)
                {
                    return false;
                }

                BluetoothLEAdvertisementDataSection fds = (BluetoothLEAdvertisementDataSection)sections[0];
                if (!CompareBufferWithOffset(fds.Data, bp.Data, bp.Offset))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool CompareBufferWithOffset(Buffer a, Buffer b, short offset)
        {
            if (a.Length < (b.Length + offset))
            {
                return false;
            }

            for (int i = 0; i < b.Length; i++)
            {
                if (a.Data[i + offset] != b.Data[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
