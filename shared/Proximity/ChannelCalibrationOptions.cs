using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// <c>proximity.calibration</c>: the store's other nodes whose iBeacon this node hears, at distances the store
    /// manifest knows (tools/flash computes them from the nodes' floor positions). From them the node fits its own
    /// log-distance channel (<see cref="ChannelCalibrator"/>) instead of trusting the configured constants. Absent =
    /// the configured <c>measuredPowerDbm</c> and <c>pathLossExponent</c> are used as they are.
    /// </summary>
    public sealed class ChannelCalibrationOptions
    {
        /// <summary>Most neighbours a node keeps samples for (32 bytes of RAM each).</summary>
        public const int MaxNeighbours = 8;

        /// <summary>Neighbours nearer than this are refused: the log-distance model is fitted for the far field.</summary>
        public const double MinDistanceM = 1.0;

        public const double MaxDistanceM = 100.0;

        /// <summary>
        /// Default <c>phoneOffsetDb</c>: a phone's 1 m RSSI minus an ESP32 node's, as carried (hand, pocket, body in
        /// the way). Fitted on the training stores of <c>harness proximity-zones</c> (benchmarks/Proximity/README.md).
        /// </summary>
        public const double DefaultPhoneOffsetDb = -4.0;

        public ChannelCalibrationOptions()
        {
            PhoneOffsetDb = DefaultPhoneOffsetDb;
            MinSamples = 20;
            RefitS = 60;
            NeighbourMajor = new int[0];
            NeighbourMinor = new int[0];
            NeighbourDistanceM = new double[0];
        }

        /// <summary><c>uuid</c>: the proximity UUID the store's nodes advertise in their iBeacon frames.</summary>
        public byte[] Uuid { get; set; }

        /// <summary><c>neighbours[i].major</c>, 0–65535.</summary>
        public int[] NeighbourMajor { get; private set; }

        /// <summary><c>neighbours[i].minor</c>, 0–65535.</summary>
        public int[] NeighbourMinor { get; private set; }

        /// <summary><c>neighbours[i].distanceM</c>: from this node, 1–100 m.</summary>
        public double[] NeighbourDistanceM { get; private set; }

        public int NeighbourCount
        {
            get { return NeighbourMajor.Length; }
        }

        /// <summary><c>phoneOffsetDb</c>, -30..30: added to the fitted node-to-node 1 m power to get a phone's.</summary>
        public double PhoneOffsetDb { get; set; }

        /// <summary><c>minSamples</c>, 5–1000: samples a neighbour needs before it counts in the fit.</summary>
        public int MinSamples { get; set; }

        /// <summary><c>refitS</c>, 10–3600: how often the channel is fitted again from the samples held.</summary>
        public int RefitS { get; set; }

        public void SetNeighbours(int[] major, int[] minor, double[] distanceM)
        {
            NeighbourMajor = major;
            NeighbourMinor = minor;
            NeighbourDistanceM = distanceM;
        }

        /// <summary>Reads and validates <c>proximity.calibration</c>; null section = null (no calibration).</summary>
        public static ChannelCalibrationOptions Read(ConfigSection s)
        {
            if (s == null)
            {
                return null;
            }

            var o = new ChannelCalibrationOptions();
            string uuid = s.RequireString("uuid");
            o.Uuid = IBeaconOptions.ParseUuid(uuid);
            if (o.Uuid == null)
            {
                throw new ConfigException(s.KeyPath("uuid"), "must be a UUID: 8-4-4-4-12 hex digits with dashes, or 32 hex digits");
            }

            ConfigSection[] list = s.SectionArray("neighbours", MaxNeighbours);
            if (list.Length == 0)
            {
                throw new ConfigException(s.KeyPath("neighbours"), "must list 1 to " + MaxNeighbours + " neighbours");
            }

            var major = new int[list.Length];
            var minor = new int[list.Length];
            var distance = new double[list.Length];
            for (int i = 0; i < list.Length; i++)
            {
                foreach (string key in new string[] { "major", "minor", "distanceM" })
                {
                    if (!list[i].Has(key))
                    {
                        throw new ConfigException(list[i].KeyPath(key), "is required");
                    }
                }

                major[i] = list[i].GetInt("major", 0, 0, 65535);
                minor[i] = list[i].GetInt("minor", 0, 0, 65535);
                distance[i] = list[i].GetDouble("distanceM", 0, MinDistanceM, MaxDistanceM);
                list[i].RejectUnknownKeys();
            }

            o.SetNeighbours(major, minor, distance);
            o.PhoneOffsetDb = s.GetDouble("phoneOffsetDb", o.PhoneOffsetDb, -30, 30);
            o.MinSamples = s.GetInt("minSamples", o.MinSamples, 5, 1000);
            o.RefitS = s.GetInt("refitS", o.RefitS, 10, 3600);
            s.RejectUnknownKeys();
            o.Validate();
            return o;
        }

        /// <summary>Checks every rule; throws <see cref="ConfigException"/> with the key <c>proximity.calibration.*</c>.</summary>
        public void Validate()
        {
            const string Path = "proximity.calibration";
            if (Uuid == null || Uuid.Length != 16)
            {
                throw new ConfigException(Path + ".uuid", "must be a 16-byte UUID");
            }

            int n = NeighbourMajor == null ? 0 : NeighbourMajor.Length;
            if (n == 0 || n > MaxNeighbours || NeighbourMinor == null || NeighbourMinor.Length != n || NeighbourDistanceM == null || NeighbourDistanceM.Length != n)
            {
                throw new ConfigException(Path + ".neighbours", "must list 1 to " + MaxNeighbours + " neighbours");
            }

            for (int i = 0; i < n; i++)
            {
                string key = Path + ".neighbours[" + i + "]";
                if (NeighbourMajor[i] < 0 || NeighbourMajor[i] > 65535 || NeighbourMinor[i] < 0 || NeighbourMinor[i] > 65535)
                {
                    throw new ConfigException(key, "major and minor must be 0 to 65535");
                }

                if (!(NeighbourDistanceM[i] >= MinDistanceM && NeighbourDistanceM[i] <= MaxDistanceM))
                {
                    throw new ConfigException(key + ".distanceM", "must be between 1 and 100");
                }

                for (int j = 0; j < i; j++)
                {
                    if (NeighbourMajor[j] == NeighbourMajor[i] && NeighbourMinor[j] == NeighbourMinor[i])
                    {
                        throw new ConfigException(key, "is listed twice (same major and minor as neighbours[" + j + "])");
                    }
                }
            }

            if (!(PhoneOffsetDb >= -30 && PhoneOffsetDb <= 30))
            {
                throw new ConfigException(Path + ".phoneOffsetDb", "must be between -30 and 30");
            }

            if (MinSamples < 5 || MinSamples > 1000)
            {
                throw new ConfigException(Path + ".minSamples", "must be between 5 and 1000");
            }

            if (RefitS < 10 || RefitS > 3600)
            {
                throw new ConfigException(Path + ".refitS", "must be between 10 and 3600");
            }
        }
    }
}
