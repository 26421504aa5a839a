using System;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// One advertising session of a node's radio: from a successful native start (or a data change) to the stop.
    /// Holds the exact bytes handed to NimBLE and simulates the advertising events the controller sends.
    /// </summary>
    /// <remarks>
    /// Interval model: nanoFramework leaves ble_gap_adv_params' interval fields at 0, so NimBLE uses its defaults for
    /// a non-connectable advertiser, 100–150 ms (BLE_GAP_ADV_FAST_INTERVAL2_MIN/MAX, ble_gap_adv_dflt_itvls). The
    /// controller picks one interval in that range (here: uniform, in 0.625 ms units, per session) and the link layer
    /// adds a pseudo-random advDelay of 0–10 ms to every event (Core spec Vol 6 Part B §4.4.2.2.1). Each event sends
    /// the PDU on the three primary channels 37, 38 and 39. Deterministic: seeded from the address and session index.
    /// </remarks>
    public sealed class AdvertisingSession
    {
        /// <summary>Primary advertising channels used per event.</summary>
        public const int ChannelsPerEvent = 3;

        private readonly int _seed;

        internal AdvertisingSession(int index, long startMs, byte[] advertisingData, byte[] scanResponse, byte pduType, ulong address, bool randomAddress)
        {
            Index = index;
            StartMs = startMs;
            AdvertisingData = advertisingData;
            ScanResponse = scanResponse;
            PduType = pduType;
            Address = address;
            RandomAddress = randomAddress;
            _seed = unchecked((int)(address ^ (address >> 32)) * 31 + index);
            var random = new Random(_seed);

            // 160..240 units of 0.625 ms = 100..150 ms.
            IntervalUs = (160 + random.Next(81)) * 625;
        }

        /// <summary>0-based position in the radio's session list.</summary>
        public int Index { get; }

        /// <summary>Medium time (ms) the session began.</summary>
        public long StartMs { get; }

        /// <summary>Medium time (ms) it ended, or null while still on air.</summary>
        public long? StopMs { get; internal set; }

        /// <summary>The advertising data bytes exactly as given to ble_gap_adv_set_data.</summary>
        public byte[] AdvertisingData { get; }

        /// <summary>The scan response bytes (empty: the publisher then sets none).</summary>
        public byte[] ScanResponse { get; }

        /// <summary>Link-layer PDU type on air: 0x6 ADV_SCAN_IND for a nanoFramework publisher (see VirtualRadio).</summary>
        public byte PduType { get; }

        /// <summary>AdvA (display order).</summary>
        public ulong Address { get; }

        /// <summary>TxAdd: whether AdvA is a random address.</summary>
        public bool RandomAddress { get; }

        /// <summary>The controller's chosen advertising interval in µs (100 000..150 000).</summary>
        public long IntervalUs { get; }

        /// <summary>Session length in ms up to <paramref name="untilMs"/> (or the stop time if earlier).</summary>
        public long DurationMs(long untilMs) => Math.Max(0, EndMs(untilMs) - StartMs);

        /// <summary>Times (µs since <see cref="StartMs"/>) of the advertising events sent before the session's end
        /// (or <paramref name="untilMs"/> for a session still on air). The first event goes out at the start.</summary>
        public long[] EventOffsetsUs(long untilMs)
        {
            long endUs = DurationMs(untilMs) * 1000;
            var random = new Random(_seed ^ 0x5A5A5A);
            var times = new System.Collections.Generic.List<long>();
            long t = 0;
            while (t < endUs)
            {
                times.Add(t);
                t += IntervalUs + random.Next(0, 10001);
            }

            return times.ToArray();
        }

        /// <summary>Advertising events sent (see <see cref="EventOffsetsUs"/>).</summary>
        public int EventCount(long untilMs) => EventOffsetsUs(untilMs).Length;

        /// <summary>PDUs on air: events × 3 primary channels.</summary>
        public int PduCount(long untilMs) => EventCount(untilMs) * ChannelsPerEvent;

        private long EndMs(long untilMs) => StopMs ?? untilMs;
    }
}
