using System;
using System.IO;
using Beacons.VirtualDevice.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>The virtual device's MQTT wire format, without a broker.</summary>
    [TestClass]
    public sealed class MqttPacketCodecTests
    {
        [TestMethod]
        [DataRow(0, new byte[] { 0x00 })]
        [DataRow(127, new byte[] { 0x7F })]
        [DataRow(128, new byte[] { 0x80, 0x01 })]
        [DataRow(16_383, new byte[] { 0xFF, 0x7F })]
        [DataRow(16_384, new byte[] { 0x80, 0x80, 0x01 })]
        [DataRow(2_097_151, new byte[] { 0xFF, 0xFF, 0x7F })]
        [DataRow(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
        [DataRow(268_435_455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
        public void EncodeRemainingLength_SpecBoundaries_MatchesSpecExamples(int length, byte[] expected)
        {
            byte[] buffer = new byte[4];
            int written = MqttPacketCodec.EncodeRemainingLength(length, buffer, 0);

            Assert.AreEqual(expected.Length, written);
            Assert.AreEqual(expected.Length, MqttPacketCodec.RemainingLengthSize(length));
            CollectionAssert.AreEqual(expected, buffer[..written]);
            Assert.IsTrue(MqttPacketCodec.TryDecodeRemainingLength(buffer, 0, written, out int decoded, out int consumed));
            Assert.AreEqual(length, decoded);
            Assert.AreEqual(written, consumed);
            Assert.AreEqual(length, MqttPacketCodec.ReadRemainingLength(new MemoryStream(buffer, 0, written)));
        }

        [TestMethod]
        public void EncodeRemainingLength_BeyondFourBytes_Throws()
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MqttPacketCodec.EncodeRemainingLength(268_435_456, new byte[5], 0));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MqttPacketCodec.EncodeRemainingLength(-1, new byte[5], 0));
        }

        [TestMethod]
        public void DecodeRemainingLength_FifthContinuationByte_IsMalformed()
        {
            byte[] malformed = { 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };

            Assert.ThrowsExactly<InvalidDataException>(() => MqttPacketCodec.TryDecodeRemainingLength(malformed, 0, 5, out _, out _));
            Assert.ThrowsExactly<InvalidDataException>(() => MqttPacketCodec.ReadRemainingLength(new MemoryStream(malformed)));
        }

        [TestMethod]
        public void DecodeRemainingLength_Truncated_AsksForMore()
        {
            Assert.IsFalse(MqttPacketCodec.TryDecodeRemainingLength(new byte[] { 0x80, 0x80 }, 0, 2, out _, out int consumed));
            Assert.AreEqual(2, consumed);
            Assert.ThrowsExactly<EndOfStreamException>(() => MqttPacketCodec.ReadRemainingLength(new MemoryStream(new byte[] { 0x80 })));
        }

        [TestMethod]
        public void EncodeRemainingLength_EveryLengthUpTo70000_RoundTrips()
        {
            byte[] buffer = new byte[4];
            for (int length = 0; length <= 70_000; length++)
            {
                int written = MqttPacketCodec.EncodeRemainingLength(length, buffer, 0);
                Assert.IsTrue(MqttPacketCodec.TryDecodeRemainingLength(buffer, 0, written, out int decoded, out _));
                Assert.AreEqual(length, decoded);
            }
        }

        [TestMethod]
        public void EncodeConnect_WillAndCredentials_SetsFlagsAndFieldOrder()
        {
            byte[] packet = MqttPacketCodec.EncodeConnect(
                MqttProtocolVersion.Version_3_1_1, "c1", "u", "p", true, MqttQoSLevel.AtLeastOnce, true, "w/t", "bye", true, 60);

            byte[] expected =
            {
                0x10, 30,
                0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04,
                0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02, 0x00, 60,
                0x00, 0x02, (byte)'c', (byte)'1',
                0x00, 0x03, (byte)'w', (byte)'/', (byte)'t',
                0x00, 0x03, (byte)'b', (byte)'y', (byte)'e',
                0x00, 0x01, (byte)'u',
                0x00, 0x01, (byte)'p',
            };
            CollectionAssert.AreEqual(expected, packet);
        }

        [TestMethod]
        public void EncodePublish_QoS1RetainedThenDuplicate_HeaderBitsAndPacketId()
        {
            byte[] packet = MqttPacketCodec.EncodePublish("a/b", new byte[] { 1, 2 }, MqttQoSLevel.AtLeastOnce, true, false, 0x1234);

            CollectionAssert.AreEqual(new byte[] { 0x33, 9, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x12, 0x34, 1, 2 }, packet);
            MqttPacketCodec.MarkDuplicate(packet);
            Assert.AreEqual(0x3B, packet[0]);
        }

        [TestMethod]
        public void EncodeSubscribeAndPubRel_UseReservedFlagBits0010()
        {
            Assert.AreEqual(0x82, MqttPacketCodec.EncodeSubscribe(1, new[] { "x" }, new[] { MqttQoSLevel.ExactlyOnce })[0]);
            Assert.AreEqual(0xA2, MqttPacketCodec.EncodeUnsubscribe(1, new[] { "x" })[0]);
            CollectionAssert.AreEqual(new byte[] { 0x62, 2, 0xAB, 0xCD }, MqttPacketCodec.EncodeAck(MqttPacketCodec.PubRel, 0xABCD));
            CollectionAssert.AreEqual(new byte[] { 0x40, 2, 0x00, 0x07 }, MqttPacketCodec.EncodeAck(MqttPacketCodec.PubAck, 7));
        }
    }
}
