using System;
using System.Text;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework's DataWriter (IO/DataWriter.cs, 1.1.x). Every number goes through BitConverter, so
    /// multi-byte values are little-endian with no byte-order option: big-endian fields (iBeacon major/minor) must be
    /// written byte by byte. DetachBuffer returns the writer itself, as the device does.
    /// </summary>
    public class DataWriter : Buffer
    {
        // Index maps taken from the real code: output byte i = Guid.ToByteArray()[order[i]].
        private static readonly int[] UuidOrder = { 15, 14, 13, 12, 11, 10, 9, 8, 6, 7, 4, 5, 0, 1, 2, 3 };
        private static readonly int[] Uuid2Order = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };

        /// <summary>Creates a writer with 32 bytes of initial capacity.</summary>
        public DataWriter() : base(32)
        {
        }

        /// <summary>UTF-8 byte count of <paramref name="value"/>.</summary>
        public uint MeasureString(string value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            return (uint)Encoding.UTF8.GetBytes(value).Length;
        }

        /// <summary>Writes one byte (1 = true).</summary>
        public void WriteBoolean(bool value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>Appends the used bytes of <paramref name="buffer"/>.</summary>
        public void WriteBuffer(Buffer buffer) => WriteBuffer(buffer, 0, buffer.Length);

        /// <summary>Appends <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="start"/>.</summary>
        public void WriteBuffer(Buffer buffer, uint start, uint count)
        {
            byte[] copyBuffer = new byte[count];
            Array.Copy(buffer.Data, (int)start, copyBuffer, 0, (int)count);
            WriteBytes(copyBuffer);
        }

        /// <summary>Appends one byte.</summary>
        public void WriteByte(byte value) => WriteBytes(new byte[] { value });

        /// <summary>Appends <paramref name="value"/>, growing the buffer as needed.</summary>
        public void WriteBytes(byte[] value)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            EnsureCapacity((uint)(_length + value.Length));
            Array.Copy(value, 0, Data, (int)_length, value.Length);
            _length += (uint)value.Length;
        }

        /// <summary>Writes DateTime.Ticks as a little-endian Int64.</summary>
        public void WriteDateTime(DateTime value) => WriteInt64(value.Ticks);

        /// <summary>8 bytes, little-endian IEEE 754.</summary>
        public void WriteDouble(double value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>Guid.ToByteArray() order (first three fields little-endian).</summary>
        public void WriteGuid(Guid value) => WriteBytes(value.ToByteArray());

        /// <summary>Fully reversed (little-endian) 128-bit UUID, the order GATT and AD UUID lists use.</summary>
        public void WriteUuid(Guid value) => WriteReordered(value, UuidOrder);

        /// <summary>UUID in display order (big-endian), as iBeacon proximity UUIDs are advertised.</summary>
        public void WriteUuid2(Guid value) => WriteReordered(value, Uuid2Order);

        /// <summary>2 bytes, little-endian.</summary>
        public void WriteInt16(short value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>4 bytes, little-endian.</summary>
        public void WriteInt32(int value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>8 bytes, little-endian.</summary>
        public void WriteInt64(long value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>4 bytes, little-endian IEEE 754.</summary>
        public void WriteSingle(float value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>Writes the UTF-8 bytes (no length prefix, no terminator); returns the byte count.</summary>
        public uint WriteString(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            byte[] strBytes = Encoding.UTF8.GetBytes(value);
            WriteBytes(strBytes);
            return (uint)strBytes.Length;
        }

        /// <summary>Writes TimeSpan.Ticks as a little-endian Int64.</summary>
        public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

        /// <summary>2 bytes, little-endian.</summary>
        public void WriteUInt16(ushort value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>4 bytes, little-endian.</summary>
        public void WriteUInt32(uint value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>8 bytes, little-endian.</summary>
        public void WriteUInt64(ulong value) => WriteBytes(BitConverter.GetBytes(value));

        /// <summary>Returns this writer as the Buffer (no copy; the device does the same cast).</summary>
        public Buffer DetachBuffer()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return this;
        }

        private void WriteReordered(Guid value, int[] order)
        {
            byte[] source = value.ToByteArray();
            byte[] target = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                target[i] = source[order[i]];
            }

            WriteBytes(target);
        }
    }
}
