using Beacons.Shared.Shelf;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// A recorded-style HX711 trace of four lanes at 10 SPS, generated deterministically as the driver would deliver it:
    /// calibrated counts (the calibrations of <see cref="SampleConfigs.BeaconShelf"/>) of items plus tray, white noise
    /// ~58 counts RMS, 0.2 % spikes, shelf settling after each hand (under-damped), slow zero creep; every 15–40 s per
    /// lane a pick of 1–2 items, a restock of 3, a bump or a brief touch; lane 4 unplugged for 6 s (all-ones reads,
    /// then the HX711's 400 ms restart).
    /// </summary>
    public sealed class Hx711Trace
    {
        public const int Lanes = 4;
        public const int Sps = 10;
        public const int PeriodMs = 1000 / Sps;
        private const long UnplugFromMs = 100000;
        private const long UnplugToMs = 106000;

        private static readonly double[] UnitGrams = { 355, 520.5, 150, 100 };
        private static readonly double[] CountsPerGram = { 419.4, 219.8, 838.9, 1677.7 };
        private static readonly double[] ZeroCounts = { 31250, 8421, -12040, 52003 };

        private readonly Lcg _rng = new Lcg(20261122);
        private readonly int[] _items = { 12, 10, 20, 15 };
        private readonly double[] _grams = new double[Lanes];
        private readonly double[] _velocity = new double[Lanes];
        private readonly double[] _creep = new double[Lanes];
        private readonly long[] _nextEventMs = { 7000, 12000, 18000, 25000 };
        private readonly double[] _transientGrams = new double[Lanes];
        private readonly long[] _transientUntilMs = new long[Lanes];

        public Hx711Trace()
        {
            for (int i = 0; i < Lanes; i++)
            {
                _grams[i] = _items[i] * UnitGrams[i];
            }
        }

        /// <summary>
        /// Writes the MISO bytes an SPI read of <paramref name="raw"/> clocks in (Hx711Frame's layout: 4 data bits per
        /// byte, one per PD_SCK pulse pair), so the timed chain starts where the driver's SPI transfer ends.
        /// </summary>
        public static void Encode(int raw, byte[] miso, int offset)
        {
            int bits = raw & 0xFFFFFF;
            for (int i = 0; i < Hx711Frame.DataBytes; i++)
            {
                int n = (bits >> (20 - (4 * i))) & 0xF;
                miso[offset + i] = (byte)(((n & 8) << 3) | ((n & 4) << 2) | ((n & 2) << 1) | (n & 1));
            }

            miso[offset + Hx711Frame.DataBytes] = 0;
        }

        /// <summary>Hand events scripted so far (picks, restocks, bumps, touches).</summary>
        public int HandEvents { get; private set; }

        /// <summary>The sample of <paramref name="lane"/> at <paramref name="tMs"/> (call in time order, each lane once per period).</summary>
        public int Sample(int lane, long tMs, out SampleStatus status)
        {
            status = SampleStatus.Ok;
            if (lane == 3 && tMs >= UnplugFromMs && tMs < UnplugToMs + 400)
            {
                if (tMs < UnplugToMs)
                {
                    return -1; // DOUT floats high: 0xFFFFFF
                }

                status = SampleStatus.ReadyTimeout;
                return 0;
            }

            if (tMs >= _nextEventMs[lane])
            {
                Hand(lane, tMs);
            }

            double target = _items[lane] * UnitGrams[lane] + (tMs < _transientUntilMs[lane] ? _transientGrams[lane] : 0);
            // Under-damped shelf: ~0.6 s to settle within a few grams at 10 SPS.
            _velocity[lane] += (0.35 * (target - _grams[lane])) - (0.55 * _velocity[lane]);
            _grams[lane] += _velocity[lane];
            _creep[lane] += 0.2;
            double counts = ZeroCounts[lane] + _creep[lane] + (CountsPerGram[lane] * _grams[lane]) + (58 * _rng.Normal());
            if (_rng.Next(1000) < 2)
            {
                counts += _rng.Next(2) == 0 ? 30000 : -30000;
            }

            if (counts > 8388607)
            {
                counts = 8388607;
            }
            else if (counts < -8388608)
            {
                counts = -8388608;
            }

            return (int)counts;
        }

        private void Hand(int lane, long tMs)
        {
            HandEvents++;
            int roll = _rng.Next(100);
            if (roll < 50 && _items[lane] > 2)
            {
                _items[lane] -= 1 + _rng.Next(2);
            }
            else if (roll < 75)
            {
                _items[lane] += 3;
            }
            else if (roll < 90)
            {
                _transientGrams[lane] = 150;
                _transientUntilMs[lane] = tMs + 300;
            }
            else
            {
                _transientGrams[lane] = 80;
                _transientUntilMs[lane] = tMs + 600;
            }

            _nextEventMs[lane] = tMs + 15000 + _rng.Next(25000);
        }
    }
}
