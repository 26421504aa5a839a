namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Picks a scanning node's aggregates out of its proximity payloads so that the latest one of each zone is also
    /// kept retained at <c>zones/&lt;zone&gt;</c> (TopicTree.Zone): a consumer that connects late, such as Home
    /// Assistant after a restart, sees each zone's last k-anonymous count at once. The match is a prefix compare
    /// against strings built at boot, so a payload costs no allocation; enter/dwell/exit never match.
    /// </summary>
    public sealed class ZoneLevels
    {
        private readonly string[] _prefixes;
        private readonly string[] _topics;

        public ZoneLevels(TopicTree topics, string[] zoneNames)
        {
            int n = zoneNames == null ? 0 : zoneNames.Length;
            _prefixes = new string[n];
            _topics = new string[n];
            var w = new JsonWriter(96);
            for (int i = 0; i < n; i++)
            {
                // The same writer calls as ProximityEventWriter.Aggregate, so the escaping is identical.
                w.Clear().BeginObject().String("type", "aggregate").String("zone", zoneNames[i]);
                _prefixes[i] = w.ToString() + ",";
                _topics[i] = topics.Zone(zoneNames[i]);
            }
        }

        /// <summary>The retained zone topic <paramref name="payload"/> belongs on, or null when it is no aggregate.</summary>
        public string TopicFor(string payload)
        {
            if (payload == null)
            {
                return null;
            }

            for (int i = 0; i < _prefixes.Length; i++)
            {
                if (payload.StartsWith(_prefixes[i]))
                {
                    return _topics[i];
                }
            }

            return null;
        }
    }
}
