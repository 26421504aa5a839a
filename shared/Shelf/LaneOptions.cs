using Beacons.Shared.Configuration;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// One entry of the <c>lanes[]</c> config array: the HX711 wiring, the item being counted, the thresholds and
    /// the calibration. Defaults suit a 5 kg, 1 mV/V cell read at gain 128 and 10 SPS; see shared/Shelf/README.md.
    /// </summary>
    public sealed class LaneOptions
    {
        /// <summary>Rail codes of the 24-bit converter (a zero offset must lie strictly between them).</summary>
        private const int MinCounts = -8388608;
        private const int MaxCounts = 8388607;

        public LaneOptions()
        {
            DoutPin = -1;
            PdSckPin = -1;
            SpiBus = 1;
            Gain = 128;
            Sps = 10;
            UnitGrams = 0;
            ToleranceGrams = 0;
            LowItems = 2;
            EmptyItems = 0;
            HysteresisItems = 1;
            CountsPerGram = 0;
            ZeroCounts = 0;
            CapacityGrams = 0;
            MaxDriftGramsPerMin = 0;
        }

        /// <summary><c>id</c>: lane id, 1–32 of <c>A-Z a-z 0-9 - _ .</c>; a topic level (<c>stock/&lt;id&gt;</c>). Required.</summary>
        public string Id { get; set; }

        /// <summary><c>name</c>: display name, 1–64 chars (null = the id).</summary>
        public string Name { get; set; }

        /// <summary><c>doutPin</c>: GPIO of HX711 DOUT, 0–39 (-1 = not wired, allowed only outside the device config).</summary>
        public int DoutPin { get; set; }

        /// <summary><c>pdSckPin</c>: GPIO of HX711 PD_SCK (driven by SPI MOSI), 0–33 (-1 = not wired).</summary>
        public int PdSckPin { get; set; }

        /// <summary><c>spiBus</c>: ESP32 SPI bus clocking this HX711, 1 or 2.</summary>
        public int SpiBus { get; set; }

        /// <summary><c>gain</c>: 128 or 64 (channel A) or 32 (channel B).</summary>
        public int Gain { get; set; }

        /// <summary><c>sps</c>: samples per second set by the RATE pin, 10 or 80. Every time window of the chain scales with it.</summary>
        public int Sps { get; set; }

        /// <summary><c>unitGrams</c>: weight of one item, 1–50000 g. Required.</summary>
        public double UnitGrams { get; set; }

        /// <summary>
        /// <c>toleranceGrams</c>: how far a weight change may be from a whole number of items and still count with
        /// full trust, above 0 and below half a unit (0 = the default, 30 % of a unit).
        /// </summary>
        public double ToleranceGrams { get; set; }

        /// <summary><c>lowItems</c>: a low event fires when the count falls to this, 0–10000 (≥ emptyItems).</summary>
        public int LowItems { get; set; }

        /// <summary><c>emptyItems</c>: an empty event fires when the count falls to this, 0–10000.</summary>
        public int EmptyItems { get; set; }

        /// <summary>
        /// <c>hysteresisItems</c>: low/empty fire again only after the count has risen more than this many items above
        /// the threshold, 0–100 (stops a lane wobbling by one item from flooding events).
        /// </summary>
        public int HysteresisItems { get; set; }

        /// <summary>
        /// <c>countsPerGram</c>: HX711 counts per gram at <see cref="Gain"/>, magnitude 0.01–100000, negative when the
        /// cell is wired reversed (0 = not calibrated: the lane reports an uncalibrated fault until calibrated).
        /// </summary>
        public double CountsPerGram { get; set; }

        /// <summary><c>offsetCounts</c>: raw count of the empty lane (tray included), strictly inside the 24-bit rails.</summary>
        public double ZeroCounts { get; set; }

        /// <summary>
        /// <c>capacityGrams</c>: most the lane can physically carry (the cell's rating), 0 or at least one unit
        /// (0 = unknown: only the converter's rails bound a plausible reading).
        /// </summary>
        public double CapacityGrams { get; set; }

        /// <summary>
        /// <c>maxDriftGramsPerMin</c>: fastest zero drift (creep, temperature) that auto-zero follows, 0–100000 g/min
        /// (0 = the default, a fifth of a unit per minute but at least 1 g/min). Faster changes are stock changes.
        /// </summary>
        public double MaxDriftGramsPerMin { get; set; }

        /// <summary>The tolerance in force: <see cref="ToleranceGrams"/>, or 30 % of a unit when it is 0.</summary>
        public double EffectiveToleranceGrams
        {
            get { return ToleranceGrams > 0 ? ToleranceGrams : 0.3 * UnitGrams; }
        }

        /// <summary>The drift bound in force, g/min (see <see cref="MaxDriftGramsPerMin"/>).</summary>
        public double EffectiveMaxDriftGramsPerMin
        {
            get
            {
                if (MaxDriftGramsPerMin > 0)
                {
                    return MaxDriftGramsPerMin;
                }

                double fifth = 0.2 * UnitGrams;
                return fifth < 1.0 ? 1.0 : fifth;
            }
        }

        /// <summary>
        /// Reads and validates one <c>lanes[i]</c> object (its path, e.g. <c>lanes[0]</c>, prefixes every error key).
        /// Unknown keys are errors. Throws <see cref="ConfigException"/>.
        /// </summary>
        public static LaneOptions Read(ConfigSection s)
        {
            var o = new LaneOptions();
            o.Id = s.RequireString("id");
            o.Name = s.GetString("name", null);
            o.DoutPin = s.GetInt("doutPin", -1, 0, 39);
            o.PdSckPin = s.GetInt("pdSckPin", -1, 0, 33);
            if (o.DoutPin < 0)
            {
                throw new ConfigException(s.KeyPath("doutPin"), "is required");
            }

            if (o.PdSckPin < 0)
            {
                throw new ConfigException(s.KeyPath("pdSckPin"), "is required");
            }

            o.SpiBus = s.GetInt("spiBus", o.SpiBus, 1, 2);
            o.Gain = s.GetInt("gain", o.Gain, 32, 128);
            o.Sps = s.GetInt("sps", o.Sps, 10, 80);
            if (!s.Has("unitGrams"))
            {
                throw new ConfigException(s.KeyPath("unitGrams"), "is required");
            }

            o.UnitGrams = s.GetDouble("unitGrams", 0, 1, 50000);
            o.ToleranceGrams = s.GetDouble("toleranceGrams", 0, 0, 25000);
            o.LowItems = s.GetInt("lowItems", o.LowItems, 0, 10000);
            o.EmptyItems = s.GetInt("emptyItems", o.EmptyItems, 0, 10000);
            o.HysteresisItems = s.GetInt("hysteresisItems", o.HysteresisItems, 0, 100);
            o.CountsPerGram = s.GetDouble("countsPerGram", 0, -100000, 100000);
            o.ZeroCounts = s.GetDouble("offsetCounts", 0, MinCounts, MaxCounts);
            o.CapacityGrams = s.GetDouble("capacityGrams", 0, 0, 1000000);
            o.MaxDriftGramsPerMin = s.GetDouble("maxDriftGramsPerMin", 0, 0, 100000);
            s.RejectUnknownKeys();
            o.Validate(s.Path);
            return o;
        }

        /// <summary>
        /// Checks every rule. Error keys are <paramref name="keyPrefix"/> + "." + the JSON key, e.g.
        /// <c>lanes[0].unitGrams</c> (an empty prefix gives the bare key).
        /// </summary>
        /// <exception cref="ConfigException">The first rule broken.</exception>
        public void Validate(string keyPrefix)
        {
            if (!IsValidId(Id))
            {
                throw new ConfigException(Key(keyPrefix, "id"), "must be 1-32 characters of A-Z a-z 0-9 - _ .");
            }

            if (Name != null && (Name.Length == 0 || Name.Length > 64))
            {
                throw new ConfigException(Key(keyPrefix, "name"), "must be 1-64 characters");
            }

            if (DoutPin < -1 || DoutPin > 39)
            {
                throw new ConfigException(Key(keyPrefix, "doutPin"), "must be a GPIO between 0 and 39");
            }

            if (PdSckPin < -1 || PdSckPin > 33)
            {
                throw new ConfigException(Key(keyPrefix, "pdSckPin"), "must be an output-capable GPIO between 0 and 33");
            }

            if (DoutPin >= 0 && DoutPin == PdSckPin)
            {
                throw new ConfigException(Key(keyPrefix, "pdSckPin"), "must differ from doutPin");
            }

            if (SpiBus != 1 && SpiBus != 2)
            {
                throw new ConfigException(Key(keyPrefix, "spiBus"), "must be 1 or 2");
            }

            if (Gain != 128 && Gain != 64 && Gain != 32)
            {
                throw new ConfigException(Key(keyPrefix, "gain"), "must be 128, 64 or 32");
            }

            if (Sps != 10 && Sps != 80)
            {
                throw new ConfigException(Key(keyPrefix, "sps"), "must be 10 or 80");
            }

            if (!(UnitGrams >= 1 && UnitGrams <= 50000))
            {
                throw new ConfigException(Key(keyPrefix, "unitGrams"), "must be between 1 and 50000");
            }

            if (!(ToleranceGrams >= 0 && ToleranceGrams < 0.5 * UnitGrams))
            {
                throw new ConfigException(Key(keyPrefix, "toleranceGrams"), "must be 0 (default) or less than half of unitGrams");
            }

            if (EmptyItems < 0 || EmptyItems > 10000)
            {
                throw new ConfigException(Key(keyPrefix, "emptyItems"), "must be between 0 and 10000");
            }

            if (LowItems < EmptyItems || LowItems > 10000)
            {
                throw new ConfigException(Key(keyPrefix, "lowItems"), "must be between emptyItems and 10000");
            }

            if (HysteresisItems < 0 || HysteresisItems > 100)
            {
                throw new ConfigException(Key(keyPrefix, "hysteresisItems"), "must be between 0 and 100");
            }

            double magnitude = CountsPerGram < 0 ? -CountsPerGram : CountsPerGram;
            if (double.IsNaN(CountsPerGram) || (CountsPerGram != 0 && (magnitude < 0.01 || magnitude > 100000)))
            {
                throw new ConfigException(Key(keyPrefix, "countsPerGram"), "must be 0 (uncalibrated) or of magnitude 0.01 to 100000");
            }

            if (!(ZeroCounts > MinCounts && ZeroCounts < MaxCounts))
            {
                throw new ConfigException(Key(keyPrefix, "offsetCounts"), "must lie strictly between -8388608 and 8388607");
            }

            if (!(CapacityGrams == 0 || (CapacityGrams >= UnitGrams && CapacityGrams <= 1000000)))
            {
                throw new ConfigException(Key(keyPrefix, "capacityGrams"), "must be 0 (unknown) or between unitGrams and 1000000");
            }

            if (!(MaxDriftGramsPerMin >= 0 && MaxDriftGramsPerMin <= 100000))
            {
                throw new ConfigException(Key(keyPrefix, "maxDriftGramsPerMin"), "must be between 0 (default) and 100000");
            }
        }

        /// <summary>Whether <paramref name="id"/> is 1–32 characters of A-Z a-z 0-9 - _ . (usable as one MQTT topic level).</summary>
        public static bool IsValidId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Key(string prefix, string key)
        {
            return prefix == null || prefix.Length == 0 ? key : prefix + "." + key;
        }
    }
}
