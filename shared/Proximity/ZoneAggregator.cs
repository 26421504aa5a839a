namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Per zone and per time bucket: the distinct visitors whose visit ended in the bucket, and a histogram of visit
    /// dwell times over fixed bins. A bucket is published only when its distinct visitors reach k (k-anonymity);
    /// otherwise it is dropped without a trace. Distinct visitors are remembered by session key in a bounded set;
    /// beyond <see cref="MaxDistinctPerZone"/> the count stops growing, so it is always a lower bound and can never
    /// push a small bucket over k.
    /// </summary>
    public sealed class ZoneAggregator
    {
        /// <summary>Distinct visitors remembered per zone and bucket.</summary>
        public const int MaxDistinctPerZone = 64;

        /// <summary>Dwell histogram bins: [0,15) [15,30) [30,60) [60,120) [120,300) [300,∞) seconds.</summary>
        public const int BinCount = 6;

        private static readonly int[] BinEdgesS = { 15, 30, 60, 120, 300 };

        private readonly int _zones;
        private readonly long _bucketMs;
        private readonly long[][] _keys;
        private readonly int[] _distinct;
        private readonly int[][] _hist;
        private long _bucketStartUnixMs = long.MinValue;

        /// <param name="zones">Number of zones.</param>
        /// <param name="bucketS">Bucket length in seconds (divides 3600).</param>
        /// <param name="k">Minimum distinct visitors for a bucket to be published, ≥ 2.</param>
        public ZoneAggregator(int zones, int bucketS, int k)
        {
            _zones = zones;
            _bucketMs = bucketS * 1000L;
            K = k;
            _keys = new long[zones][];
            _hist = new int[zones][];
            _distinct = new int[zones];
            for (int z = 0; z < zones; z++)
            {
                _keys[z] = new long[MaxDistinctPerZone];
                _hist[z] = new int[BinCount];
            }
        }

        /// <summary>k of k-anonymity (policy changes take effect from the next bucket on).</summary>
        public int K { get; set; }

        /// <summary>Start (Unix ms) of the bucket being filled, or long.MinValue before the first visit.</summary>
        public long BucketStartUnixMs
        {
            get { return _bucketStartUnixMs; }
        }

        public long BucketMs
        {
            get { return _bucketMs; }
        }

        /// <summary>True when <paramref name="unixMs"/> is past the bucket being filled (call <see cref="CloseBucket"/>).</summary>
        public bool IsDue(long unixMs)
        {
            return _bucketStartUnixMs != long.MinValue && unixMs >= _bucketStartUnixMs + _bucketMs;
        }

        /// <summary>Lower edge in seconds of histogram bin <paramref name="bin"/> (0–5).</summary>
        public static int BinLowerEdgeS(int bin)
        {
            return bin <= 0 ? 0 : BinEdgesS[bin - 1];
        }

        /// <summary>Distinct visitors of zone <paramref name="zone"/> in the open bucket.</summary>
        public int Distinct(int zone)
        {
            return _distinct[zone];
        }

        /// <summary>Dwell histogram of zone <paramref name="zone"/> in the open bucket (do not modify).</summary>
        public int[] Histogram(int zone)
        {
            return _hist[zone];
        }

        /// <summary>True when the zone's open bucket may be published (distinct visitors ≥ k).</summary>
        public bool Publishable(int zone)
        {
            return _distinct[zone] >= K && _distinct[zone] > 0;
        }

        /// <summary>Records a finished visit. Call <see cref="IsDue"/>/<see cref="CloseBucket"/> first.</summary>
        public void AddVisit(int zone, long visitorKey, long dwellMs, long unixMs)
        {
            if (_bucketStartUnixMs == long.MinValue)
            {
                _bucketStartUnixMs = FloorBucket(unixMs);
            }

            long[] keys = _keys[zone];
            bool seen = false;
            int n = _distinct[zone];
            for (int i = 0; i < n; i++)
            {
                if (keys[i] == visitorKey)
                {
                    seen = true;
                    break;
                }
            }

            if (!seen && n < MaxDistinctPerZone)
            {
                keys[n] = visitorKey;
                _distinct[zone] = n + 1;
            }

            long dwellS = dwellMs / 1000;
            int bin = 0;
            while (bin < BinEdgesS.Length && dwellS >= BinEdgesS[bin])
            {
                bin++;
            }

            _hist[zone][bin]++;
        }

        /// <summary>Empties the open bucket and starts the one containing <paramref name="unixMs"/>.</summary>
        public void CloseBucket(long unixMs)
        {
            for (int z = 0; z < _zones; z++)
            {
                long[] keys = _keys[z];
                for (int i = 0; i < _distinct[z]; i++)
                {
                    keys[i] = 0;
                }

                _distinct[z] = 0;
                int[] h = _hist[z];
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = 0;
                }
            }

            _bucketStartUnixMs = FloorBucket(unixMs);
        }

        private long FloorBucket(long unixMs)
        {
            long q = unixMs / _bucketMs;
            if (unixMs < 0 && unixMs % _bucketMs != 0)
            {
                q--;
            }

            return q * _bucketMs;
        }
    }
}
