using System;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// A recorded-style scan trace for one scan-only node: 64 distinct phones (random addresses) arriving over the first
    /// 96 s, each walking between 0.5–2.5 m and 3–9 m of the node on its own period, leaving after 3–5 minutes; RSSI
    /// from the log-distance model at the node's calibration (-59 dBm at 1 m, n = 2) with 4 dB noise and 5 % deep fades;
    /// one report per phone per scan window (the watcher filters duplicates), 10 % reported twice; two store beacons
    /// (iBeacon, Eddystone) heard every window. Three advertisement shapes, as phones send them.
    /// </summary>
    public sealed class ScanTrace
    {
        public const int Phones = 64;
        public const int StoreBeacons = 2;

        /// <summary>iOS "nearby" style: flags, tx power, Apple manufacturer data (not an iBeacon).</summary>
        private static readonly byte[] ApplePhone = { 0x02, 0x01, 0x1A, 0x02, 0x0A, 0x0C, 0x0B, 0xFF, 0x4C, 0x00, 0x10, 0x06, 0x13, 0x1D, 0x5C, 0x6E, 0x2F, 0x18 };

        /// <summary>Android style: flags, 16-bit service UUID list (0xFEF3), service data.</summary>
        private static readonly byte[] AndroidPhone = { 0x02, 0x01, 0x06, 0x03, 0x03, 0xF3, 0xFE, 0x0B, 0x16, 0xF3, 0xFE, 0x41, 0x12, 0x98, 0x7A, 0x01, 0x00, 0x33, 0x44 };

        /// <summary>A phone with the store app: flags, the consent structure (company 0xFFFF), tx power.</summary>
        private static readonly byte[] AppPhone = { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x0A, 0x0C };

        /// <summary>The store's iBeacon (n01's frame).</summary>
        private static readonly byte[] IBeacon = { 0x02, 0x01, 0x06, 0x1A, 0xFF, 0x4C, 0x00, 0x02, 0x15, 0xF7, 0x82, 0x6D, 0xA6, 0x4F, 0xA2, 0x4E, 0x98, 0x80, 0x24, 0xBC, 0x5B, 0x71, 0xE0, 0x89, 0x3E, 0x00, 0x01, 0x00, 0x01, 0xC5 };

        /// <summary>The store's Eddystone-UID.</summary>
        private static readonly byte[] EddystoneUid = { 0x02, 0x01, 0x06, 0x03, 0x03, 0xAA, 0xFE, 0x17, 0x16, 0xAA, 0xFE, 0x00, 0xEC, 0xED, 0xD1, 0xEB, 0xEA, 0xC0, 0x4E, 0x5D, 0xEF, 0xA0, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00 };

        private readonly Lcg _rng = new Lcg(64064);
        private readonly long[] _address = new long[Phones + StoreBeacons];
        private readonly long[] _arriveMs = new long[Phones];
        private readonly long[] _leaveMs = new long[Phones];
        private readonly double[] _nearM = new double[Phones];
        private readonly double[] _farM = new double[Phones];
        private readonly int[] _walkPeriodMs = new int[Phones];

        /// <summary>Reports of the window being delivered (filled by <see cref="Window"/>).</summary>
        public readonly long[] Address = new long[2 * (Phones + StoreBeacons)];
        public readonly int[] AddressType = new int[2 * (Phones + StoreBeacons)];
        public readonly int[] Rssi = new int[2 * (Phones + StoreBeacons)];
        public readonly byte[][] Ad = new byte[2 * (Phones + StoreBeacons)][];
        public int Count;

        public ScanTrace()
        {
            for (int i = 0; i < _address.Length; i++)
            {
                // Random static addresses: the two top bits set.
                _address[i] = (0xC0L << 40) | ((long)_rng.Next(1 << 20) << 20) | (long)_rng.Next(1 << 20);
            }

            for (int i = 0; i < Phones; i++)
            {
                _arriveMs[i] = 1500L * i;
                _leaveMs[i] = _arriveMs[i] + 180000 + _rng.Next(120000);
                _nearM[i] = 0.5 + (_rng.Next(200) / 100.0);
                _farM[i] = 3 + (_rng.Next(600) / 100.0);
                _walkPeriodMs[i] = 60000 + _rng.Next(120000);
            }
        }

        /// <summary>End of the trace: every phone has left and its session has timed out.</summary>
        public long DurationMs
        {
            get { return 420000; }
        }

        /// <summary>Phones present at <paramref name="tMs"/>.</summary>
        public int PresentAt(long tMs)
        {
            int n = 0;
            for (int i = 0; i < Phones; i++)
            {
                if (tMs >= _arriveMs[i] && tMs < _leaveMs[i])
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>
        /// Fills <see cref="Address"/>.. with the reports heard in the part <paramref name="part"/> of
        /// <paramref name="parts"/> of a scan window at <paramref name="tMs"/> (phones spread over the window).
        /// </summary>
        public void Window(long tMs, int part, int parts)
        {
            Count = 0;
            for (int i = 0; i < Phones; i++)
            {
                if (i % parts != part || tMs < _arriveMs[i] || tMs >= _leaveMs[i])
                {
                    continue;
                }

                int rssi = RssiAt(i, tMs);
                byte[] ad = i % 3 == 0 ? ApplePhone : (i % 3 == 1 ? AndroidPhone : AppPhone);
                Add(_address[i], 1, rssi, ad);
                if (_rng.Next(10) == 0)
                {
                    Add(_address[i], 1, rssi - 1 - _rng.Next(3), ad);
                }
            }

            if (part == 0)
            {
                Add(_address[Phones], 0, -70 + _rng.Next(5), IBeacon);
                Add(_address[Phones + 1], 0, -75 + _rng.Next(5), EddystoneUid);
            }
        }

        private void Add(long address, int type, int rssi, byte[] ad)
        {
            Address[Count] = address;
            AddressType[Count] = type;
            Rssi[Count] = rssi < -127 ? -127 : rssi;
            Ad[Count] = ad;
            Count++;
        }

        private int RssiAt(int phone, long tMs)
        {
            // Triangular walk between near and far.
            long period = _walkPeriodMs[phone];
            long phase = (tMs - _arriveMs[phone] + (phone * 7919L)) % period;
            double x = phase < period / 2 ? (2.0 * phase / period) : (2.0 - (2.0 * phase / period));
            double d = _nearM[phone] + ((_farM[phone] - _nearM[phone]) * x);
            double rssi = -59 - (20 * Math.Log10(d)) + (4 * _rng.Normal());
            if (_rng.Next(20) == 0)
            {
                rssi -= 12;
            }

            return (int)rssi;
        }
    }
}
