using System;
using System.Text;
using Beacons.Shared.Common;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The bounded store-and-forward queue between the node's decisions and the broker (docs/mqtt.md, "Delivery").
    /// <list type="bullet">
    /// <item>Stock events get a per-boot <c>seq</c> (with the persisted <c>boot</c> counter a consumer detects duplicates
    /// and gaps), go at QoS 1, and are journaled to flash until the broker acknowledges them, so a reboot or a broker
    /// outage loses none. If the bound is ever hit by stock events alone, the newest is refused, counted in
    /// <see cref="DroppedStock"/> (published in the status) and shows as a seq gap: loud, never silent.</item>
    /// <item>Levels and retained state documents coalesce per key: only the latest unsent value is kept. Command
    /// results are neither retained nor coalesced.</item>
    /// <item>Proximity events are best effort: when the outbox is full the oldest proximity message goes first.</item>
    /// </list>
    /// Unacknowledged messages are re-sent after a reconnect with their original seq (at-least-once). Thread-safe:
    /// acknowledgements arrive on the MQTT receive thread.
    /// </summary>
    public sealed class Outbox : ITransportListener
    {
        /// <summary>The flash journal of unacknowledged stock events.</summary>
        public const string JournalFile = "outbox.log";

        private const int JournalCompactBytes = 16 * 1024;
        private readonly Entry[] _entries;
        private readonly int _maxInFlight;
        private readonly IStorage _journal;
        private readonly object _gate = new object();
        private readonly StringBuilder _line = new StringBuilder(256);
        private int _count;
        private long _nextSeq = 1;
        private int _journalBytes;

        /// <param name="capacity">Messages held in RAM (each holds one compact JSON payload, typically &lt; 200 B).</param>
        /// <param name="maxInFlight">QoS 1 messages awaiting PUBACK at once (keep below the client's in-flight queue).</param>
        /// <param name="journal">Flash storage for the stock journal, or null to keep stock events in RAM only.</param>
        /// <param name="boot">This boot's number (BootRecord), stamped on journal records.</param>
        public Outbox(int capacity, int maxInFlight, IStorage journal, long boot)
        {
            _entries = new Entry[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _entries[i] = new Entry();
            }

            _maxInFlight = maxInFlight;
            _journal = journal;
            Boot = boot;
        }

        public long Boot { get; }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Proximity messages evicted or refused because the outbox was full.</summary>
        public long DroppedProximity { get; private set; }

        /// <summary>Stock events refused because the outbox was full of undelivered stock events.</summary>
        public long DroppedStock { get; private set; }

        /// <summary>Command results evicted because the outbox was full (after every proximity message had gone).</summary>
        public long DroppedResults { get; private set; }

        /// <summary>Stock events delivered (acknowledged by the broker).</summary>
        public long DeliveredStock { get; private set; }

        /// <summary>Reserves the next stock sequence number; the caller formats the payload with it, then enqueues.</summary>
        public long NextSeq()
        {
            lock (_gate)
            {
                return _nextSeq++;
            }
        }

        /// <summary>
        /// Queues a message. <paramref name="key"/> identifies what a Level/State message coalesces with (lane id, topic).
        /// <paramref name="boot"/>/<paramref name="seq"/> identify a stock event (seq 0 for other classes).
        /// Returns false when the message was refused (full, and nothing older could make room).
        /// </summary>
        public bool Enqueue(OutboxClass cls, string topic, string key, string payload, long boot, long seq)
        {
            lock (_gate)
            {
                if (cls == OutboxClass.Level || cls == OutboxClass.State)
                {
                    for (int i = 0; i < _count; i++)
                    {
                        Entry e = _entries[i];
                        if (e.Class == cls && e.InFlightId < 0 && e.Key == key)
                        {
                            e.Topic = topic;
                            e.Payload = payload;
                            return true;
                        }
                    }
                }

                if (_count == _entries.Length && !MakeRoom())
                {
                    if (cls == OutboxClass.Stock)
                    {
                        DroppedStock++;
                    }
                    else if (cls == OutboxClass.Proximity)
                    {
                        DroppedProximity++;
                    }

                    return false;
                }

                if (cls == OutboxClass.Stock && _journal != null && !Journal('+', boot, seq, topic, payload))
                {
                    // The event is still held in RAM and will be sent; only its survival across a reboot is lost.
                }

                Entry entry = _entries[_count++];
                entry.Class = cls;
                entry.Topic = topic;
                entry.Key = key;
                entry.Payload = payload;
                entry.BootNo = boot;
                entry.Seq = seq;
                entry.InFlightId = -1;
                return true;
            }
        }

        /// <summary>
        /// Reloads unacknowledged stock events journaled by earlier boots (call once at boot, before new events), and
        /// rewrites the journal compacted.
        /// </summary>
        public int RestoreJournal()
        {
            if (_journal == null)
            {
                return 0;
            }

            string text = _journal.ReadText(JournalFile);
            if (text == null)
            {
                return 0;
            }

            string[] lines = text.Split('\n');
            int restored = 0;
            lock (_gate)
            {
                // The last element follows the final '\n': empty, or a record torn by a power cut mid-append, which
                // must not be sent half-written (its event was never acknowledged as journaled, so it is lost).
                for (int i = 0; i < lines.Length - 1; i++)
                {
                    string line = lines[i];
                    if (line.Length < 4)
                    {
                        continue;
                    }

                    string[] parts = line.Substring(1).Split('\t');
                    long boot;
                    long seq;
                    if (!ParseId(parts[0], out boot, out seq))
                    {
                        continue;
                    }

                    if (line[0] == '+' && parts.Length == 3 && _count < _entries.Length)
                    {
                        Entry e = _entries[_count++];
                        e.Class = OutboxClass.Stock;
                        e.Topic = parts[1];
                        e.Key = null;
                        e.Payload = parts[2];
                        e.BootNo = boot;
                        e.Seq = seq;
                        e.InFlightId = -1;
                        restored++;
                    }
                    else if (line[0] == '+' && parts.Length == 3)
                    {
                        DroppedStock++;
                    }
                    else if (line[0] == '-')
                    {
                        int index = FindStock(boot, seq);
                        if (index >= 0)
                        {
                            RemoveAt(index);
                            restored--;
                        }
                    }
                }

                CompactJournal();
            }

            return restored;
        }

        /// <summary>Sends what the transport will take: oldest first, at most the in-flight window of QoS 1 messages.</summary>
        public int Pump(IMessageTransport transport)
        {
            int sent = 0;
            lock (_gate)
            {
                if (!transport.IsConnected)
                {
                    return 0;
                }

                int inFlight = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_entries[i].InFlightId >= 0)
                    {
                        inFlight++;
                    }
                }

                int index = 0;
                while (index < _count)
                {
                    Entry e = _entries[index];
                    if (e.InFlightId >= 0)
                    {
                        index++;
                        continue;
                    }

                    bool qos1 = e.Class != OutboxClass.Proximity;
                    if (qos1 && inFlight >= _maxInFlight)
                    {
                        index++;
                        continue;
                    }

                    int id = transport.Publish(e.Topic, Encoding.UTF8.GetBytes(e.Payload), qos1, IsRetained(e.Class));
                    if (id < 0)
                    {
                        break;
                    }

                    sent++;
                    if (!qos1)
                    {
                        RemoveAt(index);
                        continue;
                    }

                    e.InFlightId = id;
                    inFlight++;
                    index++;
                }
            }

            return sent;
        }

        public void OnDelivered(int messageId)
        {
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    Entry e = _entries[i];
                    if (e.InFlightId == messageId)
                    {
                        if (e.Class == OutboxClass.Stock)
                        {
                            DeliveredStock++;
                            if (_journal != null)
                            {
                                Journal('-', e.BootNo, e.Seq, null, null);
                            }
                        }

                        RemoveAt(i);
                        return;
                    }
                }
            }
        }

        public void OnMessage(string topic, byte[] payload)
        {
        }

        /// <summary>Messages that were awaiting an acknowledgement are sent again after the reconnect.</summary>
        public void OnConnectionLost()
        {
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    _entries[i].InFlightId = -1;
                }
            }
        }

        /// <summary>Levels and state documents are retained (latest wins for a late subscriber); nothing else is.</summary>
        public static bool IsRetained(OutboxClass cls)
        {
            return cls == OutboxClass.Level || cls == OutboxClass.State;
        }

        /// <summary>Messages of <paramref name="cls"/> not yet acknowledged (queued or in flight).</summary>
        public int Pending(OutboxClass cls)
        {
            lock (_gate)
            {
                int n = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_entries[i].Class == cls)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        private bool MakeRoom()
        {
            int victim = -1;
            for (int i = 0; i < _count; i++)
            {
                Entry e = _entries[i];
                if (e.Class == OutboxClass.Proximity && e.InFlightId < 0)
                {
                    victim = i;
                    break;
                }
            }

            if (victim >= 0)
            {
                RemoveAt(victim);
                DroppedProximity++;
                return true;
            }

            for (int i = 0; i < _count; i++)
            {
                Entry e = _entries[i];
                if (e.Class == OutboxClass.Result && e.InFlightId < 0)
                {
                    RemoveAt(i);
                    DroppedResults++;
                    return true;
                }
            }

            return false;
        }

        private int FindStock(long boot, long seq)
        {
            for (int i = 0; i < _count; i++)
            {
                Entry e = _entries[i];
                if (e.Class == OutboxClass.Stock && e.BootNo == boot && e.Seq == seq)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Removes by shifting: keeps send order stable and the entry objects reused (no garbage).</summary>
        private void RemoveAt(int index)
        {
            Entry removed = _entries[index];
            for (int i = index; i < _count - 1; i++)
            {
                _entries[i] = _entries[i + 1];
            }

            _count--;
            removed.Payload = null;
            removed.Topic = null;
            removed.Key = null;
            _entries[_count] = removed;
        }

        private bool Journal(char op, long boot, long seq, string topic, string payload)
        {
            _line.Clear();
            _line.Append(op).Append(boot).Append(',').Append(seq);
            if (topic != null)
            {
                _line.Append('\t').Append(topic).Append('\t').Append(payload);
            }

            _line.Append('\n');
            try
            {
                string record = _line.ToString();
                _journal.AppendText(JournalFile, record);
                _journalBytes += record.Length;
                if (op == '-' && _journalBytes > JournalCompactBytes)
                {
                    CompactJournal();
                }

                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Rewrites the journal with only the pending stock events (bounded flash use, rare full writes).</summary>
        private void CompactJournal()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < _count; i++)
            {
                Entry e = _entries[i];
                if (e.Class == OutboxClass.Stock)
                {
                    sb.Append('+').Append(e.BootNo).Append(',').Append(e.Seq).Append('\t').Append(e.Topic).Append('\t').Append(e.Payload).Append('\n');
                }
            }

            try
            {
                string text = sb.ToString();
                _journal.WriteText(JournalFile, text);
                _journalBytes = text.Length;
            }
            catch (Exception)
            {
                // Keep appending to the old journal; compaction is retried at the next threshold.
            }
        }

        private static bool ParseId(string text, out long boot, out long seq)
        {
            boot = 0;
            seq = 0;
            int comma = text.IndexOf(',');
            return comma > 0 && long.TryParse(text.Substring(0, comma), out boot) && long.TryParse(text.Substring(comma + 1), out seq);
        }

        private sealed class Entry
        {
            public OutboxClass Class;
            public string Topic;
            public string Key;
            public string Payload;
            public long BootNo;
            public long Seq;
            public int InFlightId = -1;
        }
    }
}
