using System;
using System.Collections;
using System.Text;
using Beacons.Firmware.Platform;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Shelf;

namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// The node's shelf lanes: one HX711 and one <see cref="LaneProcessor"/> per lane, up to two lanes on each of the
    /// ESP32's SPI buses through an <see cref="Hx711SharedBus"/> (plan: <see cref="LaneBusPlan"/>), read without blocking
    /// the main loop (a conversion is only clocked out once DOUT says it is ready), and the lanes' decisions turned into
    /// outbox messages — discrete events with seq on <c>events/stock</c>, the level retained on <c>stock/&lt;lane&gt;</c>.
    /// Also executes the lane commands: tare, calibrate, set-lane.
    /// </summary>
    public sealed class ShelfLanes : IStockListener, ICommandTarget
    {
        private readonly Lane[] _lanes;
        private readonly Outbox _outbox;
        private readonly TopicTree _topics;
        private readonly long _boot;
        private readonly StringBuilder _payload = new StringBuilder(256);
        private readonly StringBuilder _ts = new StringBuilder(32);
        private readonly Hx711SharedBus[] _buses = new Hx711SharedBus[LaneBusPlan.BusCount];
        private readonly Lane[] _turn = new Lane[LaneBusPlan.BusCount];
        private Lane _current;

        public ShelfLanes(LaneOptions[] options, Outbox outbox, TopicTree topics, long boot)
        {
            _outbox = outbox;
            _topics = topics;
            _boot = boot;

            // DeviceConfig already checked this; a caller that built options by hand gets the same named error.
            LaneBusPlan.Check(options, "lanes");
            _lanes = new Lane[options.Length];
            for (int i = 0; i < options.Length; i++)
            {
                LaneOptions o = options[i];
                int b = o.SpiBus - 1;
                if (_buses[b] == null)
                {
                    _buses[b] = new Hx711SharedBus(o.SpiBus, BoardPins.SpiClockPin(o.SpiBus));
                }

                Hx711SharedBus bus = _buses[b];
                int slot = bus.AddLane(o.DoutPin, o.PdSckPin);

                // The bus owns its device (re-created on every switch between its lanes), so the scale must not dispose it.
                var scale = new Hx711Scale(bus.Select(slot), false);
                scale.Gain = o.Gain == 64 ? Hx711Gain.A64 : o.Gain == 32 ? Hx711Gain.B32 : Hx711Gain.A128;

                // Only called when DOUT already said "ready": the wait is a formality, never a stall.
                scale.ReadyTimeoutMs = 5;
                _lanes[i] = new Lane { Options = o, Scale = scale, Processor = new LaneProcessor(o, this), PeriodMs = 1000 / o.Sps, Bus = bus, Slot = slot };
                if (_turn[b] == null)
                {
                    _turn[b] = _lanes[i];
                }
                else
                {
                    // LaneBusPlan allows two lanes per bus: the second one is the first one's partner.
                    _turn[b].Partner = _lanes[i];
                    _lanes[i].Partner = _turn[b];
                }
            }
        }

        public int Count => _lanes.Length;

        /// <summary>Copies each lane's measured noise and smallest reliable item into the status (same thread as Tick).</summary>
        public void FillStatus(NodeStatus status)
        {
            status.SetLaneCount(_lanes.Length);
            for (int i = 0; i < _lanes.Length; i++)
            {
                LaneProcessor p = _lanes[i].Processor;
                status.SetLane(i, _lanes[i].Options.Id, p.NoiseGrams, p.MinItemGrams);
            }
        }

        /// <summary>
        /// Serves each SPI bus once: its current lane is read if a conversion is ready (a silent sensor is reported as
        /// a ready timeout). A bus with two lanes is handed, after each sample or timeout, to the lane due first, so at
        /// equal rates it is re-muxed twice per conversion period, always between frames, while PD_SCK rests low.
        /// </summary>
        public void Tick(long nowMs)
        {
            for (int b = 0; b < _turn.Length; b++)
            {
                Lane lane = _turn[b];
                if (lane == null)
                {
                    continue;
                }

                if (lane.TurnStartMs < 0)
                {
                    lane.TurnStartMs = nowMs;
                }

                _current = lane;
                bool turnDone = false;
                try
                {
                    lane.Scale.Bind(lane.Bus.Select(lane.Slot));
                    if (lane.Scale.IsReady())
                    {
                        int raw;
                        Hx711ReadStatus status = lane.Scale.ReadRaw(out raw);
                        if (status == Hx711ReadStatus.Ok)
                        {
                            lane.LastSampleMs = nowMs;
                            lane.Processor.Push(nowMs, raw, SampleStatus.Ok);
                            lane.DueMs = nowMs + lane.PeriodMs;
                            turnDone = true;
                        }
                        else if (status == Hx711ReadStatus.SensorMissing)
                        {
                            lane.Processor.Push(nowMs, 0, SampleStatus.NoSensor);
                            lane.DueMs = nowMs + (lane.PeriodMs * 3);
                            turnDone = true;
                        }
                    }
                    else if (nowMs - Later(lane.LastSampleMs, lane.TurnStartMs) > lane.PeriodMs * 3 && nowMs - lane.LastSilentMs >= lane.PeriodMs)
                    {
                        // DOUT never went low: unplugged (pull-up) or a dead chip. The chain decides when it is a fault.
                        // Only time on the bus counts: a lane waiting for its turn is not silent.
                        lane.LastSilentMs = nowMs;
                        lane.Processor.Push(nowMs, 0, SampleStatus.ReadyTimeout);
                        lane.DueMs = nowMs + (lane.PeriodMs * 3);
                        turnDone = true;
                    }
                }
                catch (Exception)
                {
                    // A bus error on one lane must not stop the others or the node.
                    lane.Processor.Push(nowMs, 0, SampleStatus.ReadyTimeout);
                    lane.DueMs = nowMs + (lane.PeriodMs * 3);
                    turnDone = true;
                }

                if (turnDone)
                {
                    PassTurn(b, lane);
                }
            }

            _current = null;
        }

        /// <summary>
        /// Gives bus <paramref name="b"/> to whichever lane on it is due first (a tie goes to the partner, so two lanes at
        /// one rate alternate). A lane that timed out is due again only after three periods, so a dead sensor slows its
        /// bus partner instead of starving it.
        /// </summary>
        private void PassTurn(int b, Lane lane)
        {
            Lane next = lane.Partner != null && lane.Partner.DueMs <= lane.DueMs ? lane.Partner : lane;
            lane.TurnStartMs = -1;
            next.TurnStartMs = -1;
            _turn[b] = next;
        }

        private static long Later(long a, long b)
        {
            return a > b ? a : b;
        }

        /// <summary>Formats a lane's decision into the outbox (called synchronously by LaneProcessor.Push).</summary>
        public void OnStockEvent(StockEvent e)
        {
            long unixMs = DeviceClock.UnixMs();
            _ts.Clear();
            string ts = null;
            if (WallClock.IsSet(unixMs))
            {
                UnixTime.AppendIso(_ts, unixMs);
                ts = _ts.ToString();
            }

            _payload.Clear();
            if (e.Kind == StockEventKind.Level)
            {
                StockEventJson.Write(_payload, e, _boot, 0, ts, false);
                _outbox.Enqueue(OutboxClass.Level, _topics.StockLevel(e.Lane), e.Lane, _payload.ToString(), _boot, 0);
                return;
            }

            long seq = _outbox.NextSeq();
            StockEventJson.Write(_payload, e, _boot, seq, ts, false);
            _outbox.Enqueue(OutboxClass.Stock, _topics.StockEvents, null, _payload.ToString(), _boot, seq);
        }

        public bool Handles(string command)
        {
            return command == "tare" || command == "calibrate" || command == "set-lane";
        }

        public void Execute(string command, Hashtable body, long nowMs)
        {
            string id = body["id"] as string;
            Lane lane = Find(body["lane"] as string, id);
            if (command == "tare")
            {
                if (!lane.Processor.TryTare(nowMs))
                {
                    throw new CommandRejectedException(id, "failed", "the lane is not settled or its sensor is faulty; try again when it is still");
                }

                return;
            }

            if (command == "calibrate")
            {
                double known = Number(body, "knownGrams", id, true, 0);
                if (known <= 0 || known > 1000000)
                {
                    throw new CommandRejectedException(id, "invalid", "knownGrams must be between 0 and 1000000");
                }

                if (!lane.Processor.TryCalibrate(known, nowMs))
                {
                    throw new CommandRejectedException(id, "failed", "the lane is not settled, not tared, or the weight is too small to calibrate");
                }

                return;
            }

            // set-lane: build the whole new option set and validate it before anything changes.
            LaneOptions o = lane.Options;
            var next = new LaneOptions
            {
                Id = o.Id, Name = o.Name, DoutPin = o.DoutPin, PdSckPin = o.PdSckPin, SpiBus = o.SpiBus, Gain = o.Gain, Sps = o.Sps,
                UnitGrams = Number(body, "unitGrams", id, false, o.UnitGrams),
                ToleranceGrams = Number(body, "toleranceGrams", id, false, o.ToleranceGrams),
                LowItems = (int)Number(body, "lowItems", id, false, o.LowItems),
                EmptyItems = (int)Number(body, "emptyItems", id, false, o.EmptyItems),
                HysteresisItems = o.HysteresisItems,
                CountsPerGram = lane.Processor.CountsPerGram,
                ZeroCounts = lane.Processor.ZeroCounts,
                CapacityGrams = o.CapacityGrams,
                MaxDriftGramsPerMin = o.MaxDriftGramsPerMin,
            };
            try
            {
                next.Validate("lanes[" + IndexOf(lane) + "]");
            }
            catch (ConfigException ex)
            {
                throw new CommandRejectedException(id, "invalid", ex.Message);
            }

            lane.Options = next;
            lane.Processor.Configure(next);
        }

        private Lane Find(string laneId, string commandId)
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (_lanes[i].Options.Id == laneId)
                {
                    return _lanes[i];
                }
            }

            throw new CommandRejectedException(commandId, "invalid", "no lane with that id on this node");
        }

        private int IndexOf(Lane lane)
        {
            for (int i = 0; i < _lanes.Length; i++)
            {
                if (_lanes[i] == lane)
                {
                    return i;
                }
            }

            return -1;
        }

        private static double Number(Hashtable body, string key, string id, bool required, double current)
        {
            object raw = body[key];
            if (raw == null)
            {
                if (required)
                {
                    throw new CommandRejectedException(id, "invalid", key + " is required");
                }

                return current;
            }

            if (!(raw is double))
            {
                throw new CommandRejectedException(id, "invalid", key + " must be a number");
            }

            return (double)raw;
        }

        private sealed class Lane
        {
            public LaneOptions Options;
            public Hx711Scale Scale;
            public LaneProcessor Processor;
            public int PeriodMs;
            public long LastSampleMs;
            public long LastSilentMs;
            public Hx711SharedBus Bus;
            public int Slot;
            public long TurnStartMs = -1;
            public long DueMs;
            public Lane Partner;
        }
    }
}
