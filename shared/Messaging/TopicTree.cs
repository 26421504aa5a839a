using Beacons.Shared.Common;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The node's MQTT topics, <c>&lt;prefix&gt;/&lt;store&gt;/&lt;device&gt;/…</c> (docs/mqtt.md). Everything a device
    /// writes or reads sits under its own subtree, so one broker ACL pattern (<c>%u</c> = <c>store/device</c>) isolates
    /// it, and a store's ops can subscribe to <c>&lt;prefix&gt;/&lt;store&gt;/#</c>. Strings are built once at boot.
    /// </summary>
    public sealed class TopicTree
    {
        public TopicTree(string prefix, string storeId, string deviceId)
        {
            Root = prefix + "/" + storeId + "/" + deviceId;
            Status = Root + "/status";
            StockEvents = Root + "/events/stock";
            ProximityEvents = Root + "/events/proximity";
            Privacy = Root + "/privacy";
            Command = Root + "/cmd";
            CommandResult = Root + "/cmd/result";
            StockLevelPrefix = Root + "/stock/";
            ZonePrefix = Root + "/zones/";
        }

        /// <summary><c>prefix/store/device</c>.</summary>
        public string Root { get; }

        /// <summary>Retained birth (<c>online</c>) and Last Will (<c>offline</c>).</summary>
        public string Status { get; }

        public string StockEvents { get; }

        public string ProximityEvents { get; }

        /// <summary>Retained privacy manifest.</summary>
        public string Privacy { get; }

        /// <summary>Inbound, signed commands.</summary>
        public string Command { get; }

        public string CommandResult { get; }

        private string StockLevelPrefix { get; }

        private string ZonePrefix { get; }

        /// <summary>Retained level of one lane.</summary>
        public string StockLevel(string laneId)
        {
            return StockLevelPrefix + laneId;
        }

        /// <summary>Retained latest k-anonymous aggregate of one zone: <c>zones/&lt;SafeId(zone)&gt;</c>.</summary>
        public string Zone(string zoneName)
        {
            return ZonePrefix + SafeId(zoneName);
        }

        /// <summary>
        /// <paramref name="id"/> as a topic level and a Home Assistant object id (<c>[a-zA-Z0-9_-]</c>): letters, digits
        /// and <c>-</c> unchanged, any other character as <c>_</c> plus two hex digits (<c>_u</c> plus four above U+00FF),
        /// the empty string as <c>_</c>. Injective, so distinct ids stay distinct (<c>a.1</c> → <c>a_2e1</c>,
        /// <c>a_1</c> → <c>a_5f1</c>). Called at boot only.
        /// </summary>
        public static string SafeId(string id)
        {
            if (id == null || id.Length == 0)
            {
                return "_";
            }

            bool plain = true;
            for (int i = 0; i < id.Length && plain; i++)
            {
                plain = IsPlain(id[i]);
            }

            if (plain)
            {
                return id;
            }

            var sb = new System.Text.StringBuilder(id.Length + 8);
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (IsPlain(c))
                {
                    sb.Append(c);
                }
                else if (c <= 0xFF)
                {
                    sb.Append('_').Append(Hex.Digit(c >> 4)).Append(Hex.Digit(c));
                }
                else
                {
                    sb.Append("_u").Append(Hex.Digit(c >> 12)).Append(Hex.Digit(c >> 8)).Append(Hex.Digit(c >> 4)).Append(Hex.Digit(c));
                }
            }

            return sb.ToString();
        }

        private static bool IsPlain(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }
    }
}
