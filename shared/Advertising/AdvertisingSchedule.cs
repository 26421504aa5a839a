using System;

namespace Beacons.Shared.Advertising
{
    /// <summary>
    /// Which frame the node broadcasts — or whether it scans — at a given time, as a pure function of time.
    /// </summary>
    /// <remarks>
    /// Time since <see cref="StartMs"/> is cut into steps. Without proximity scanning every step is one advertising
    /// slot of <see cref="SlotMs"/>, and slot g broadcasts <c>order[g mod order.Length]</c>. With scanning, each scan
    /// period holds <see cref="SlotsPerScanPeriod"/> advertising slots followed by one scan window of
    /// <see cref="ScanWindowMs"/>; the frame order carries on across periods, so every order entry gets the same
    /// share of advertising time in the long run. Every step lasts at least 1000 ms, so the radio is never switched
    /// faster than once a second.
    /// Driving it: call <see cref="Evaluate"/> with the current time, act on <see cref="CurrentFrame"/> /
    /// <see cref="IsScanWindow"/>, sleep until <see cref="NextSwitchMs"/>. Restart the publisher at a new step only
    /// when the activity or frame kind changed, or the frame is TLM (rebuilt at each TLM slot) or an EID that rotated.
    /// </remarks>
    public sealed class AdvertisingSchedule
    {
        /// <summary>NimBLE's default advertising interval range for non-connectable advertising, ms (reference §3a).</summary>
        public const int NimbleMinIntervalMs = 100;

        /// <summary>Upper end of NimBLE's default non-connectable interval, ms.</summary>
        public const int NimbleMaxIntervalMs = 150;

        /// <summary>The controller adds a random 0..10 ms advDelay to every advertising event (Core Spec Vol 6 Part B 4.4.2.2).</summary>
        public const int MaxAdvertisingDelayMs = 10;

        /// <summary>Mean time between advertising events used for estimates: mid interval 125 ms + mean delay 5 ms.</summary>
        public const int MeanEventSpacingMs = 130;

        /// <summary>PDUs per advertising event: one on each primary channel (37, 38, 39).</summary>
        public const int PdusPerEvent = 3;

        private readonly FrameKind[] _order;
        private readonly long _periodMs;
        private readonly long _advertisingPerPeriodMs;

        /// <summary>Creates a schedule.</summary>
        /// <param name="order">Slot sequence (copied); may be empty (no frames: scan all the time, or idle).</param>
        /// <param name="slotMs">Advertising slot length, ≥ 1000 ms.</param>
        /// <param name="proximityScanning">Interleave scan windows.</param>
        /// <param name="scanWindowMs">Scan window length, ≥ 1000 ms (ignored without scanning).</param>
        /// <param name="scanPeriodMs">Scan window start-to-start, ≥ scanWindowMs + slotMs (ignored without scanning).</param>
        /// <param name="startMs">Time of step 0 (ms, the same clock as <see cref="Evaluate"/>'s argument).</param>
        /// <exception cref="ArgumentException">A length is below its minimum.</exception>
        public AdvertisingSchedule(FrameKind[] order, int slotMs, bool proximityScanning, int scanWindowMs, int scanPeriodMs, long startMs)
        {
            if (order == null || slotMs < AdvertisingScheduleOptions.MinSlotMs
                || (proximityScanning && (scanWindowMs < AdvertisingScheduleOptions.MinSlotMs || scanPeriodMs < scanWindowMs + slotMs)))
            {
                throw new ArgumentException("slots and scan windows must be at least 1000 ms, and a scan period must hold a slot");
            }

            _order = new FrameKind[order.Length];
            Array.Copy(order, _order, order.Length);
            SlotMs = slotMs;
            ProximityScanning = proximityScanning;
            ScanWindowMs = proximityScanning ? scanWindowMs : 0;
            SlotsPerScanPeriod = proximityScanning ? (scanPeriodMs - scanWindowMs) / slotMs : 0;
            _advertisingPerPeriodMs = (long)SlotsPerScanPeriod * slotMs;
            _periodMs = _advertisingPerPeriodMs + ScanWindowMs;
            StartMs = startMs;
            NextSwitchMs = startMs;
        }

        /// <summary>Builds the schedule a validated <see cref="BeaconOptions"/> describes.</summary>
        /// <exception cref="Configuration.ConfigException">The options are invalid.</exception>
        public static AdvertisingSchedule FromOptions(BeaconOptions options, bool proximityScanning, long startMs)
        {
            options.Validate();
            AdvertisingScheduleOptions s = options.Schedule != null ? options.Schedule : new AdvertisingScheduleOptions();
            return new AdvertisingSchedule(s.ParseOrder(options.ConfiguredKinds()), s.SlotMs, proximityScanning, s.ScanWindowMs, s.ScanPeriodMs, startMs);
        }

        /// <summary>Time of step 0, ms.</summary>
        public long StartMs { get; }

        /// <summary>Advertising slot length, ms.</summary>
        public int SlotMs { get; }

        /// <summary>True when scan windows are interleaved.</summary>
        public bool ProximityScanning { get; }

        /// <summary>Scan window length, ms (0 without scanning).</summary>
        public int ScanWindowMs { get; }

        /// <summary>Advertising slots between two scan windows (0 without scanning).</summary>
        public int SlotsPerScanPeriod { get; }

        /// <summary>Scan window start-to-start after rounding to whole slots, ms (0 without scanning).</summary>
        public long EffectiveScanPeriodMs
        {
            get { return ProximityScanning ? _periodMs : 0; }
        }

        /// <summary>Number of entries in the slot sequence.</summary>
        public int OrderLength
        {
            get { return _order.Length; }
        }

        /// <summary>Entry <paramref name="index"/> of the slot sequence.</summary>
        public FrameKind OrderAt(int index)
        {
            return _order[index];
        }

        /// <summary>Step counter of the last <see cref="Evaluate"/> (advertising slots and scan windows both count);
        /// -1 before <see cref="StartMs"/>.</summary>
        public long StepNumber { get; private set; } = -1;

        /// <summary>Frame to broadcast now; <see cref="FrameKind.None"/> during scan windows and when idle.</summary>
        public FrameKind CurrentFrame { get; private set; }

        /// <summary>True when the radio should be scanning now.</summary>
        public bool IsScanWindow { get; private set; }

        /// <summary>When the current step began, ms.</summary>
        public long StepStartMs { get; private set; }

        /// <summary>When the current step ends, ms (long.MaxValue when nothing ever changes).</summary>
        public long NextSwitchMs { get; private set; }

        /// <summary>Works out the step at <paramref name="nowMs"/> and sets the Current… properties. Allocation-free.</summary>
        public void Evaluate(long nowMs)
        {
            long t = nowMs - StartMs;
            if (t < 0)
            {
                StepNumber = -1;
                CurrentFrame = FrameKind.None;
                IsScanWindow = false;
                StepStartMs = nowMs;
                NextSwitchMs = StartMs;
                return;
            }

            if (_order.Length == 0)
            {
                StepNumber = 0;
                CurrentFrame = FrameKind.None;
                IsScanWindow = ProximityScanning;
                StepStartMs = StartMs;
                NextSwitchMs = long.MaxValue;
                return;
            }

            if (!ProximityScanning)
            {
                long slot = t / SlotMs;
                StepNumber = slot;
                CurrentFrame = _order[(int)(slot % _order.Length)];
                IsScanWindow = false;
                StepStartMs = StartMs + slot * SlotMs;
                NextSwitchMs = StepStartMs + SlotMs;
                return;
            }

            long period = t / _periodMs;
            long within = t - period * _periodMs;
            long periodStart = StartMs + period * _periodMs;
            if (within < _advertisingPerPeriodMs)
            {
                long j = within / SlotMs;
                long slot = period * SlotsPerScanPeriod + j;
                StepNumber = period * (SlotsPerScanPeriod + 1) + j;
                CurrentFrame = _order[(int)(slot % _order.Length)];
                IsScanWindow = false;
                StepStartMs = periodStart + j * SlotMs;
                NextSwitchMs = StepStartMs + SlotMs;
            }
            else
            {
                StepNumber = period * (SlotsPerScanPeriod + 1) + SlotsPerScanPeriod;
                CurrentFrame = FrameKind.None;
                IsScanWindow = true;
                StepStartMs = periodStart + _advertisingPerPeriodMs;
                NextSwitchMs = periodStart + _periodMs;
            }
        }

        /// <summary>Long-run share of time (0..100 %) spent broadcasting <paramref name="kind"/>. Ignores the few ms
        /// the stack needs to stop and restart at slot boundaries.</summary>
        public double AirtimePercent(FrameKind kind)
        {
            if (_order.Length == 0)
            {
                return 0;
            }

            int count = 0;
            for (int i = 0; i < _order.Length; i++)
            {
                if (_order[i] == kind)
                {
                    count++;
                }
            }

            return 100.0 * count / _order.Length * AdvertisingFraction();
        }

        /// <summary>Long-run share of time (0..100 %) spent in scan windows.</summary>
        public double ScanPercent
        {
            get
            {
                if (!ProximityScanning)
                {
                    return 0;
                }

                return _order.Length == 0 ? 100.0 : 100.0 * ScanWindowMs / _periodMs;
            }
        }

        /// <summary>Longest time (ms) a phone waits between two slots of <paramref name="kind"/> (end of one to start of
        /// the next), over one full cycle; -1 when the kind is not scheduled.</summary>
        public long LongestGapMs(FrameKind kind)
        {
            if (_order.Length == 0)
            {
                return -1;
            }

            // One full cycle: lcm(order length, slots per period) slots, bounded by 16 × 600 in practice.
            long slotsInCycle = _order.Length;
            if (ProximityScanning)
            {
                slotsInCycle = Lcm(_order.Length, SlotsPerScanPeriod);
            }

            long firstStart = -1;
            long lastEnd = -1;
            long longest = -1;
            for (long g = 0; g < 2 * slotsInCycle; g++)
            {
                if (_order[(int)(g % _order.Length)] != kind)
                {
                    continue;
                }

                long start = SlotStartOffsetMs(g);
                if (firstStart < 0)
                {
                    firstStart = start;
                }
                else if (start - lastEnd > longest)
                {
                    longest = start - lastEnd;
                }

                lastEnd = start + SlotMs;
            }

            return firstStart < 0 ? -1 : (longest < 0 ? 0 : longest);
        }

        /// <summary>
        /// Advertising events the controller sends in one slot of <paramref name="slotMs"/> at NimBLE's default
        /// 100–150 ms interval plus 0–10 ms advDelay: at least slotMs / 160, at most slotMs / 100 + 1. Each event
        /// is <see cref="PdusPerEvent"/> PDUs (channels 37, 38, 39).
        /// </summary>
        public static void EventsPerSlot(int slotMs, out int min, out int max)
        {
            min = slotMs / (NimbleMaxIntervalMs + MaxAdvertisingDelayMs);
            max = slotMs / NimbleMinIntervalMs + 1;
        }

        /// <summary>
        /// Estimated advertising events since <see cref="StartMs"/> (for TLM's ADV_CNT, which nanoFramework cannot read
        /// from the controller): advertising time so far / <see cref="MeanEventSpacingMs"/>, modulo 2^32.
        /// </summary>
        public uint EstimatedAdvertisingEvents(long nowMs)
        {
            long t = nowMs - StartMs;
            if (t <= 0 || _order.Length == 0)
            {
                return 0;
            }

            long advertisingMs = t;
            if (ProximityScanning)
            {
                long period = t / _periodMs;
                long within = t - period * _periodMs;
                advertisingMs = period * _advertisingPerPeriodMs + (within < _advertisingPerPeriodMs ? within : _advertisingPerPeriodMs);
            }

            return (uint)((advertisingMs / MeanEventSpacingMs) & 0xFFFFFFFF);
        }

        private double AdvertisingFraction()
        {
            return ProximityScanning ? (double)_advertisingPerPeriodMs / _periodMs : 1.0;
        }

        private long SlotStartOffsetMs(long slot)
        {
            if (!ProximityScanning)
            {
                return slot * SlotMs;
            }

            long period = slot / SlotsPerScanPeriod;
            return period * _periodMs + (slot - period * SlotsPerScanPeriod) * SlotMs;
        }

        private static long Lcm(long a, long b)
        {
            long x = a;
            long y = b;
            while (y != 0)
            {
                long r = x % y;
                x = y;
                y = r;
            }

            return a / x * b;
        }
    }
}
