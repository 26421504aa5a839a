using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.Device.Bluetooth;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>
    /// Byte orders of the mirrored DataWriter/DataReader, checked against what the real code does
    /// (nanoFramework.Device.Bluetooth IO/DataWriter.cs: BitConverter everywhere; WriteUuid2 index map
    /// 3,2,1,0,5,4,7,6,8..15 over Guid.ToByteArray(); WriteUuid 15..8,6,7,4,5,0,1,2,3).
    /// </summary>
    [TestClass]
    public sealed class DataWriterReaderTests
    {
        private static readonly Guid SampleUuid = new Guid("E2C56DB5-DFFB-48D2-B060-D0F5A71096E0");

        private static string Written(Action<DataWriter> write)
        {
            var writer = new DataWriter();
            write(writer);
            BleBuffer buffer = writer.DetachBuffer();
            return Hex(buffer.Data.AsSpan(0, (int)buffer.Length).ToArray());
        }

        [TestMethod]
        public void WriteUuid2_SampleUuid_DisplayOrder()
        {
            Assert.AreEqual("e2c56db5dffb48d2b060d0f5a71096e0", Written(w => w.WriteUuid2(SampleUuid)));
        }

        [TestMethod]
        public void WriteUuid_SampleUuid_FullyReversed()
        {
            Assert.AreEqual("e09610a7f5d060b0d248fbdfb56dc5e2", Written(w => w.WriteUuid(SampleUuid)));
        }

        [TestMethod]
        public void WriteGuid_SampleUuid_GuidToByteArrayOrder()
        {
            Assert.AreEqual("b56dc5e2fbdfd248b060d0f5a71096e0", Written(w => w.WriteGuid(SampleUuid)));
        }

        [TestMethod]
        public void WriteIntegers_AnyValue_LittleEndian()
        {
            Assert.AreEqual("3412", Written(w => w.WriteUInt16(0x1234)));
            Assert.AreEqual("feff", Written(w => w.WriteInt16(-2)));
            Assert.AreEqual("78563412", Written(w => w.WriteUInt32(0x12345678)));
            Assert.AreEqual("ffffffff", Written(w => w.WriteInt32(-1)));
            Assert.AreEqual("0807060504030201", Written(w => w.WriteUInt64(0x0102030405060708)));
            Assert.AreEqual("000000000000f03f", Written(w => w.WriteDouble(1.0)));
            Assert.AreEqual("0000803f", Written(w => w.WriteSingle(1.0f)));
            Assert.AreEqual("01", Written(w => w.WriteBoolean(true)));
        }

        [TestMethod]
        public void WriteString_Ascii_Utf8BytesAndCount()
        {
            uint count = 0;
            Assert.AreEqual("6e616e6f", Written(w => count = w.WriteString("nano")));
            Assert.AreEqual(4u, count);
        }

        [TestMethod]
        public void WriteBytes_MoreThanInitialCapacity_Grows()
        {
            var writer = new DataWriter();
            writer.WriteBytes(new byte[40]);
            writer.WriteByte(7);
            Assert.AreEqual(41u, writer.Length);
            Assert.IsTrue(writer.Capacity >= 41);
            Assert.AreSame(writer, writer.DetachBuffer());
        }

        [TestMethod]
        public void ReadUuidAndUuid2_WhatWasWritten_RoundTrip()
        {
            var writer = new DataWriter();
            writer.WriteUuid(SampleUuid);
            writer.WriteUuid2(SampleUuid);
            writer.WriteUInt16(0xBEAC);
            writer.WriteInt64(-5);
            DataReader reader = DataReader.FromBuffer(writer.DetachBuffer());
            Assert.AreEqual(SampleUuid, reader.ReadUuid());
            Assert.AreEqual(SampleUuid, reader.ReadUuid2());
            Assert.AreEqual((ushort)0xBEAC, reader.ReadUInt16());
            Assert.AreEqual(-5L, reader.ReadInt64());
            Assert.AreEqual(0u, reader.UnconsumedBufferLength);
        }

        [TestMethod]
        public void ReadUuid2_DisplayOrderBytes_SampleUuid()
        {
            DataReader reader = DataReader.FromBuffer(new BleBuffer(Hex("e2c56db5dffb48d2b060d0f5a71096e0")));
            Assert.AreEqual(SampleUuid, reader.ReadUuid2());
        }

        [TestMethod]
        public void ReadInt32_PastTheEnd_ThrowsArgumentOutOfRange()
        {
            DataReader reader = DataReader.FromBuffer(new BleBuffer(new byte[] { 1, 2 }));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => reader.ReadInt32());
        }

        [TestMethod]
        public void ReadString_Utf8_Decoded()
        {
            DataReader reader = DataReader.FromBuffer(new BleBuffer(Hex("6e616e6f21")));
            Assert.AreEqual("nano", reader.ReadString(4));
            Assert.AreEqual((byte)0x21, reader.ReadByte());
        }
    }
}
