using System;
using System.Collections;
using System.Text;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>
    /// Mirror of nanoFramework's BluetoothLEAdvertisement (Advertisement/BluetoothLEAdvertisement.cs, 1.1.x),
    /// including how it becomes the legacy advertising payload.
    /// </summary>
    /// <remarks>
    /// Serialisation as the device does it (CreateLegacyAdvertisements, then NativeStartLegacyAdvertising in
    /// nf-interpreter targets/ESP32/_nanoCLR/nanoFramework.Device.Bluetooth/
    /// sys_dev_ble_native_nanoFramework_Device_Bluetooth_GenericAttributeProfile_GattServiceProvider.cpp, which copies
    /// the two arrays unchanged into ble_gap_adv_set_data / ble_gap_adv_rsp_set_data in esp32_nimble.cpp):
    /// <list type="number">
    /// <item>The payload is the internal section list in insertion order. The Flags, LocalName setters add or replace
    /// their section in place (a replaced section keeps its position); DataSections.Add appends.</item>
    /// <item>The constructor's default Flags value does NOT create a section: no Flags AD is sent unless the Flags
    /// setter is called.</item>
    /// <item>ServiceUuids is read-only and never serialised (it is only filled when parsing received adverts).</item>
    /// <item>Every manufacturer-data entry is removed from the list and re-appended at the end (company id
    /// little-endian, then Data) each time DataSections is read and at serialisation, so 0xFF sections always come
    /// last, in ManufacturerData order; a 0xFF section added through DataSections is dropped.</item>
    /// <item>Sections are packed first-fit into 31 bytes; a section that does not fit goes to the scan response
    /// (also 31 bytes, same first-fit); one that fits neither is silently dropped (Publisher's internal
    /// DataNotFitInAdvertisement flag). Later smaller sections can still fill the advert after a skipped one.</item>
    /// <item>Nothing is added by native code or NimBLE: no Flags, no TX power (IncludeTransmitPowerLevel is unused).</item>
    /// </list>
    /// </remarks>
    public class BluetoothLEAdvertisement
    {
        private const int MaxAdvertSize = 31;

        private BluetoothLEAdvertisementFlags _flags;
        private string _localName;
        private readonly ArrayList _serviceUuids;
        private readonly ArrayList _dataSections;
        private readonly ArrayList _manufacturerData;

        /// <summary>Empty advertisement; Flags reads ClassicNotSupported | GeneralDiscoverableMode but is not serialised.</summary>
        public BluetoothLEAdvertisement()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            _serviceUuids = new ArrayList();
            _manufacturerData = new ArrayList();
            _localName = string.Empty;
            _dataSections = new ArrayList();
            _flags = BluetoothLEAdvertisementFlags.ClassicNotSupported | BluetoothLEAdvertisementFlags.GeneralDiscoverableMode;
            IsConnectable = false;
            IsDiscovable = true;
        }

        /// <summary>The raw sections (BluetoothLEAdvertisementDataSection); reading it re-merges manufacturer data at the end.</summary>
        public ArrayList DataSections
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                MergeManufacturerArray();
                return _dataSections;
            }
        }

        /// <summary>Local name; setting it adds/replaces a CompleteLocalName (0x09) section, empty removes it.</summary>
        public string LocalName
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _localName;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _localName = value;
                if (_localName == null || _localName.Length == 0)
                {
                    RemoveSectionsOfType(BluetoothLEAdvertisementDataSectionType.CompleteLocalName);
                }
                else
                {
                    DataWriter dw = new DataWriter();
                    dw.WriteString(_localName);
                    AddOrUpdateDataSection(BluetoothLEAdvertisementDataSectionType.CompleteLocalName, dw.DetachBuffer());
                }
            }
        }

        /// <summary>Flags; setting it adds/replaces a one-byte Flags (0x01) section.</summary>
        public BluetoothLEAdvertisementFlags Flags
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _flags;
            }

            set
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                _flags = value;
                AddOrUpdateDataSection(BluetoothLEAdvertisementDataSectionType.Flags, new Buffer(new byte[] { (byte)_flags }));
            }
        }

        /// <summary>Manufacturer-specific sections (BluetoothLEManufacturerData); always serialised last.</summary>
        public ArrayList ManufacturerData
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _manufacturerData;
            }
        }

        /// <summary>Service UUIDs parsed from a received advert (never serialised).</summary>
        public Guid[] ServiceUuids
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return (Guid[])_serviceUuids.ToArray(typeof(Guid));
            }
        }

        internal bool IsConnectable { get; set; }

        internal bool IsDiscovable { get; set; }

        /// <summary>Sections of AD type <paramref name="type"/> (empty list when none).</summary>
        public ArrayList GetSectionsByType(byte type)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            ArrayList result = new ArrayList();
            foreach (BluetoothLEAdvertisementDataSection s in _dataSections)
            {
                if (s.DataType == type)
                {
                    result.Add(s);
                }
            }

            return result;
        }

        /// <summary>Manufacturer data entries of <paramref name="companyId"/>.</summary>
        public ArrayList GetManufacturerDataByCompanyId(ushort companyId)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            ArrayList subset = new ArrayList();
            foreach (BluetoothLEManufacturerData md in _manufacturerData)
            {
                if (md.CompanyId == companyId)
                {
                    subset.Add(md);
                }
            }

            return subset;
        }

        internal void AddOrUpdateDataSection(BluetoothLEAdvertisementDataSectionType type, Buffer data)
        {
            BluetoothLEAdvertisementDataSection section = new BluetoothLEAdvertisementDataSection((byte)type, data);
            for (int index = 0; index < _dataSections.Count; index++)
            {
                BluetoothLEAdvertisementDataSection existing = (BluetoothLEAdvertisementDataSection)_dataSections[index];
                if ((BluetoothLEAdvertisementDataSectionType)existing.DataType == type)
                {
                    _dataSections[index] = section;
                    return;
                }
            }

            _dataSections.Add(section);
        }

        /// <summary>Parses received AD bytes into sections and properties (as the watcher does on the device).</summary>
        internal void ParseBytesToSectionData(byte[] bytes)
        {
            int byteIndex = 0;
            _serviceUuids.Clear();
            _manufacturerData.Clear();

            while (byteIndex < bytes.Length)
            {
                int dataLength = bytes[byteIndex++] - 1;
                if (dataLength < 0 || (bytes.Length - byteIndex) < dataLength)
                {
                    break;
                }

                // The device reads the type byte even when the length byte says 1 and nothing follows (index past
                // the end throws there too); guard so a malformed report cannot kill the host dispatcher.
                if (byteIndex >= bytes.Length)
                {
                    break;
                }

                byte dataType = bytes[byteIndex++];
                if (bytes.Length - byteIndex < dataLength)
                {
                    break;
                }

                byte[] dataBytes = new byte[dataLength];
                Array.Copy(bytes, byteIndex, dataBytes, 0, dataLength);
                byteIndex += dataLength;

                BluetoothLEAdvertisementDataSection section = new BluetoothLEAdvertisementDataSection(dataType, new Buffer(dataBytes));
                _dataSections.Add(section);
                LoadDataSectionToProperty(section);
            }
        }

        /// <summary>
        /// Packs the sections into the 31-byte advert and the 31-byte scan response (exact-size arrays); returns true
        /// when some section fitted neither and was dropped.
        /// </summary>
        internal bool CreateLegacyAdvertisements(out byte[] advertData, out byte[] scanResponse)
        {
            int advertIndex = 0;
            int srIndex = 0;
            bool advertNotFit = false;
            ArrayList noFitList = new ArrayList();
            byte[] advert = new byte[MaxAdvertSize];
            byte[] response = new byte[MaxAdvertSize];

            MergeManufacturerArray();

            foreach (BluetoothLEAdvertisementDataSection ds in _dataSections)
            {
                int len = ds.AdvertisentLength();
                if (advertIndex + len <= MaxAdvertSize)
                {
                    Array.Copy(ds.ToAdvertisentBytes(), 0, advert, advertIndex, len);
                    advertIndex += len;
                }
                else
                {
                    noFitList.Add(ds);
                }
            }

            foreach (BluetoothLEAdvertisementDataSection ds in noFitList)
            {
                int len = ds.AdvertisentLength();
                if (srIndex + len <= MaxAdvertSize)
                {
                    Array.Copy(ds.ToAdvertisentBytes(), 0, response, srIndex, len);
                    srIndex += len;
                }
                else
                {
                    advertNotFit = true;
                }
            }

            advertData = new byte[advertIndex];
            Array.Copy(advert, advertData, advertIndex);
            scanResponse = new byte[srIndex];
            Array.Copy(response, scanResponse, srIndex);
            return advertNotFit;
        }

        internal void RemoveSectionsOfType(BluetoothLEAdvertisementDataSectionType sectionType)
        {
            for (int i = _dataSections.Count - 1; i >= 0; i--)
            {
                BluetoothLEAdvertisementDataSection ds = (BluetoothLEAdvertisementDataSection)_dataSections[i];
                if (ds.DataType == (byte)sectionType)
                {
                    _dataSections.RemoveAt(i);
                }
            }
        }

        private void MergeManufacturerArray()
        {
            RemoveSectionsOfType(BluetoothLEAdvertisementDataSectionType.ManufacturerSpecificData);
            foreach (BluetoothLEManufacturerData md in _manufacturerData)
            {
                DataWriter dw = new DataWriter();
                dw.WriteUInt16(md.CompanyId);
                for (int i = 0; i < md.Data.Length; i++)
                {
                    dw.WriteByte(md.Data.Data[i]);
                }

                _dataSections.Add(new BluetoothLEAdvertisementDataSection((byte)BluetoothLEAdvertisementDataSectionType.ManufacturerSpecificData, dw.DetachBuffer()));
            }
        }

        private void LoadDataSectionToProperty(BluetoothLEAdvertisementDataSection ds)
        {
            if (ds.Data.Length == 0)
            {
                return;
            }

            switch ((BluetoothLEAdvertisementDataSectionType)ds.DataType)
            {
                case BluetoothLEAdvertisementDataSectionType.Flags:
                    _flags = (BluetoothLEAdvertisementFlags)ds.Data.Data[0];
                    break;

                case BluetoothLEAdvertisementDataSectionType.ShortenedLocalName:
                case BluetoothLEAdvertisementDataSectionType.CompleteLocalName:
                    _localName = Encoding.UTF8.GetString(ds.Data.Data, 0, ds.Data.Data.Length);
                    break;

                case BluetoothLEAdvertisementDataSectionType.ManufacturerSpecificData:
                    ParseManufacturerData(ds.Data.Data);
                    break;

                case BluetoothLEAdvertisementDataSectionType.CompleteList16uuid:
                case BluetoothLEAdvertisementDataSectionType.IncompleteList16uuid:
                case BluetoothLEAdvertisementDataSectionType.CompleteList32uuid:
                case BluetoothLEAdvertisementDataSectionType.IncompleteList32uuid:
                case BluetoothLEAdvertisementDataSectionType.CompleteList128uuid:
                case BluetoothLEAdvertisementDataSectionType.IncompleteList128uuid:
                    // The device reads every UUID list as 16-byte UUIDs, so 16/32-bit lists yield nothing.
                    ParseUuidList(ds.Data.Data);
                    break;
            }
        }

        private void ParseManufacturerData(byte[] raw)
        {
            if (raw.Length >= 2)
            {
                ushort companyId = (ushort)(raw[0] + (raw[1] << 8));
                byte[] rest = new byte[raw.Length - 2];
                Array.Copy(raw, 2, rest, 0, rest.Length);
                _manufacturerData.Add(new BluetoothLEManufacturerData(companyId, new Buffer(rest)));
            }
        }

        private void ParseUuidList(byte[] raw)
        {
            int count = raw.Length / 16;
            DataReader reader = DataReader.FromBuffer(new Buffer(raw));
            for (int n = 0; n < count; n++)
            {
                _serviceUuids.Add(reader.ReadUuid());
            }
        }
    }
}
