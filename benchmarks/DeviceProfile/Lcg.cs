namespace Beacons.DeviceProfile
{
    /// <summary>A small deterministic generator (Numerical Recipes LCG): the same trace on every runtime, no System.Random.</summary>
    public sealed class Lcg
    {
        private uint _state;

        public Lcg(uint seed)
        {
            _state = seed;
        }

        /// <summary>0 .. n-1.</summary>
        public int Next(int n)
        {
            _state = unchecked((_state * 1664525u) + 1013904223u);
            // Through long, so an explicit conv.i4 ends it: nanoCLR keeps the unsigned tag of an uint result through a
            // no-op (int) cast, and in a Release build (no local in between) a later "sum - 1998" then wraps as uint
            // and converts to double as 4294967028 (found by this profile: Debug and Release traces differed).
            long v = _state >> 8;
            return (int)(v % n);
        }

        /// <summary>Roughly normal, mean 0, standard deviation ~1 (sum of four uniforms).</summary>
        public double Normal()
        {
            int sum = Next(1000) + Next(1000) + Next(1000) + Next(1000);
            return (sum - 1998) / 577.0;
        }
    }
}
