namespace Beacons.Shared.Messaging
{
    /// <summary>How the outbox treats a message when the broker is away and memory runs short.</summary>
    public enum OutboxClass
    {
        /// <summary>Discrete stock events (pick, restock, unexplained, low, empty, fault): QoS 1, journaled to flash, never dropped silently.</summary>
        Stock = 0,

        /// <summary>A lane's retained level: QoS 1, retained, coalesced per lane (latest wins).</summary>
        Level = 1,

        /// <summary>Proximity events and aggregates: QoS 0; the oldest go first when the outbox is full.</summary>
        Proximity = 2,

        /// <summary>Retained state documents (privacy manifest, Home Assistant discovery): QoS 1, retained, coalesced per topic.</summary>
        State = 3,

        /// <summary>
        /// Command results: QoS 1, not retained (a late subscriber must not take an old result for a new one), never
        /// coalesced (every command gets exactly one result); the oldest pending result goes when the outbox is full.
        /// </summary>
        Result = 4,
    }
}
