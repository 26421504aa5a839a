using Beacons.Shared.Shelf;

namespace Beacons.Tests.Shelf
{
    /// <summary>
    /// Writes deterministic synthetic HX711 sample sequences into a lane: levels in grams with small pseudo-random
    /// noise, linear moves, raw codes and driver statuses, at the lane's sample period. Time only moves forward.
    /// </summary>
    public sealed class ShelfSignal
    {
        private readonly LaneProcessor _lane;
        private readonly double _countsPerGram;
        private readonly double _zeroCounts;
        private readonly int _periodMs;
        private uint _state = 2463534242;

        public ShelfSignal(LaneProcessor lane, double countsPerGram, double zeroCounts, int sps)
        {
            _lane = lane;
            _countsPerGram = countsPerGram;
            _zeroCounts = zeroCounts;
            _periodMs = 1000 / sps;
            NoiseCounts = 20;
        }

        /// <summary>Time of the next sample, ms.</summary>
        public long NowMs { get; set; }

        /// <summary>Peak noise added to every sample, counts (uniform ±).</summary>
        public int NoiseCounts { get; set; }

        /// <summary>Holds <paramref name="grams"/> for <paramref name="ms"/>.</summary>
        public void Hold(double grams, int ms)
        {
            for (int t = 0; t < ms; t += _periodMs)
            {
                Push(grams);
            }
        }

        /// <summary>Moves linearly from <paramref name="fromGrams"/> to <paramref name="toGrams"/> over <paramref name="ms"/>.</summary>
        public void Move(double fromGrams, double toGrams, int ms)
        {
            int n = ms / _periodMs;
            for (int i = 1; i <= n; i++)
            {
                Push(fromGrams + ((toGrams - fromGrams) * i / n));
            }
        }

        /// <summary>Pushes one sample of <paramref name="grams"/> (with noise).</summary>
        public void Push(double grams)
        {
            double raw = _zeroCounts + (grams * _countsPerGram) + Noise();
            _lane.Push(NowMs, (int)raw, SampleStatus.Ok);
            NowMs += _periodMs;
        }

        /// <summary>Pushes <paramref name="count"/> samples of exactly <paramref name="raw"/> with <paramref name="status"/>.</summary>
        public void Raw(int raw, SampleStatus status, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _lane.Push(NowMs, raw, status);
                NowMs += _periodMs;
            }
        }

        private int Noise()
        {
            if (NoiseCounts == 0)
            {
                return 0;
            }

            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (int)(_state % (uint)(2 * NoiseCounts + 1)) - NoiseCounts;
        }
    }
}
