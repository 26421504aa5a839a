using System.Text;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Shelf;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// beacon+shelf: n01's beacon schedule and frames (iBeacon, Eddystone UID/URL/TLM) on the radio coordinator, and four
    /// lanes: each sample is decoded from its SPI frame (<see cref="Hx711Frame"/>) and pushed into the lane's
    /// <see cref="LaneProcessor"/>, whose decisions are formatted and queued exactly as firmware ShelfLanes
    /// does (levels coalesced on stock/&lt;lane&gt;, events with seq on events/stock). Trace: 3 minutes of 4 × 10 SPS.
    /// </summary>
    public sealed class BeaconShelfRole : IProfileRole, IStockListener
    {
        public const int TraceSeconds = 180;

        private readonly Hx711Trace _trace;
        private NodeCore _core;
        private RadioCoordinator _radio;
        private NullAdvertiser _advertiser;
        private LaneProcessor[] _lanes;
        private StringBuilder _payload;
        private StringBuilder _ts;
        private long _nowMs;
        private long _events;
        private readonly int[] _kinds = new int[16];

        // One second of samples, generated before the timed block.
        private readonly byte[] _miso = new byte[Hx711Trace.Lanes * Hx711Trace.Sps * Hx711Frame.FrameBytes];
        private readonly SampleStatus[] _status = new SampleStatus[Hx711Trace.Lanes * Hx711Trace.Sps];

        public BeaconShelfRole(Hx711Trace trace)
        {
            _trace = trace;
        }

        public void Boot(RoleResult r)
        {
            _core = new NodeCore(SampleConfigs.BeaconShelf, r);
            DeviceConfig c = _core.Config;
            AdvertisingSchedule schedule = AdvertisingSchedule.FromOptions(c.Beacon, false, 0);
            BeaconFrameSet frames = new BeaconFrameSet(c.Beacon);
            _advertiser = new NullAdvertiser();
            _radio = new RadioCoordinator(schedule, frames, _advertiser, null, 0, 0);
            r.Mark("radio");
            _payload = new StringBuilder(256);
            _ts = new StringBuilder(32);
            _lanes = new LaneProcessor[c.Lanes.Length];
            for (int i = 0; i < _lanes.Length; i++)
            {
                _lanes[i] = new LaneProcessor(c.Lanes[i], this);
            }

            r.Mark("lanes");
        }

        public void Run(RoleResult r)
        {
            var samples = new Micros();
            var radio = new Micros();
            long sampleCount = 0;
            long radioTicks = 0;
            long allocated = 0;
            int lanes = _lanes.Length;
            for (int s = 0; s < TraceSeconds; s++)
            {
                long secondMs = s * 1000L;
                for (int k = 0; k < Hx711Trace.Sps; k++)
                {
                    for (int l = 0; l < lanes; l++)
                    {
                        SampleStatus st;
                        int raw = _trace.Sample(l, secondMs + (k * Hx711Trace.PeriodMs), out st);
                        Hx711Trace.Encode(raw, _miso, ((k * lanes) + l) * Hx711Frame.FrameBytes);
                        _status[(k * lanes) + l] = st;
                    }
                }

                long a0 = Heap.AllocatedBytes();
                samples.Start();
                for (int k = 0; k < Hx711Trace.Sps; k++)
                {
                    long t = secondMs + (k * Hx711Trace.PeriodMs);
                    _nowMs = t;
                    for (int l = 0; l < lanes; l++)
                    {
                        // Hx711Scale.ReadRaw after the SPI transfer: decode, all-ones check, sign extension; then the chain.
                        int i = (k * lanes) + l;
                        int raw = Hx711Frame.DecodeRaw(_miso, i * Hx711Frame.FrameBytes);
                        SampleStatus st = _status[i];
                        if (raw == Hx711Frame.AllOnesRaw)
                        {
                            // Floating DOUT (the trace's unplugged stretch): the driver reports SensorMissing.
                            raw = 0;
                            st = SampleStatus.NoSensor;
                        }
                        else
                        {
                            raw = Hx711Frame.SignExtend24(raw);
                        }

                        _lanes[l].Push(t, raw, st);
                    }
                }

                samples.Stop();
                allocated += Heap.AllocatedBytes() - a0;
                sampleCount += Hx711Trace.Sps * lanes;

                // The main loop's 20 ms ticks of the radio over this second.
                radio.Start();
                for (int t = 0; t < 1000; t += 20)
                {
                    long now = secondMs + t;
                    _radio.Tick(now, (NodeCore.StartUnixMs + now) / 1000, now, 0, double.NaN);
                }

                radio.Stop();
                radioTicks += 50;
                _core.Pump();
                if (s % 30 == 29)
                {
                    r.Checkpoint();
                }
            }

            r.RateName = "usPerSample";
            r.Rate = samples.PerOp(sampleCount);
            if (allocated >= 0 && !Heap.OnDevice)
            {
                r.AllocPerOp = Micros.Fixed2(allocated * 100 / sampleCount);
            }

            r.Add("samples", sampleCount);
            r.Add("stockMessages", _events);
            r.Add("handEvents", _trace.HandEvents);
            string items = "";
            for (int l = 0; l < lanes; l++)
            {
                items += (l == 0 ? "" : ",") + _lanes[l].Items + (_lanes[l].Fault == StockFault.None ? "" : "!" + (int)_lanes[l].Fault);
            }

            r.Add("items", items);
            r.Add("kinds", "level:" + _kinds[(int)StockEventKind.Level] + ",pick:" + _kinds[(int)StockEventKind.Pick]
                + ",restock:" + _kinds[(int)StockEventKind.Restock] + ",fault:" + _kinds[(int)StockEventKind.Fault]);
            r.Add("usPerRadioTick", radio.PerOp(radioTicks));
            r.Add("advertisingStarts", _advertiser.Starts);
            r.Add("published", _core.Transport.Published);
        }

        /// <summary>ShelfLanes.OnStockEvent: the decision formatted into the outbox (synchronously, inside Push).</summary>
        public void OnStockEvent(StockEvent e)
        {
            _events++;
            _kinds[(int)e.Kind]++;
            long unixMs = NodeCore.StartUnixMs + _nowMs;
            long boot = _core.BootRecord.Boot;
            _ts.Clear();
            UnixTime.AppendIso(_ts, unixMs);
            _payload.Clear();
            if (e.Kind == StockEventKind.Level)
            {
                StockEventJson.Write(_payload, e, boot, 0, _ts.ToString(), false);
                _core.Outbox.Enqueue(OutboxClass.Level, _core.Topics.StockLevel(e.Lane), e.Lane, _payload.ToString(), boot, 0);
                return;
            }

            long seq = _core.Outbox.NextSeq();
            StockEventJson.Write(_payload, e, boot, seq, _ts.ToString(), false);
            _core.Outbox.Enqueue(OutboxClass.Stock, _core.Topics.StockEvents, null, _payload.ToString(), boot, seq);
        }
    }
}
