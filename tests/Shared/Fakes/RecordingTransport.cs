using System.Collections;
using System.Text;
using Beacons.Shared.Messaging;

namespace Beacons.Tests.Fakes
{
    /// <summary>An <see cref="IMessageTransport"/> that records what was published and acknowledges on demand.</summary>
    public sealed class RecordingTransport : IMessageTransport
    {
        private int _nextId = 1;

        public bool IsConnected { get; set; } = true;

        /// <summary>Refuse publishes after this many (simulates a full in-flight queue); -1 for no limit.</summary>
        public int AcceptLimit { get; set; } = -1;

        /// <summary>Each entry: "topic|qos|retain|payload|id".</summary>
        public ArrayList Published { get; } = new ArrayList();

        public int Publish(string topic, byte[] payload, bool atLeastOnce, bool retain)
        {
            if (!IsConnected || (AcceptLimit >= 0 && Published.Count >= AcceptLimit))
            {
                return -1;
            }

            int id = atLeastOnce ? _nextId++ : 0;
            Published.Add(topic + "|" + (atLeastOnce ? 1 : 0) + "|" + (retain ? 1 : 0) + "|" + Encoding.UTF8.GetString(payload, 0, payload.Length) + "|" + id);
            return id;
        }

        public void SetListener(ITransportListener listener)
        {
        }

        public string PayloadAt(int index)
        {
            return ((string)Published[index]).Split('|')[3];
        }

        public int IdAt(int index)
        {
            return int.Parse(((string)Published[index]).Split('|')[4]);
        }
    }
}
