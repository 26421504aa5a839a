using System;
using System.Collections.Generic;
using System.IO;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// Writes BLE link-layer captures (pcap, LINKTYPE_BLUETOOTH_LE_LL = 251) that Wireshark/tshark decode: each record
    /// is access address, PDU header, AdvA, AD bytes and CRC, as on air (without preamble).
    /// </summary>
    /// <remarks>
    /// On-air layout (Core spec Vol 6 Part B §2.1, §2.3, §3.1.1): access address 0x8E89BED6 sent little-endian
    /// (d6 be 89 8e); header byte 0 = PDU type (bits 0–3), ChSel (bit 5), TxAdd (bit 6), RxAdd (bit 7); header byte 1 =
    /// payload length (6 + AD length); AdvA little-endian; CRC-24 with polynomial x^24+x^10+x^9+x^6+x^4+x^3+x+1
    /// (0x00065B), register preset 0x555555 for advertising channel PDUs, computed over header and payload with every
    /// byte fed LSB first, and sent most-significant register bit first — so each CRC byte in the capture is the
    /// bit-reversal of the register's byte (checked against a real capture of an Apple advert, see the tests).
    /// </remarks>
    public sealed class PcapWriter : IDisposable
    {
        /// <summary>LINKTYPE_BLUETOOTH_LE_LL.</summary>
        public const int LinkTypeBluetoothLeLl = 251;

        /// <summary>Advertising physical channel access address.</summary>
        public const uint AdvertisingAccessAddress = 0x8E89BED6;

        /// <summary>CRC preset for advertising channel PDUs.</summary>
        public const uint AdvertisingCrcInit = 0x555555;

        private readonly Stream _stream;
        private readonly bool _leaveOpen;
        private readonly BinaryWriter _writer;

        /// <summary>Writes the pcap global header to <paramref name="stream"/>.</summary>
        public PcapWriter(Stream stream, bool leaveOpen = false)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _leaveOpen = leaveOpen;
            _writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, true);
            _writer.Write(0xA1B2C3D4u); // microsecond timestamps, written little-endian
            _writer.Write((ushort)2);
            _writer.Write((ushort)4);
            _writer.Write(0); // thiszone
            _writer.Write(0u); // sigfigs
            _writer.Write(65535u); // snaplen
            _writer.Write((uint)LinkTypeBluetoothLeLl);
        }

        /// <summary>Packets written so far.</summary>
        public int PacketCount { get; private set; }

        /// <summary>
        /// Writes every advertising event of every session of <paramref name="radio"/> (sessions still on air: up to
        /// <paramref name="untilMs"/>, default now), one PDU per event, timestamps = medium time + <paramref name="epochOffsetUs"/>.
        /// </summary>
        /// <returns>Packets written.</returns>
        /// <param name="pduTypeOverride">Write every PDU with this type instead of the one recorded (null = as recorded).</param>
        public static int WriteRadio(string path, VirtualRadio radio, long? untilMs = null, long epochOffsetUs = 0, byte? pduTypeOverride = null)
        {
            using var file = File.Create(path);
            using var writer = new PcapWriter(file);
            long until = untilMs ?? radio.Medium.NowMs;
            foreach (AdvertisingSession session in radio.Sessions)
            {
                writer.WriteSession(session, until, epochOffsetUs, pduTypeOverride);
            }

            return writer.PacketCount;
        }

        /// <summary>Writes one packet per advertising event of <paramref name="session"/>.</summary>
        public void WriteSession(AdvertisingSession session, long untilMs, long epochOffsetUs = 0, byte? pduTypeOverride = null)
        {
            foreach (long offsetUs in session.EventOffsetsUs(untilMs))
            {
                WriteAdvertisingPdu(epochOffsetUs + session.StartMs * 1000 + offsetUs, pduTypeOverride ?? session.PduType, session.Address, session.RandomAddress, session.AdvertisingData);
            }
        }

        /// <summary>Writes one advertising PDU (ADV_IND / ADV_NONCONN_IND / ADV_SCAN_IND layout: AdvA + AD).</summary>
        /// <param name="timestampUs">Capture time in µs since the Unix epoch (or any base).</param>
        /// <param name="pduType">0x0 ADV_IND, 0x2 ADV_NONCONN_IND, 0x6 ADV_SCAN_IND.</param>
        /// <param name="address">AdvA in display order.</param>
        /// <param name="randomAddress">TxAdd.</param>
        /// <param name="advertisingData">0..31 AD bytes.</param>
        public void WriteAdvertisingPdu(long timestampUs, byte pduType, ulong address, bool randomAddress, byte[] advertisingData)
        {
            byte[] packet = BuildAdvertisingPacket(pduType, address, randomAddress, advertisingData);
            _writer.Write((uint)(timestampUs / 1000000));
            _writer.Write((uint)(timestampUs % 1000000));
            _writer.Write((uint)packet.Length);
            _writer.Write((uint)packet.Length);
            _writer.Write(packet);
            PacketCount++;
        }

        /// <summary>Access address + header + AdvA + AD + CRC, as captured (LINKTYPE 251 record body).</summary>
        public static byte[] BuildAdvertisingPacket(byte pduType, ulong address, bool randomAddress, byte[] advertisingData)
        {
            if (advertisingData == null || advertisingData.Length > 31)
            {
                throw new ArgumentException("legacy advertising data is 0..31 bytes", nameof(advertisingData));
            }

            int payloadLength = 6 + advertisingData.Length;
            var packet = new byte[4 + 2 + payloadLength + 3];
            BitConverter.TryWriteBytes(new Span<byte>(packet, 0, 4), AdvertisingAccessAddress);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(packet, 0, 4);
            }

            packet[4] = (byte)((pduType & 0x0F) | (randomAddress ? 0x40 : 0x00));
            packet[5] = (byte)payloadLength;
            for (int i = 0; i < 6; i++)
            {
                packet[6 + i] = (byte)(address >> (8 * i));
            }

            Array.Copy(advertisingData, 0, packet, 12, advertisingData.Length);
            uint crc = Crc24(packet, 4, 2 + payloadLength, AdvertisingCrcInit);
            WriteCrc(crc, packet, 4 + 2 + payloadLength);
            return packet;
        }

        /// <summary>
        /// BLE CRC-24 register after feeding <paramref name="count"/> bytes LSB first (polynomial 0x00065B,
        /// register bit 23 = the spec's position 23, which is sent first).
        /// </summary>
        public static uint Crc24(byte[] data, int offset, int count, uint init)
        {
            uint register = init & 0xFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                byte b = data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    uint feedback = ((register >> 23) ^ (uint)(b >> bit)) & 1;
                    register = (register << 1) & 0xFFFFFF;
                    if (feedback != 0)
                    {
                        register ^= 0x00065B;
                    }
                }
            }

            return register;
        }

        /// <summary>The three CRC bytes in capture order (each byte's bits LSB-first on air).</summary>
        public static void WriteCrc(uint crc, byte[] target, int offset)
        {
            target[offset] = ReverseBits((byte)(crc >> 16));
            target[offset + 1] = ReverseBits((byte)(crc >> 8));
            target[offset + 2] = ReverseBits((byte)crc);
        }

        /// <summary>Flushes the stream.</summary>
        public void Flush() => _writer.Flush();

        /// <summary>Flushes and (unless leaveOpen) closes the stream.</summary>
        public void Dispose()
        {
            _writer.Flush();
            _writer.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }

        private static byte ReverseBits(byte value)
        {
            int result = 0;
            for (int i = 0; i < 8; i++)
            {
                result = (result << 1) | ((value >> i) & 1);
            }

            return (byte)result;
        }
    }
}
