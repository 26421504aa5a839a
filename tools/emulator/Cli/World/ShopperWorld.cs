using System;
using System.Collections.Generic;
using Beacons.VirtualDevice;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Emulator.World
{
    /// <summary>
    /// Shoppers walking a one-aisle store past the scanner nodes, with phones advertising over the shared radio
    /// medium. Most phones have no app (random address, no consent); some run the retailer's app with analytics
    /// consent, a few with personalization too (the consent signal of docs/consent-signal.md: half of them iPhones sending
    /// version 2, the service-UUID carrier, the rest Android phones sending version 1). Signal strength follows
    /// a log-distance model with per-link log-normal shadowing and Rayleigh fading, so scanners see what they would in
    /// a store: noisy, fading, occasionally missing.
    /// </summary>
    public sealed class ShopperWorld
    {
        private const double MeasuredPowerAt1mDbm = -59;
        private const double PathLossExponent = 2.2;
        private const double ShadowingSigmaDb = 4;
        private const int SensitivityDbm = -95;
        private const int ConsentCompanyId = 0xFFFF;

        /// <summary>An ESP32 node transmits this much above the phones (its 1 m power, seen by another node, is −55 dBm).</summary>
        private const double NodeTxAbovePhoneDb = 4;

        private readonly RadioMedium _medium;
        private readonly Random _random;

        // The radio channel draws from its own generator: deliveries come from the medium's threads at times the
        // scheduler decides, and sharing one generator with the shoppers made the seed's shoppers depend on them.
        private readonly Random _channelRandom;
        private readonly Dictionary<VirtualNode, double> _nodeX = new Dictionary<VirtualNode, double>();
        private readonly List<Shopper> _shoppers = new List<Shopper>();
        private readonly Dictionary<(VirtualNode, ulong), double> _shadowing = new Dictionary<(VirtualNode, ulong), double>();
        private readonly object _gate = new object();
        private readonly double _aisleLengthM;
        private int _nextId;

        public ShopperWorld(RadioMedium medium, int seed, double aisleLengthM)
        {
            _medium = medium;
            _random = new Random(seed);
            _channelRandom = new Random(unchecked((seed * 31) + 7));
            _aisleLengthM = aisleLengthM;
            _medium.RssiModel = Rssi;
        }

        /// <summary>Shoppers who consented to analytics (with or without personalization) so far.</summary>
        public int ConsentedVisitors { get; private set; }

        public int Visitors { get; private set; }

        /// <summary>
        /// Places a node at <paramref name="xM"/> metres along the aisle (0.5 m from the walking line): a scanner hears
        /// the shoppers and the other placed nodes' beacons, a beacon is heard by the scanners.
        /// </summary>
        public void PlaceNode(VirtualNode node, double xM)
        {
            lock (_gate)
            {
                _nodeX[node] = xM;
            }

            _medium.Attach(node);
        }

        /// <summary>Advances the world by <paramref name="dtS"/> seconds: arrivals, walking, dwelling at shelves, leaving.</summary>
        public void Step(double dtS)
        {
            // The medium calls back into Rssi (under its own lock) from delivery threads: never hold our lock while
            // calling into the medium, or the two locks can deadlock.
            var leaving = new List<ulong>();
            RadioAdvertiser arriving = null;
            lock (_gate)
            {
                if (_random.NextDouble() < dtS / 4.0 && _shoppers.Count < 25)
                {
                    Shopper s = NewShopper();
                    _shoppers.Add(s);
                    arriving = s.Phone;
                }

                for (int i = _shoppers.Count - 1; i >= 0; i--)
                {
                    Shopper s = _shoppers[i];
                    if (s.DwellLeftS > 0)
                    {
                        s.DwellLeftS -= dtS;
                        continue;
                    }

                    s.X += s.SpeedMps * dtS;
                    if (s.NextStopX.HasValue && s.X >= s.NextStopX.Value)
                    {
                        s.DwellLeftS = 5 + _random.NextDouble() * 40;
                        s.NextStopX = s.X + 2 + _random.NextDouble() * 8;
                    }

                    if (s.X > _aisleLengthM + 3)
                    {
                        leaving.Add(s.Phone.Address);
                        _shoppers.RemoveAt(i);
                    }
                }
            }

            if (arriving != null)
            {
                _medium.SetAdvertiser(arriving);
            }

            foreach (ulong address in leaving)
            {
                _medium.RemoveAdvertiser(address);
            }

            _medium.Refresh();
        }

        private Shopper NewShopper()
        {
            Visitors++;
            double kind = _random.NextDouble();
            int consentFlags = kind < 0.65 ? -1 : kind < 0.9 ? 0x01 : 0x03;
            if (consentFlags > 0)
            {
                ConsentedVisitors++;
            }

            var token = new byte[8];
            _random.NextBytes(token);
            byte[] ad = consentFlags < 0
                ? new byte[] { 0x02, 0x01, 0x1A, 0x03, 0x03, 0x6F, 0xFD } // a phone's usual noise: flags + exposure-notification UUID
                : _random.NextDouble() < 0.5
                    ? ConsentUuidAdvertisement((byte)consentFlags, token)
                    : ConsentAdvertisement((byte)consentFlags, token);
            ulong address = ((ulong)_random.NextInt64(1L << 46) | (1UL << 46)) & 0x7FFFFFFFFFFFUL; // random non-resolvable
            var phone = new RadioAdvertiser(address, BluetoothAddressType.Random, ad, 0, BluetoothLEAdvertisementType.NonConnectableUndirected, null, "shopper " + (++_nextId));
            return new Shopper
            {
                Phone = phone,
                X = -3,
                SpeedMps = 0.6 + _random.NextDouble() * 0.6,
                NextStopX = _random.NextDouble() * _aisleLengthM,
            };
        }

        private static byte[] ConsentAdvertisement(byte flags, byte[] token)
        {
            var ad = new byte[3 + 14];
            ad[0] = 0x02;
            ad[1] = 0x01;
            ad[2] = 0x1A;
            ad[3] = 13;
            ad[4] = 0xFF;
            ad[5] = ConsentCompanyId & 0xFF;
            ad[6] = ConsentCompanyId >> 8;
            ad[7] = 0x01;
            ad[8] = flags;
            Array.Copy(token, 0, ad, 9, 8);
            return ad;
        }

        /// <summary>
        /// An iPhone running the app in the foreground: consent signal version 2, one 128-bit service UUID
        /// (canonical FFFFC51D-02ff-0000-token, sent least significant byte first), the only carrier CoreBluetooth allows.
        /// </summary>
        private static byte[] ConsentUuidAdvertisement(byte flags, byte[] token)
        {
            var ad = new byte[3 + 18];
            ad[0] = 0x02;
            ad[1] = 0x01;
            ad[2] = 0x1A;
            ad[3] = 17;
            ad[4] = 0x07;
            for (int i = 0; i < 8; i++)
            {
                ad[5 + i] = token[7 - i];
            }

            ad[13] = 0x00;
            ad[14] = 0x00;
            ad[15] = flags;
            ad[16] = 0x02;
            ad[17] = 0x1D;
            ad[18] = 0xC5;
            ad[19] = ConsentCompanyId & 0xFF;
            ad[20] = ConsentCompanyId >> 8;
            return ad;
        }

        private int? Rssi(VirtualNode node, RadioAdvertiser advertiser)
        {
            lock (_gate)
            {
                if (!_nodeX.TryGetValue(node, out double nodeX))
                {
                    return null;
                }

                Shopper s = _shoppers.Find(p => p.Phone.Address == advertiser.Address);
                double d, txDb = 0;
                if (s != null)
                {
                    double dx = s.X - nodeX;
                    d = Math.Max(0.3, Math.Sqrt(dx * dx + 0.25));
                }
                else if (advertiser.SourceNode != null && advertiser.SourceNode != node && _nodeX.TryGetValue(advertiser.SourceNode, out double otherX))
                {
                    // Another node's beacon: the calibration input. Same channel, its own static shadowing and fading.
                    d = Math.Max(0.3, Math.Abs(otherX - nodeX));
                    txDb = NodeTxAbovePhoneDb;
                }
                else
                {
                    return null;
                }

                if (!_shadowing.TryGetValue((node, advertiser.Address), out double shadow))
                {
                    shadow = Gaussian() * ShadowingSigmaDb;
                    _shadowing[(node, advertiser.Address)] = shadow;
                }

                // Rayleigh fading: power gain ~ Exp(1), in dB.
                double fadingDb = 10 * Math.Log10(Math.Max(1e-3, -Math.Log(1 - _channelRandom.NextDouble())));
                double rssi = MeasuredPowerAt1mDbm + txDb - 10 * PathLossExponent * Math.Log10(d) + shadow + fadingDb;
                return rssi < SensitivityDbm ? null : (int)Math.Round(rssi);
            }
        }

        private double Gaussian()
        {
            double u1 = 1 - _channelRandom.NextDouble();
            double u2 = _channelRandom.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        private sealed class Shopper
        {
            public RadioAdvertiser Phone;
            public double X;
            public double SpeedMps;
            public double? NextStopX;
            public double DwellLeftS;
        }
    }
}
