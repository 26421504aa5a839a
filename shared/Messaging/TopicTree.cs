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

        /// <summary>Retained level of one lane.</summary>
        public string StockLevel(string laneId)
        {
            return StockLevelPrefix + laneId;
        }
    }
}
