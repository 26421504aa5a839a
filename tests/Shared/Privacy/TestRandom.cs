namespace Beacons.Tests.Privacy
{
    /// <summary>Deterministic xorshift64* generator for property tests (same streams on the device and the host).</summary>
    public sealed class TestRandom
    {
        private ulong _state;

        public TestRandom(ulong seed)
        {
            _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        }

        public ulong NextULong()
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return _state * 0x2545F4914F6CDD1DUL;
        }

        /// <summary>Uniform in [0, max).</summary>
        public int Next(int max)
        {
            return (int)(NextULong() % (ulong)max);
        }

        public void Fill(byte[] b)
        {
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (byte)NextULong();
            }
        }
    }
}
