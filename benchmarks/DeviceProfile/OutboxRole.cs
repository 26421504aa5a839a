using System.Text;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Shelf;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// outbox: n01's node during a broker outage: 64 stock events (picks and restocks over four lanes) formatted as
    /// ShelfLanes formats them and queued with their flash journal records until the outbox is full (the 65th is refused
    /// and counted), then the broker comes back and everything is sent (8 in flight) and acknowledged. Four rounds.
    /// </summary>
    public sealed class OutboxRole : IProfileRole
    {
        public const int Rounds = 4;
        private static readonly string[] LaneIds = { "a1", "a2", "a3", "a4" };
        private static readonly double[] Units = { 355, 520.5, 150, 100 };

        private NodeCore _core;
        private StringBuilder _payload;
        private StringBuilder _ts;
        private StockEvent _event;

        public void Boot(RoleResult r)
        {
            _core = new NodeCore(SampleConfigs.BeaconShelf, r);
            _payload = new StringBuilder(256);
            _ts = new StringBuilder(32);
            _event = new StockEvent();
        }

        public void Run(RoleResult r)
        {
            var enqueue = new Micros();
            var deliver = new Micros();
            long enqueued = 0;
            long refused = 0;
            long allocated = 0;
            long payloadChars = 0;
            Outbox outbox = _core.Outbox;
            AckingTransport transport = _core.Transport;
            long boot = _core.BootRecord.Boot;
            long tMs = 0;
            for (int round = 0; round < Rounds; round++)
            {
                transport.Connected = false;
                for (int i = 0; i <= NodeCore.OutboxCapacity; i++)
                {
                    tMs += 1700;
                    int lane = i % 4;
                    _event.Clear();
                    _event.Kind = i % 5 == 4 ? StockEventKind.Restock : StockEventKind.Pick;
                    _event.Lane = LaneIds[lane];
                    _event.Quantity = 1 + (i % 3 == 0 ? 1 : 0);
                    _event.Items = 20 - (i % 17);
                    _event.Grams = (_event.Kind == StockEventKind.Pick ? -1 : 1) * _event.Quantity * Units[lane] * (1 + ((i % 7) - 3) / 1000.0);
                    _event.Confidence = 0.9 + ((i % 10) / 100.0);
                    _event.TMs = tMs;
                    long a0 = Heap.AllocatedBytes();
                    enqueue.Start();
                    _ts.Clear();
                    UnixTime.AppendIso(_ts, NodeCore.StartUnixMs + tMs);
                    _payload.Clear();
                    long seq = outbox.NextSeq();
                    StockEventJson.Write(_payload, _event, boot, seq, _ts.ToString(), false);
                    string payload = _payload.ToString();
                    bool ok = outbox.Enqueue(OutboxClass.Stock, _core.Topics.StockEvents, null, payload, boot, seq);
                    enqueue.Stop();
                    allocated += Heap.AllocatedBytes() - a0;
                    payloadChars += payload.Length;
                    if (ok)
                    {
                        enqueued++;
                    }
                    else
                    {
                        refused++;
                    }
                }

                // Full: 64 undelivered stock events held in RAM.
                r.Checkpoint();
                transport.Connected = true;
                deliver.Start();
                while (outbox.Count > 0)
                {
                    _core.Pump();
                }

                deliver.Stop();
            }

            r.RateName = "usPerEvent";
            r.Rate = enqueue.PerOp(enqueued + refused);
            if (!Heap.OnDevice)
            {
                r.AllocPerOp = Micros.Fixed2(allocated * 100 / (enqueued + refused));
            }

            r.Add("events", enqueued);
            r.Add("refused", refused);
            r.Add("payloadBytesAvg", payloadChars / (enqueued + refused));
            r.Add("usPerDelivery", deliver.PerOp(outbox.DeliveredStock));
            r.Add("delivered", outbox.DeliveredStock);
            r.Add("journalChars", _core.Storage.WrittenChars);
        }
    }
}
