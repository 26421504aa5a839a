using System;
using System.Device.Spi;
using System.Threading;
using Beacons.Shared.Shelf;

namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// Driver for one HX711 whose PD_SCK is clocked by SPI MOSI and whose DOUT is wired to SPI MISO. Returns raw signed
    /// 24-bit counts; tare, calibration and filtering belong to shared/Shelf.
    /// </summary>
    /// <remarks>
    /// Why SPI: PD_SCK high for more than 60 µs powers the HX711 down, and managed GPIO writes on ESP32 cannot promise
    /// pulses that short. The SPI peripheral times each pulse in hardware (two SPI bits per pulse, ~1.4 µs high at
    /// 700 kHz), as nanoFramework's Iot.Device.Hx711 binding does. Unlike that binding, every wait has a timeout,
    /// a missing sensor is reported instead of blocking forever, counts are sign-extended, and a read allocates nothing.
    /// Readiness is polled over SPI too: one byte with MOSI held at 0 keeps PD_SCK low (no clock reaches the chip) while
    /// MISO samples DOUT. It cannot be read through GPIO: an open SPI bus reserves its MISO pin (nf-interpreter
    /// nanoHAL_Spi.cpp, nanoSPI_ReserveBusPins), so GpioController.OpenPin on it fails, and a bus whose MISO is open as a
    /// GPIO refuses to open.
    /// Board pin muxing is not done here (see <see cref="Hx711Wiring"/>). Not thread-safe: one thread per scale.
    /// </remarks>
    public sealed class Hx711Scale : IDisposable
    {
        /// <summary>SPI clock that gives ~1.4 µs PD_SCK pulses (the binding's default).</summary>
        public const int DefaultClockFrequencyHz = 700000;

        /// <summary>Default wait for DOUT low: covers the 400 ms settling after a gain change at 10 SPS, plus a period.</summary>
        public const int DefaultReadyTimeoutMs = 1000;

        /// <summary>
        /// DOUT high for this long means no chip: a powered-up HX711 has a result within 400 ms settling + 100 ms.
        /// </summary>
        public const int DefaultMissingAfterMs = 1000;

        private const int PollIntervalMs = 1;

        private readonly bool _shouldDispose;
        private readonly byte[] _probeMosi = new byte[1];
        private readonly byte[] _probeMiso = new byte[1];
        private readonly byte[] _readMosi = new byte[Hx711Frame.FrameBytes];
        private readonly byte[] _readMiso = new byte[Hx711Frame.FrameBytes];
        private readonly byte[] _idleLow = new byte[1];
        private byte[] _powerDownMosi;
        private SpiDevice _spi;
        private Hx711Gain _gain = Hx711Gain.A128;
        private Hx711Gain _chipGain = Hx711Gain.A128;
        private int _readyTimeoutMs = DefaultReadyTimeoutMs;
        private int _missingAfterMs = DefaultMissingAfterMs;
        private long _highSinceMs = -1;
        private bool _poweredDown;
        private bool _disposed;

        /// <summary>
        /// A driver over an SPI device on the HX711's bus. Power-cycles the chip so it starts from a known state (channel A,
        /// gain 128); the first result comes after the settling time.
        /// </summary>
        /// <param name="spiDevice">SPI device of the lane's bus, already created (MOSI wired to PD_SCK, MISO to DOUT), Mode0.</param>
        /// <param name="shouldDispose">True: <see cref="Dispose"/> also disposes <paramref name="spiDevice"/>; false on a shared bus.</param>
        /// <exception cref="ArgumentNullException">The device is null.</exception>
        public Hx711Scale(SpiDevice spiDevice, bool shouldDispose = true)
        {
            if (spiDevice == null)
            {
                throw new ArgumentNullException("spiDevice");
            }

            _shouldDispose = shouldDispose;
            Bind(spiDevice);
            Reset();
        }

        /// <summary>
        /// Channel and gain of the results <see cref="ReadRaw"/> returns. A change takes effect on the next read, which
        /// then discards one conversion at the old setting and waits out the settling time (400 ms at 10 SPS).
        /// </summary>
        public Hx711Gain Gain
        {
            get { return _gain; }
            set { _gain = CheckGain(value); }
        }

        /// <summary>Longest wait for a conversion in one <see cref="ReadRaw"/> call, 0 to 60 000 ms (0: no wait).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
        public int ReadyTimeoutMs
        {
            get { return _readyTimeoutMs; }
            set { _readyTimeoutMs = CheckRange(value, 0, 60000, "ReadyTimeoutMs"); }
        }

        /// <summary>How long DOUT must stay high before the chip counts as missing, 500 to 60 000 ms.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Out of range.</exception>
        public int MissingAfterMs
        {
            get { return _missingAfterMs; }
            set { _missingAfterMs = CheckRange(value, 500, 60000, "MissingAfterMs"); }
        }

        /// <summary>Whether this driver has powered the chip down.</summary>
        public bool IsPoweredDown
        {
            get { return _poweredDown; }
        }

        /// <summary>Status of the last <see cref="ReadRaw"/>.</summary>
        public Hx711ReadStatus LastStatus { get; private set; }

        /// <summary>Whether a conversion is ready now (DOUT low). Never waits.</summary>
        public bool IsReady()
        {
            ThrowIfDisposed();
            return !_poweredDown && DoutIsLow();
        }

        /// <summary>
        /// Reads one conversion at <see cref="Gain"/>, waiting up to <see cref="ReadyTimeoutMs"/> for DOUT low.
        /// Allocates nothing.
        /// </summary>
        /// <param name="rawCounts">Signed 24-bit counts, -8 388 608 to 8 388 607 (0 unless the status is Ok).</param>
        /// <returns>The outcome; also kept in <see cref="LastStatus"/>.</returns>
        public Hx711ReadStatus ReadRaw(out int rawCounts)
        {
            ThrowIfDisposed();
            rawCounts = 0;
            if (_poweredDown)
            {
                return Done(Hx711ReadStatus.PoweredDown);
            }

            // At most two conversions: one at the chip's old setting (discarded) and one at the requested gain.
            for (int attempt = 0; attempt < 2; attempt++)
            {
                Hx711ReadStatus ready = WaitReady(_readyTimeoutMs);
                if (ready != Hx711ReadStatus.Ok)
                {
                    return Done(ready);
                }

                Hx711Gain readGain = _chipGain;
                Hx711Frame.FillReadFrame(_readMosi, 0, (int)_gain);
                _spi.TransferFullDuplex(_readMosi, _readMiso);
                if (_gain != _chipGain)
                {
                    // The trailer pulses selected a new input: the chip settles again before its next result.
                    _chipGain = _gain;
                }

                int raw = Hx711Frame.DecodeRaw(_readMiso, 0);
                if (raw == Hx711Frame.AllOnesRaw && WaitReady(_missingAfterMs) != Hx711ReadStatus.Ok)
                {
                    // All ones and no conversion since: that was the pull-up on a floating DOUT, not a -1 count.
                    // (A present chip brings DOUT low again within one period, or the settling time after a gain change.)
                    return Done(Hx711ReadStatus.SensorMissing);
                }

                if (readGain == _gain)
                {
                    rawCounts = Hx711Frame.SignExtend24(raw);
                    return Done(Hx711ReadStatus.Ok);
                }
            }

            return Done(Hx711ReadStatus.NotReady);
        }

        /// <summary><see cref="ReadRaw"/> as a Try method: true with the counts when the status is Ok.</summary>
        public bool TryReadRaw(out int rawCounts)
        {
            return ReadRaw(out rawCounts) == Hx711ReadStatus.Ok;
        }

        /// <summary>
        /// Powers the chip down: PD_SCK (MOSI) held high for more than 60 µs (HX711 datasheet, "Power down"). MOSI
        /// stays high after the write, so the chip stays down until <see cref="PowerUp"/>.
        /// </summary>
        public void PowerDown()
        {
            ThrowIfDisposed();
            _spi.Write(_powerDownMosi);
            _poweredDown = true;
        }

        /// <summary>
        /// Brings PD_SCK low: a powered-down chip resets to channel A gain 128 and gives its first result after the
        /// settling time (400 ms at 10 SPS, 50 ms at 80 SPS). The configured <see cref="Gain"/> is restored by the next read.
        /// </summary>
        public void PowerUp()
        {
            ThrowIfDisposed();
            _spi.Write(_idleLow);
            _highSinceMs = -1;
            if (_poweredDown)
            {
                _chipGain = Hx711Gain.A128;
            }

            _poweredDown = false;
        }

        /// <summary>Power-cycles the chip: a datasheet reset to channel A gain 128, then settling.</summary>
        public void Reset()
        {
            PowerDown();
            PowerUp();
        }

        /// <summary>
        /// Points the driver at another SPI device for the same chip (after the bus was re-created with this lane's
        /// pins, see <see cref="Hx711Wiring"/>); the chip's state is kept. The old device is not disposed.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="spiDevice"/> is null.</exception>
        public void Bind(SpiDevice spiDevice)
        {
            if (spiDevice == null)
            {
                throw new ArgumentNullException("spiDevice");
            }

            if (spiDevice == _spi)
            {
                // Reads re-bind every time on a shared bus; ConnectionSettings clones, so skip it when nothing changed.
                return;
            }

            _spi = spiDevice;
            int bytes = Hx711Frame.PowerDownBytes(spiDevice.ConnectionSettings.ClockFrequency);
            if (_powerDownMosi == null || _powerDownMosi.Length != bytes)
            {
                _powerDownMosi = new byte[bytes];
                Hx711Frame.FillPowerDown(_powerDownMosi, 0, bytes);
            }
        }

        /// <summary>With shouldDispose, disposes the SPI device.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_shouldDispose)
            {
                _spi.Dispose();
            }
        }

        private Hx711ReadStatus WaitReady(int timeoutMs)
        {
            long start = NowMs();
            while (true)
            {
                long now = NowMs();
                if (DoutIsLow())
                {
                    _highSinceMs = -1;
                    return Hx711ReadStatus.Ok;
                }

                // The high streak only counts observed time, but carries over between calls: a working chip that was
                // not read in between would have brought DOUT low and kept it there.
                if (_highSinceMs < 0)
                {
                    _highSinceMs = now;
                }

                if (now - _highSinceMs >= _missingAfterMs)
                {
                    // Start over: a re-plugged module resets and settles, and must get a fresh chance.
                    _highSinceMs = -1;
                    return Hx711ReadStatus.SensorMissing;
                }

                if (now - start >= timeoutMs)
                {
                    return Hx711ReadStatus.NotReady;
                }

                Thread.Sleep(PollIntervalMs);
            }
        }

        // Eight MISO samples with PD_SCK held low; the last one is the freshest (DOUT may fall during the byte).
        private bool DoutIsLow()
        {
            _spi.TransferFullDuplex(_probeMosi, _probeMiso);
            return (_probeMiso[0] & 0x01) == 0;
        }

        private Hx711ReadStatus Done(Hx711ReadStatus status)
        {
            LastStatus = status;
            return status;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("Hx711Scale");
            }
        }

        private static long NowMs()
        {
            return Environment.TickCount64;
        }

        private static Hx711Gain CheckGain(Hx711Gain gain)
        {
            if (gain != Hx711Gain.A128 && gain != Hx711Gain.A64 && gain != Hx711Gain.B32)
            {
                throw new ArgumentOutOfRangeException("Gain");
            }

            return gain;
        }

        private static int CheckRange(int value, int min, int max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name);
            }

            return value;
        }
    }
}
