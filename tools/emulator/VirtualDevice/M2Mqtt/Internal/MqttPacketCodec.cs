using System;
using System.IO;
using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.VirtualDevice.Mqtt
{
    /// <summary>
    /// MQTT 3.1/3.1.1 wire format: fixed header with the variable-length "remaining length", and the encoders of
    /// every packet a client sends. Host-only; the device library has its own.
    /// </summary>
    internal static class MqttPacketCodec
    {
        /// <summary>Largest remaining length the 4-byte varint can carry (MQTT 3.1.1 §2.2.3).</summary>
        public const int MaxRemainingLength = 268_435_455;

        public const byte Connect = 1;
        public const byte ConnAck = 2;
        public const byte Publish = 3;
        public const byte PubAck = 4;
        public const byte PubRec = 5;
        public const byte PubRel = 6;
        public const byte PubComp = 7;
        public const byte Subscribe = 8;
        public const byte SubAck = 9;
        public const byte Unsubscribe = 10;
        public const byte UnsubAck = 11;
        public const byte PingReq = 12;
        public const byte PingResp = 13;
        public const byte Disconnect = 14;

        /// <summary>Bytes the varint of <paramref name="length"/> takes (1..4).</summary>
        public static int RemainingLengthSize(int length)
        {
            CheckLength(length);
            int size = 1;
            while (length >= 128)
            {
                length /= 128;
                size++;
            }

            return size;
        }

        /// <summary>Writes the varint at <paramref name="offset"/>; returns the bytes written.</summary>
        public static int EncodeRemainingLength(int length, byte[] buffer, int offset)
        {
            CheckLength(length);
            int written = 0;
            do
            {
                int digit = length % 128;
                length /= 128;
                if (length > 0)
                {
                    digit |= 0x80;
                }

                buffer[offset + written] = (byte)digit;
                written++;
            }
            while (length > 0);

            return written;
        }

        /// <summary>
        /// Decodes a varint from a buffer. Returns false when the bytes end before the varint does; throws
        /// <see cref="InvalidDataException"/> when a fourth byte still has its continuation bit set.
        /// </summary>
        public static bool TryDecodeRemainingLength(byte[] buffer, int offset, int count, out int length, out int consumed)
        {
            length = 0;
            consumed = 0;
            int multiplier = 1;
            while (consumed < count)
            {
                byte b = buffer[offset + consumed];
                consumed++;
                length += (b & 0x7F) * multiplier;
                if ((b & 0x80) == 0)
                {
                    return true;
                }

                if (consumed == 4)
                {
                    throw new InvalidDataException("MQTT remaining length longer than 4 bytes");
                }

                multiplier *= 128;
            }

            return false;
        }

        /// <summary>Reads a varint from the stream; throws EndOfStreamException if the peer closes mid-way.</summary>
        public static int ReadRemainingLength(Stream stream)
        {
            int length = 0;
            int multiplier = 1;
            for (int i = 0; i < 4; i++)
            {
                int b = stream.ReadByte();
                if (b < 0)
                {
                    throw new EndOfStreamException("connection closed inside a packet header");
                }

                length += (b & 0x7F) * multiplier;
                if ((b & 0x80) == 0)
                {
                    return length;
                }

                multiplier *= 128;
            }

            throw new InvalidDataException("MQTT remaining length longer than 4 bytes");
        }

        public static byte[] EncodeConnect(
            MqttProtocolVersion version,
            string clientId,
            string username,
            string password,
            bool willRetain,
            MqttQoSLevel willQosLevel,
            bool willFlag,
            string willTopic,
            string willMessage,
            bool cleanSession,
            ushort keepAlivePeriod)
        {
            var body = new PacketBody();
            if (version == MqttProtocolVersion.Version_3_1)
            {
                body.String("MQIsdp");
            }
            else
            {
                body.String("MQTT");
            }

            body.Byte((byte)version);

            // M2Mqtt sends the user name and password only when non-empty; so does this client.
            bool hasUser = !string.IsNullOrEmpty(username);
            bool hasPassword = !string.IsNullOrEmpty(password);
            int flags = 0;
            if (hasUser)
            {
                flags |= 0x80;
            }

            if (hasPassword)
            {
                flags |= 0x40;
            }

            if (willFlag)
            {
                flags |= 0x04 | (((int)willQosLevel & 0x03) << 3);
                if (willRetain)
                {
                    flags |= 0x20;
                }
            }

            if (cleanSession)
            {
                flags |= 0x02;
            }

            body.Byte((byte)flags);
            body.UInt16(keepAlivePeriod);
            body.String(clientId);
            if (willFlag)
            {
                body.String(willTopic);
                body.String(willMessage);
            }

            if (hasUser)
            {
                body.String(username);
            }

            if (hasPassword)
            {
                body.String(password);
            }

            return body.ToPacket(Connect << 4);
        }

        public static byte[] EncodePublish(string topic, byte[] payload, MqttQoSLevel qos, bool retain, bool dup, ushort messageId)
        {
            var body = new PacketBody();
            body.String(topic);
            if (qos != MqttQoSLevel.AtMostOnce)
            {
                body.UInt16(messageId);
            }

            body.Bytes(payload ?? Array.Empty<byte>());
            int first = (Publish << 4) | ((int)qos << 1);
            if (dup)
            {
                first |= 0x08;
            }

            if (retain)
            {
                first |= 0x01;
            }

            return body.ToPacket(first);
        }

        /// <summary>Sets the DUP bit of an encoded PUBLISH in place (a resend).</summary>
        public static void MarkDuplicate(byte[] publishPacket)
        {
            publishPacket[0] |= 0x08;
        }

        public static byte[] EncodeSubscribe(ushort messageId, string[] topics, MqttQoSLevel[] qosLevels)
        {
            var body = new PacketBody();
            body.UInt16(messageId);
            for (int i = 0; i < topics.Length; i++)
            {
                body.String(topics[i]);
                body.Byte((byte)qosLevels[i]);
            }

            return body.ToPacket((Subscribe << 4) | 0x02);
        }

        public static byte[] EncodeUnsubscribe(ushort messageId, string[] topics)
        {
            var body = new PacketBody();
            body.UInt16(messageId);
            for (int i = 0; i < topics.Length; i++)
            {
                body.String(topics[i]);
            }

            return body.ToPacket((Unsubscribe << 4) | 0x02);
        }

        /// <summary>PUBACK, PUBREC, PUBREL (flags 0x02) or PUBCOMP.</summary>
        public static byte[] EncodeAck(byte type, ushort messageId)
        {
            int flags = type == PubRel ? 0x02 : 0x00;
            return new byte[] { (byte)((type << 4) | flags), 2, (byte)(messageId >> 8), (byte)messageId };
        }

        public static byte[] EncodePingReq()
        {
            return new byte[] { PingReq << 4, 0 };
        }

        public static byte[] EncodeDisconnect()
        {
            return new byte[] { Disconnect << 4, 0 };
        }

        /// <summary>Reads a big-endian 16-bit integer.</summary>
        public static ushort ReadUInt16(byte[] buffer, int offset)
        {
            return (ushort)((buffer[offset] << 8) | buffer[offset + 1]);
        }

        /// <summary>Reads a length-prefixed UTF-8 string; advances <paramref name="offset"/>.</summary>
        public static string ReadString(byte[] buffer, ref int offset, int end)
        {
            if (offset + 2 > end)
            {
                throw new InvalidDataException("MQTT string length beyond the packet");
            }

            int length = ReadUInt16(buffer, offset);
            offset += 2;
            if (offset + length > end)
            {
                throw new InvalidDataException("MQTT string beyond the packet");
            }

            string s = Encoding.UTF8.GetString(buffer, offset, length);
            offset += length;
            return s;
        }

        private static void CheckLength(int length)
        {
            if (length < 0 || length > MaxRemainingLength)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "MQTT remaining length must be 0.." + MaxRemainingLength);
            }
        }

        /// <summary>Collects a packet's variable header and payload, then prefixes the fixed header.</summary>
        private sealed class PacketBody
        {
            private readonly MemoryStream _body = new MemoryStream();

            public void Byte(byte b)
            {
                _body.WriteByte(b);
            }

            public void UInt16(ushort value)
            {
                _body.WriteByte((byte)(value >> 8));
                _body.WriteByte((byte)value);
            }

            public void String(string s)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(s ?? string.Empty);
                if (utf8.Length > ushort.MaxValue)
                {
                    throw new ArgumentException("MQTT string longer than 65535 bytes");
                }

                UInt16((ushort)utf8.Length);
                _body.Write(utf8, 0, utf8.Length);
            }

            public void Bytes(byte[] data)
            {
                _body.Write(data, 0, data.Length);
            }

            public byte[] ToPacket(int firstByte)
            {
                int length = (int)_body.Length;
                int lengthSize = RemainingLengthSize(length);
                byte[] packet = new byte[1 + lengthSize + length];
                packet[0] = (byte)firstByte;
                EncodeRemainingLength(length, packet, 1);
                _body.Position = 0;
                _body.Read(packet, 1 + lengthSize, length);
                return packet;
            }
        }
    }
}
