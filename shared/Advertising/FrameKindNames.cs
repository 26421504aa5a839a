namespace Beacons.Shared.Advertising
{
    /// <summary>Lower-case names of <see cref="FrameKind"/> values, as used in config (<c>beacon.schedule.order</c>),
    /// logs and the virtual device's <c>adv</c> verb.</summary>
    public static class FrameKindNames
    {
        /// <summary>Number of <see cref="FrameKind"/> values, <see cref="FrameKind.None"/> included; kinds are 0..Count-1.</summary>
        public const int Count = 7;

        private static readonly string[] Names =
        {
            "none", "ibeacon", "eddystone-uid", "eddystone-url", "eddystone-tlm", "eddystone-eid", "altbeacon",
        };

        /// <summary><c>ibeacon</c>, <c>eddystone-uid</c>, <c>eddystone-url</c>, <c>eddystone-tlm</c>,
        /// <c>eddystone-eid</c>, <c>altbeacon</c>, or <c>none</c> (also for values outside the enum).</summary>
        public static string Name(FrameKind kind)
        {
            int i = (int)kind;
            return i > 0 && i < Count ? Names[i] : Names[0];
        }

        /// <summary>The kind named <paramref name="name"/> (exact, lower case), or <see cref="FrameKind.None"/>.</summary>
        public static FrameKind Parse(string name)
        {
            for (int i = 1; i < Count; i++)
            {
                if (Names[i] == name)
                {
                    return (FrameKind)i;
                }
            }

            return FrameKind.None;
        }
    }
}
