using System;

namespace Beacons.VirtualDevice.World
{
    /// <summary>
    /// An HX711 24-bit load-cell ADC at the protocol level, wired to two board pins: PD_SCK (input, driven by the node,
    /// usually an SPI MOSI line) and DOUT (output, read by the node through GPIO and SPI MISO). Behaviour follows the
    /// Avia HX711 datasheet:
    /// <list type="bullet">
    /// <item>conversions complete every 100 ms (RATE low, 10 SPS) or 12.5 ms (RATE high, 80 SPS); after power-up, reset or a
    /// channel/gain change the first result comes after the output settling time, 4 periods (400 ms / 50 ms);</item>
    /// <item>DOUT goes low when a result is ready; each PD_SCK rising edge shifts out one bit, MSB first, valid 0.1 µs
    /// after the edge; 24 pulses read the result, and pulse 25, 26 or 27 pulls DOUT high again and selects the input of
    /// the NEXT conversions: 25 = channel A gain 128, 26 = channel B gain 32, 27 = channel A gain 64;</item>
    /// <item>PD_SCK held high for more than 60 µs powers the chip down (DOUT high); PD_SCK low again powers it up
    /// with a reset to channel A gain 128;</item>
    /// <item>unplugged (<see cref="IHx711AnalogInput.Connected"/> false): DOUT floats high on the pull-up.</item>
    /// </list>
    /// Times are board microseconds (VirtualBoard.NowUs).
    /// </summary>
    public sealed class Hx711Chip
    {
        /// <summary>PD_SCK high time after which the chip powers down (datasheet: "more than 60 µs").</summary>
        public const double PowerDownAfterUs = 60.0;

        /// <summary>DOUT settles this long after a PD_SCK rising edge (datasheet T2, max 0.1 µs).</summary>
        public const double DoutDelayUs = 0.1;

        private const int MinCounts = -8388608;
        private const int MaxCounts = 8388607;

        private readonly IHx711AnalogInput _input;
        private readonly object _gate = new object();
        private Func<double> _clockUs;
        private bool _wasConnected;
        private bool _pdSck;
        private double _pdSckHighSinceUs;
        private bool _poweredDown;
        private int _gain = 128;
        private double _epochUs;
        private double _consumedUs = double.NegativeInfinity;
        private int _pulses;
        private int _data;
        private int _gainAtReadStart;
        private double _epochAtReadStart;
        private bool _doutBit = true;
        private bool _doutPreviousBit = true;
        private double _doutChangeUs;
        private double _lastReadUs = double.NaN;
        private double _longestGapUs;

        /// <summary>A chip whose analog inputs are <paramref name="input"/>, with RATE wired for <paramref name="samplesPerSecond"/>.</summary>
        /// <param name="input">The analog side (load cell model).</param>
        /// <param name="samplesPerSecond">10 (RATE to GND) or 80 (RATE to DVDD).</param>
        /// <exception cref="ArgumentOutOfRangeException">The rate is not 10 or 80.</exception>
        public Hx711Chip(IHx711AnalogInput input, int samplesPerSecond = 10)
        {
            if (samplesPerSecond != 10 && samplesPerSecond != 80)
            {
                throw new ArgumentOutOfRangeException(nameof(samplesPerSecond), samplesPerSecond, "the HX711 RATE pin selects 10 or 80 SPS");
            }

            _input = input ?? throw new ArgumentNullException(nameof(input));
            SamplesPerSecond = samplesPerSecond;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            _clockUs = () => clock.Elapsed.Ticks / 10.0;
            DoutPin = new DoutLine(this);
            PdSckPin = new PdSckLine(this);
            _wasConnected = input.Connected;
            PowerOnReset(_clockUs());
        }

        /// <summary>Output data rate set by the RATE pin: 10 or 80 samples per second.</summary>
        public int SamplesPerSecond { get; }

        /// <summary>Time between conversions: 100 000 µs at 10 SPS, 12 500 µs at 80 SPS.</summary>
        public double ConversionPeriodUs => 1_000_000.0 / SamplesPerSecond;

        /// <summary>Output settling time after power-up, reset or input change: 4 periods (400 ms / 50 ms).</summary>
        public double SettlingUs => 4 * ConversionPeriodUs;

        /// <summary>The DOUT pin (attach it at the node's DOUT/MISO GPIO).</summary>
        public IVirtualTimedPin DoutPin { get; }

        /// <summary>The PD_SCK pin (attach it at the node's PD_SCK/MOSI GPIO).</summary>
        public IVirtualTimedPin PdSckPin { get; }

        /// <summary>Gain of the current input selection: 128 or 64 (channel A), 32 (channel B).</summary>
        public int Gain
        {
            get
            {
                lock (_gate) return _gain;
            }
        }

        /// <summary>Whether the chip is in power-down now (PD_SCK held high for more than 60 µs).</summary>
        public bool IsPoweredDown
        {
            get
            {
                lock (_gate)
                {
                    Advance(_clockUs());
                    return _poweredDown;
                }
            }
        }

        /// <summary>Number of conversions read out (24 bits clocked) since the chip was made.</summary>
        public int ReadsCompleted { get; private set; }

        /// <summary>
        /// Longest time between two conversions read out (µs of the chip's clock) since <see cref="ResetReadGaps"/>:
        /// how long the firmware left the lane unsampled.
        /// </summary>
        public double LongestReadGapUs
        {
            get
            {
                lock (_gate)
                {
                    return _longestGapUs;
                }
            }
        }

        /// <summary>Starts a new <see cref="LongestReadGapUs"/> measurement from the next read.</summary>
        public void ResetReadGaps()
        {
            lock (_gate)
            {
                _longestGapUs = 0;
                _lastReadUs = double.NaN;
            }
        }

        /// <summary>Number of power-downs entered.</summary>
        public int PowerDowns { get; private set; }

        /// <summary>Number of resets (power-on, power-up after power-down, re-plugging).</summary>
        public int Resets { get; private set; }

        /// <summary>
        /// Wires the chip to a board: DOUT at <paramref name="doutPin"/>, PD_SCK at <paramref name="pdSckPin"/>, and
        /// the chip's clock becomes the board's. This is plugging the module in: a power-on reset.
        /// </summary>
        public void AttachTo(VirtualBoard board, int doutPin, int pdSckPin)
        {
            if (board == null)
            {
                throw new ArgumentNullException(nameof(board));
            }

            lock (_gate)
            {
                _clockUs = () => board.NowUs;
                PowerOnReset(board.NowUs);
            }

            // The pin plan fits a pull-up on DOUT and a pull-down on PD_SCK.
            board.SetIdleLevel(doutPin, true);
            board.SetIdleLevel(pdSckPin, false);
            board.AttachPin(doutPin, DoutPin);
            board.AttachPin(pdSckPin, PdSckPin);
        }

        private bool ReadDout(double t)
        {
            lock (_gate)
            {
                Advance(t);
                if (!_input.Connected || _poweredDown)
                {
                    return true;
                }

                if (_pulses > 0 && t < _doutChangeUs)
                {
                    return _doutPreviousBit;
                }

                if (_pulses > 0 && _pulses < 24)
                {
                    return _doutBit;
                }

                // Idle, or after the 24th bit: DOUT shows the last data bit until pulse 25, then "not ready" until the
                // next conversion completes.
                if (_pulses == 24)
                {
                    return _doutBit;
                }

                return !IsReady(t);
            }
        }

        private void DrivePdSck(bool high, double t)
        {
            lock (_gate)
            {
                Advance(t);
                if (high == _pdSck)
                {
                    return;
                }

                _pdSck = high;
                if (!_input.Connected)
                {
                    return;
                }

                if (high)
                {
                    _pdSckHighSinceUs = t;
                    if (!_poweredDown)
                    {
                        OnRisingEdge(t);
                    }
                }
                else if (_poweredDown)
                {
                    // Datasheet: "When PD_SCK returns to low, chip will reset and enter normal operation mode."
                    PowerOnReset(t);
                }
            }
        }

        private void Advance(double t)
        {
            bool connected = _input.Connected;
            if (connected && !_wasConnected)
            {
                PowerOnReset(t);
                if (_pdSck)
                {
                    _pdSckHighSinceUs = t;
                }
            }

            _wasConnected = connected;
            if (connected && _pdSck && !_poweredDown && t - _pdSckHighSinceUs > PowerDownAfterUs)
            {
                _poweredDown = true;
                _pulses = 0;
                PowerDowns++;
            }
        }

        private void OnRisingEdge(double t)
        {
            if (_pulses > 0 && _pulses < 24)
            {
                _pulses++;
                ShiftOut(((_data >> (24 - _pulses)) & 1) != 0, t);
                if (_pulses == 24)
                {
                    ReadsCompleted++;
                    if (!double.IsNaN(_lastReadUs) && t - _lastReadUs > _longestGapUs)
                    {
                        _longestGapUs = t - _lastReadUs;
                    }

                    _lastReadUs = t;
                }

                return;
            }

            if (IsReady(t))
            {
                // A new read: latch the newest completed conversion and put its MSB on DOUT.
                double conversionUs = LatestConversionUs(t);
                _consumedUs = conversionUs;
                _data = Clamp(_input.CountsAt((long)Math.Floor(conversionUs / 1000.0), _gain)) & 0xFFFFFF;
                _gainAtReadStart = _gain;
                _epochAtReadStart = _epochUs;
                _pulses = 1;
                ShiftOut(((_data >> 23) & 1) != 0, t);
                return;
            }

            if (_pulses >= 24)
            {
                _pulses++;
                ShiftOut(true, t);
                int gain = _pulses == 25 ? 128 : _pulses == 26 ? 32 : _pulses == 27 ? 64 : 0;
                if (gain != 0)
                {
                    _gain = gain;

                    // A changed input restarts settling from this pulse; the same input keeps converting on schedule.
                    _epochUs = gain != _gainAtReadStart ? t : _epochAtReadStart;
                }
            }

            // Pulses while no conversion is ready and no read is in progress do nothing.
        }

        private void ShiftOut(bool bit, double t)
        {
            _doutPreviousBit = t < _doutChangeUs ? _doutPreviousBit : _doutBit;
            _doutBit = bit;
            _doutChangeUs = t + DoutDelayUs;
        }

        private bool IsReady(double t)
        {
            double latest = LatestConversionUs(t);
            return !double.IsNaN(latest) && latest > _consumedUs;
        }

        private double LatestConversionUs(double t)
        {
            double first = _epochUs + SettlingUs;
            if (t < first)
            {
                return double.NaN;
            }

            double k = Math.Floor((t - first) / ConversionPeriodUs);
            return first + (k * ConversionPeriodUs);
        }

        private void PowerOnReset(double t)
        {
            _poweredDown = false;
            _gain = 128;
            _epochUs = t;
            _consumedUs = double.NegativeInfinity;
            _pulses = 0;
            _doutBit = true;
            _doutPreviousBit = true;
            _doutChangeUs = t;
            Resets++;
        }

        private static int Clamp(int counts) => counts < MinCounts ? MinCounts : counts > MaxCounts ? MaxCounts : counts;

        private sealed class DoutLine : IVirtualTimedPin
        {
            private readonly Hx711Chip _chip;

            public DoutLine(Hx711Chip chip) => _chip = chip;

            public bool Read() => _chip.ReadDout(_chip._clockUs());

            public bool ReadAt(double tUs) => _chip.ReadDout(tUs);

            // DOUT is an output of the chip: a node driving it fights the chip and changes nothing here.
            public void Write(bool high)
            {
            }

            public void WriteAt(bool high, double tUs)
            {
            }
        }

        private sealed class PdSckLine : IVirtualTimedPin
        {
            private readonly Hx711Chip _chip;

            public PdSckLine(Hx711Chip chip) => _chip = chip;

            public bool Read()
            {
                lock (_chip._gate) return _chip._pdSck;
            }

            public bool ReadAt(double tUs) => Read();

            public void Write(bool high) => _chip.DrivePdSck(high, _chip._clockUs());

            public void WriteAt(bool high, double tUs) => _chip.DrivePdSck(high, tUs);
        }
    }
}
