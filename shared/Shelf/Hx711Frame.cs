using System;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// The SPI byte patterns that read an HX711 whose PD_SCK is wired to SPI MOSI and DOUT to MISO (the wiring of
    /// nanoFramework's Iot.Device.Hx711 binding), and the decoding of what MISO returns.
    /// </summary>
    /// <remarks>
    /// A read frame is <see cref="FrameBytes"/> bytes. Each of the first <see cref="DataBytes"/> is 0b1010_1010: MOSI
    /// high for one SPI bit (PD_SCK pulse, ~1.4 µs at 700 kHz, far below the 60 µs power-down limit), then low for one
    /// bit; 4 pulses per byte, 24 in all, each shifting one data bit out of DOUT, MSB first. The data bit is taken from
    /// the low half of each pulse (MISO bits 6, 4, 2, 0 of every byte), where DOUT has been stable for a whole SPI bit.
    /// The trailer byte gives 1, 2 or 3 more pulses, which select channel and gain of the NEXT conversion (HX711
    /// datasheet: 25 pulses = A/128, 26 = B/32, 27 = A/64), and ends low so PD_SCK rests low.
    /// Every method fills or reads caller buffers: nothing is allocated per read.
    /// </remarks>
    public static class Hx711Frame
    {
        /// <summary>Bytes of a read frame: 6 data bytes and 1 trailer byte.</summary>
        public const int FrameBytes = 7;

        /// <summary>Bytes that carry the 24 data pulses.</summary>
        public const int DataBytes = 6;

        /// <summary>The MOSI byte of four PD_SCK pulses (high, low, high, low, ...).</summary>
        public const byte PulsePairByte = 0xAA;

        /// <summary>Smallest count the HX711 outputs (0x800000; it saturates there below full scale).</summary>
        public const int MinCounts = -8388608;

        /// <summary>Largest count the HX711 outputs (0x7FFFFF; it saturates there above full scale).</summary>
        public const int MaxCounts = 8388607;

        /// <summary>The 24-bit pattern a floating DOUT with a pull-up reads: all ones (decodes to -1).</summary>
        public const int AllOnesRaw = 0xFFFFFF;

        /// <summary>PD_SCK must stay high longer than this to power the chip down (datasheet: 60 µs).</summary>
        public const int PowerDownHighUs = 60;

        /// <summary>
        /// Number of extra PD_SCK pulses (after the 24 data pulses) that select <paramref name="channelGain"/>.
        /// </summary>
        /// <param name="channelGain">128 (channel A), 64 (channel A) or 32 (channel B).</param>
        /// <returns>1 for 128, 3 for 64, 2 for 32.</returns>
        /// <exception cref="ArgumentOutOfRangeException">Any other gain.</exception>
        public static int ExtraPulsesFor(int channelGain)
        {
            if (channelGain == 128)
            {
                return 1;
            }

            if (channelGain == 32)
            {
                return 2;
            }

            if (channelGain == 64)
            {
                return 3;
            }

            throw new ArgumentOutOfRangeException("channelGain", "HX711 gains are 128 and 64 (channel A) and 32 (channel B)");
        }

        /// <summary>
        /// The trailer byte that gives the extra pulses for <paramref name="channelGain"/>: 0x80 (A/128), 0xA0 (B/32),
        /// 0xA8 (A/64). Each ends low so PD_SCK rests low after the frame.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The gain is not 128, 64 or 32.</exception>
        public static byte TrailerFor(int channelGain)
        {
            int pulses = ExtraPulsesFor(channelGain);
            int trailer = 0;
            for (int i = 0; i < pulses; i++)
            {
                trailer |= 0x80 >> (2 * i);
            }

            return (byte)trailer;
        }

        /// <summary>
        /// Writes the MOSI bytes of one read frame into <paramref name="mosi"/> at <paramref name="offset"/>:
        /// six 0xAA then the trailer of <paramref name="channelGain"/> (the gain of the next conversion).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="mosi"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The frame does not fit, or the gain is not 128, 64 or 32.</exception>
        public static void FillReadFrame(byte[] mosi, int offset, int channelGain)
        {
            CheckWindow(mosi, offset, FrameBytes);
            byte trailer = TrailerFor(channelGain);
            for (int i = 0; i < DataBytes; i++)
            {
                mosi[offset + i] = PulsePairByte;
            }

            mosi[offset + DataBytes] = trailer;
        }

        /// <summary>
        /// Bytes of all-ones MOSI that hold PD_SCK high for at least twice the 60 µs power-down time at
        /// <paramref name="clockFrequencyHz"/> (the margin covers clock tolerance): 11 bytes at 700 kHz.
        /// </summary>
        /// <param name="clockFrequencyHz">SPI clock, 1 000 to 80 000 000 Hz.</param>
        /// <exception cref="ArgumentOutOfRangeException">The clock is out of range.</exception>
        public static int PowerDownBytes(int clockFrequencyHz)
        {
            if (clockFrequencyHz < 1000 || clockFrequencyHz > 80000000)
            {
                throw new ArgumentOutOfRangeException("clockFrequencyHz");
            }

            long bits = ((2L * PowerDownHighUs * clockFrequencyHz) + 999999) / 1000000;
            return (int)((bits + 7) / 8);
        }

        /// <summary>Fills <paramref name="count"/> bytes of <paramref name="mosi"/> with 0xFF (PD_SCK held high).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="mosi"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The window does not fit.</exception>
        public static void FillPowerDown(byte[] mosi, int offset, int count)
        {
            CheckWindow(mosi, offset, count);
            for (int i = 0; i < count; i++)
            {
                mosi[offset + i] = 0xFF;
            }
        }

        /// <summary>
        /// The 24 data bits of a received frame, unsigned (0x000000..0xFFFFFF), taken from the low half of each pulse.
        /// </summary>
        /// <param name="miso">Bytes received while the frame was sent; the first <see cref="DataBytes"/> from <paramref name="offset"/> are used.</param>
        /// <exception cref="ArgumentNullException"><paramref name="miso"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="DataBytes"/> bytes from <paramref name="offset"/>.</exception>
        public static int DecodeRaw(byte[] miso, int offset)
        {
            CheckWindow(miso, offset, DataBytes);
            int raw = 0;
            for (int i = 0; i < DataBytes; i++)
            {
                int b = miso[offset + i];
                raw = (raw << 4) | ((b >> 3) & 0x8) | ((b >> 2) & 0x4) | ((b >> 1) & 0x2) | (b & 0x1);
            }

            return raw;
        }

        /// <summary>
        /// The signed count of a received frame: the 24-bit two's complement result, sign-extended
        /// (<see cref="MinCounts"/>..<see cref="MaxCounts"/>).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="miso"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="DataBytes"/> bytes from <paramref name="offset"/>.</exception>
        public static int DecodeCounts(byte[] miso, int offset)
        {
            return SignExtend24(DecodeRaw(miso, offset));
        }

        /// <summary>Sign-extends a 24-bit two's complement value (only its low 24 bits are used).</summary>
        public static int SignExtend24(int raw)
        {
            return (raw << 8) >> 8;
        }

        private static void CheckWindow(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("offset");
            }
        }
    }
}
