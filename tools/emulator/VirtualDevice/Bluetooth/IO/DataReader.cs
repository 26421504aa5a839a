using System;
using System.Text;
using Beacons.VirtualDevice;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>
    /// Mirror of nanoFramework's DataReader (IO/DataReader.cs, 1.1.x): little-endian reads through BitConverter.
    /// Reading past the end throws ArgumentOutOfRangeException. Like the device, once every byte has been consumed
    /// the reader drops the source buffer and starts over on an empty one.
    /// </summary>
    public class DataReader
    {
        private const int DefaultBufferSize = 32;

        // ReadUuid inverts WriteUuid; ReadUuid2's map is its own inverse.
        private static readonly int[] UuidOrder = { 12, 13, 14, 15, 10, 11, 8, 9, 7, 6, 5, 4, 3, 2, 1, 0 };
        private static readonly int[] Uuid2Order = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };

        private Buffer _buffer;
        private int _currentReadPosition;

        private DataReader(Buffer buffer)
        {
            _buffer = buffer;
            _currentReadPosition = 0;
        }

        /// <summary>Bytes left to read.</summary>
        public uint UnconsumedBufferLength
        {
            get
            {
                VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
                return _buffer.Length - (uint)_currentReadPosition;
            }
        }

        /// <summary>Creates a reader over <paramref name="buffer"/> (not copied).</summary>
        public static DataReader FromBuffer(Buffer buffer)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return new DataReader(buffer);
        }

        /// <summary>One byte; any non-zero value is true.</summary>
        public bool ReadBoolean()
        {
            bool value = _buffer.Data[Advance(1)] > 0;
            CheckReadPosition();
            return value;
        }

        /// <summary>Copies the next <paramref name="length"/> bytes into a new Buffer of that capacity.</summary>
        /// <remarks>Like the device, the returned buffer's Length stays 0 (only its capacity is set).</remarks>
        public Buffer ReadBuffer(uint length)
        {
            Buffer buffer = new Buffer(length);
            Array.Copy(_buffer.Data, Advance((int)length), buffer.Data, 0, (int)length);
            CheckReadPosition();
            return buffer;
        }

        /// <summary>One byte.</summary>
        public byte ReadByte()
        {
            byte value = _buffer.Data[Advance(1)];
            CheckReadPosition();
            return value;
        }

        /// <summary>Fills <paramref name="value"/> completely.</summary>
        public void ReadBytes(byte[] value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("Argument is null");
            }

            Array.Copy(_buffer.Data, Advance(value.Length), value, 0, value.Length);
            CheckReadPosition();
        }

        /// <summary>Little-endian Int64 ticks.</summary>
        public DateTime ReadDateTime() => new DateTime(ReadInt64());

        /// <summary>8 bytes, little-endian.</summary>
        public double ReadDouble()
        {
            double value = BitConverter.ToDouble(_buffer.Data, Advance(8));
            CheckReadPosition();
            return value;
        }

        /// <summary>16 bytes in Guid.ToByteArray() order.</summary>
        public Guid ReadGuid()
        {
            byte[] bytes = new byte[16];
            ReadBytes(bytes);
            return new Guid(bytes);
        }

        /// <summary>Reverse of <see cref="DataWriter.WriteUuid"/> (fully reversed UUID).</summary>
        public Guid ReadUuid() => ReadReordered(UuidOrder);

        /// <summary>Reverse of <see cref="DataWriter.WriteUuid2"/> (display-order UUID).</summary>
        public Guid ReadUuid2() => ReadReordered(Uuid2Order);

        /// <summary>2 bytes, little-endian.</summary>
        public short ReadInt16()
        {
            short value = BitConverter.ToInt16(_buffer.Data, Advance(2));
            CheckReadPosition();
            return value;
        }

        /// <summary>4 bytes, little-endian.</summary>
        public int ReadInt32()
        {
            int value = BitConverter.ToInt32(_buffer.Data, Advance(4));
            CheckReadPosition();
            return value;
        }

        /// <summary>8 bytes, little-endian.</summary>
        public long ReadInt64()
        {
            long value = BitConverter.ToInt64(_buffer.Data, Advance(8));
            CheckReadPosition();
            return value;
        }

        /// <summary>4 bytes, little-endian.</summary>
        public float ReadSingle()
        {
            float value = BitConverter.ToSingle(_buffer.Data, Advance(4));
            CheckReadPosition();
            return value;
        }

        /// <summary>Decodes the next <paramref name="codeUnitCount"/> bytes as UTF-8.</summary>
        public string ReadString(uint codeUnitCount)
        {
            int position = Advance((int)codeUnitCount);
            string value = Encoding.UTF8.GetString(_buffer.Data, position, (int)codeUnitCount);
            CheckReadPosition();
            return value;
        }

        /// <summary>Little-endian Int64 ticks.</summary>
        public TimeSpan ReadTimeSpan() => new TimeSpan(ReadInt64());

        /// <summary>2 bytes, little-endian.</summary>
        public ushort ReadUInt16()
        {
            ushort value = BitConverter.ToUInt16(_buffer.Data, Advance(2));
            CheckReadPosition();
            return value;
        }

        /// <summary>4 bytes, little-endian.</summary>
        public uint ReadUInt32()
        {
            uint value = BitConverter.ToUInt32(_buffer.Data, Advance(4));
            CheckReadPosition();
            return value;
        }

        /// <summary>8 bytes, little-endian.</summary>
        public ulong ReadUInt64()
        {
            ulong value = BitConverter.ToUInt64(_buffer.Data, Advance(8));
            CheckReadPosition();
            return value;
        }

        private Guid ReadReordered(int[] order)
        {
            byte[] source = new byte[16];
            ReadBytes(source);
            byte[] target = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                target[i] = source[order[i]];
            }

            return new Guid(target);
        }

        private int Advance(int count)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            if (UnconsumedBufferLength < count)
            {
                throw new ArgumentOutOfRangeException("count", "No data in buffer");
            }

            int position = _currentReadPosition;
            _currentReadPosition += count;
            return position;
        }

        private void CheckReadPosition()
        {
            if (_currentReadPosition == _buffer.Length)
            {
                _buffer = new Buffer(DefaultBufferSize);
                _currentReadPosition = 0;
            }
        }
    }
}
