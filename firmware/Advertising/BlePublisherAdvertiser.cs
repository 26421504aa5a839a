using System;
using Beacons.Shared.Advertising;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace Beacons.Firmware.Advertising
{
    /// <summary>
    /// <see cref="IAdvertiser"/> over nanoFramework's BluetoothLEAdvertisementPublisher: takes the raw AD bytes the
    /// frame builders produce and configures a publisher so that the device's own serialisation puts exactly those
    /// bytes on air.
    /// </summary>
    /// <remarks>
    /// How the device serialises (nanoFramework.Device.Bluetooth 1.1.x BluetoothLEAdvertisement.CreateLegacyAdvertisements;
    /// nf-interpreter passes the result unchanged to NimBLE): sections in insertion order, except that every
    /// manufacturer-data entry is moved to the end; the Flags setter adds a section where it is called (the default
    /// Flags value adds none); nothing else is added. So the mapping is: Flags AD → Advertisement.Flags (set when met,
    /// keeping its place), 0xFF AD → ManufacturerData (company id read little-endian), every other AD →
    /// DataSections in order. The builders' frames (Flags then 0xFF; or Flags, UUID list, Service Data) come out
    /// byte-identical. A payload whose 0xFF AD is not last cannot be reproduced: it is still advertised (with the
    /// manufacturer data moved last, which scanners parse the same) and counted in <see cref="ReorderedCount"/>.
    /// Publishers are cached per payload (<see cref="CacheSlots"/>, least recently used replaced) so a rotation of
    /// static frames allocates nothing new per slot beyond what Start itself allocates inside the library.
    /// Not thread-safe: the advertising schedule calls it from one thread.
    /// </remarks>
    public sealed class BlePublisherAdvertiser : IAdvertiser
    {
        /// <summary>Distinct payloads whose publishers are kept (iBeacon, UID, URL, TLM rotate through 4).</summary>
        public const int CacheSlots = 4;

        private const int MaxPayloadBytes = 31;
        private const byte TypeFlags = 0x01;
        private const byte TypeManufacturerData = 0xFF;

        private readonly byte[][] _payloads = new byte[CacheSlots][];
        private readonly int[] _lengths = new int[CacheSlots];
        private readonly int[] _lastUse = new int[CacheSlots];
        private readonly BluetoothLEAdvertisementPublisher[] _publishers = new BluetoothLEAdvertisementPublisher[CacheSlots];
        private BluetoothLEAdvertisementPublisher _active;
        private int _useCounter;

        /// <summary>Creates the adapter; no radio activity until <see cref="Start"/>.</summary>
        public BlePublisherAdvertiser()
        {
            for (int i = 0; i < CacheSlots; i++)
            {
                _payloads[i] = new byte[MaxPayloadBytes];
                _lengths[i] = -1;
            }
        }

        /// <summary>Starts that returned false (invalid payload, radio refused, or the API threw).</summary>
        public int StartFailureCount { get; private set; }

        /// <summary>Starts refused because the stack ran in client (scanning) mode: InvalidOperationException.</summary>
        public int ModeConflictCount { get; private set; }

        /// <summary>Stops that threw (swallowed).</summary>
        public int StopFailureCount { get; private set; }

        /// <summary>Publisher/advertisement pairs built (a cache miss).</summary>
        public int BuildCount { get; private set; }

        /// <summary>Payloads advertised with manufacturer data moved last (the device cannot keep it elsewhere).</summary>
        public int ReorderedCount { get; private set; }

        /// <summary>Why the last failed Start failed (for the status log), or null.</summary>
        public string LastFailure { get; private set; }

        /// <summary>Whether a publisher is started.</summary>
        public bool IsAdvertising
        {
            get { return _active != null; }
        }

        /// <summary>
        /// Broadcasts <paramref name="length"/> bytes of AD structures from <paramref name="advertisingData"/> (1..31
        /// bytes of well-formed structures). Stops what is on air first. Returns false instead of throwing.
        /// </summary>
        public bool Start(byte[] advertisingData, int length)
        {
            Stop();
            if (advertisingData == null || length <= 0 || length > MaxPayloadBytes || length > advertisingData.Length)
            {
                return Fail("payload must be 1..31 bytes");
            }

            int slot = FindSlot(advertisingData, length);
            if (slot < 0)
            {
                slot = Build(advertisingData, length);
                if (slot < 0)
                {
                    return false;
                }
            }

            _useCounter++;
            _lastUse[slot] = _useCounter;
            BluetoothLEAdvertisementPublisher publisher = _publishers[slot];
            try
            {
                publisher.Start();
            }
            catch (InvalidOperationException)
            {
                ModeConflictCount++;
                return Fail("BLE stack is in client (scanning) mode");
            }
            catch (Exception)
            {
                return Fail("publisher Start threw");
            }

            if (publisher.Status != BluetoothLEAdvertisementPublisherStatus.Started)
            {
                return Fail("radio refused to start advertising");
            }

            _active = publisher;
            return true;
        }

        /// <summary>
        /// Stops broadcasting; safe when already stopped; never throws. The stack stays in server mode: changing the
        /// payload is a publisher Stop/Start, not a NimBLE restart.
        /// </summary>
        public void Stop()
        {
            BluetoothLEAdvertisementPublisher active = _active;
            _active = null;
            if (active == null)
            {
                return;
            }

            try
            {
                active.Stop();
            }
            catch (Exception)
            {
                StopFailureCount++;
            }
        }

        /// <summary>Stops broadcasting and leaves the server role so a scan window can start (see BleWatcherScanner.StopWindow).</summary>
        public void LeaveServerMode()
        {
            Stop();
            try
            {
                BluetoothLEServer.Instance.Stop();
            }
            catch (Exception)
            {
                StopFailureCount++;
            }
        }

        private bool Fail(string why)
        {
            StartFailureCount++;
            LastFailure = why;
            return false;
        }

        private int FindSlot(byte[] data, int length)
        {
            for (int slot = 0; slot < CacheSlots; slot++)
            {
                if (_lengths[slot] != length)
                {
                    continue;
                }

                byte[] cached = _payloads[slot];
                bool same = true;
                for (int i = 0; i < length; i++)
                {
                    if (cached[i] != data[i])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return slot;
                }
            }

            return -1;
        }

        private int Build(byte[] data, int length)
        {
            if (!IsWellFormed(data, length))
            {
                Fail("malformed AD structures");
                return -1;
            }

            BluetoothLEAdvertisement advertisement;
            bool reordered;
            try
            {
                advertisement = ToAdvertisement(data, length, out reordered);
            }
            catch (Exception)
            {
                Fail("building the advertisement threw");
                return -1;
            }

            if (reordered)
            {
                ReorderedCount++;
            }

            int slot = 0;
            for (int i = 1; i < CacheSlots; i++)
            {
                if (_lengths[i] < 0 || (_lengths[slot] >= 0 && _lastUse[i] < _lastUse[slot]))
                {
                    slot = i;
                }

                if (_lengths[slot] < 0)
                {
                    break;
                }
            }

            Array.Copy(data, 0, _payloads[slot], 0, length);
            _lengths[slot] = length;
            _publishers[slot] = new BluetoothLEAdvertisementPublisher(advertisement);
            BuildCount++;
            return slot;
        }

        /// <summary>Each AD: a length byte of at least 2 (type + data, except 0xFF which needs its 2-byte company
        /// id) that fits in the payload. Zero-length padding is rejected: the device would not send it.</summary>
        private static bool IsWellFormed(byte[] data, int length)
        {
            int offset = 0;
            while (offset < length)
            {
                int adLength = data[offset];
                if (adLength < 1 || offset + 1 + adLength > length)
                {
                    return false;
                }

                if (data[offset + 1] == TypeManufacturerData && adLength < 3)
                {
                    // The device always writes a company id for 0xFF sections and drops raw 0xFF DataSections.
                    return false;
                }

                offset += 1 + adLength;
            }

            return true;
        }

        private static BluetoothLEAdvertisement ToAdvertisement(byte[] data, int length, out bool reordered)
        {
            BluetoothLEAdvertisement advertisement = new BluetoothLEAdvertisement();
            bool flagsSet = false;
            bool manufacturerSeen = false;
            reordered = false;
            int offset = 0;
            while (offset < length)
            {
                int dataLength = data[offset] - 1;
                byte type = data[offset + 1];
                int dataOffset = offset + 2;
                offset = dataOffset + dataLength;

                if (type == TypeManufacturerData)
                {
                    ushort companyId = (ushort)(data[dataOffset] | (data[dataOffset + 1] << 8));
                    advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData(companyId, Slice(data, dataOffset + 2, dataLength - 2)));
                    manufacturerSeen = true;
                    continue;
                }

                if (manufacturerSeen)
                {
                    reordered = true;
                }

                if (type == TypeFlags && dataLength == 1 && !flagsSet)
                {
                    // The setter appends the Flags section now, so it keeps its place among the others.
                    advertisement.Flags = (BluetoothLEAdvertisementFlags)data[dataOffset];
                    flagsSet = true;
                    continue;
                }

                advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(type, Slice(data, dataOffset, dataLength)));
            }

            return advertisement;
        }

        private static BleBuffer Slice(byte[] data, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            return new BleBuffer(copy);
        }
    }
}
