using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Beacons.Firmware.Advertising;
using Beacons.VirtualDevice;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Bluetooth.BleTestSupport;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>
    /// pcap (LINKTYPE_BLUETOOTH_LE_LL) output: the CRC-24 against packets whose CRC was produced elsewhere, and
    /// Wireshark's own decoding of what the virtual radio recorded.
    /// </summary>
    [TestClass]
    public sealed class PcapWriterTests
    {
        private const string TsharkHint = "tshark is required for this test: apt-get install -y tshark (Debian package 'tshark'; .ci/run installs it)";

        [TestMethod]
        public void Crc24_RealCapturedAppleAdvert_MatchesTransmittedCrc()
        {
            // An ADV_IND captured by an Ubertooth (scapy regression test for GH#1673,
            // test/scapy/layers/bluetooth4LE.uts): header 40 14, AdvA, Flags + Apple manufacturer data, CRC 5a f0 04.
            byte[] pdu = Hex("4014" + "4d955016fe76" + "02011a" + "0aff4c0010050b1c0ea836");
            var crc = new byte[3];
            PcapWriter.WriteCrc(PcapWriter.Crc24(pdu, 0, pdu.Length, PcapWriter.AdvertisingCrcInit), crc, 0);
            Assert.AreEqual("5af004", Hex(crc));
        }

        [TestMethod]
        public void Crc24_EmptyAdvIndFromScapy_MatchesTransmittedCrc()
        {
            // scapy's default BTLE()/BTLE_ADV()/BTLE_ADV_IND(): 00 06 + zero AdvA, CRC 5a 39 60.
            byte[] pdu = Hex("0006000000000000");
            var crc = new byte[3];
            PcapWriter.WriteCrc(PcapWriter.Crc24(pdu, 0, pdu.Length, PcapWriter.AdvertisingCrcInit), crc, 0);
            Assert.AreEqual("5a3960", Hex(crc));
        }

        [TestMethod]
        public void BuildAdvertisingPacket_NonconnPublic_Layout()
        {
            byte[] packet = PcapWriter.BuildAdvertisingPacket(VirtualRadio.PduAdvNonconnInd, 0x240AC4123456, false, Hex("020106"));
            Assert.AreEqual("d6be898e" + "0209" + "563412c40a24" + "020106", Hex(packet.AsSpan(0, packet.Length - 3).ToArray()));
            Assert.AreEqual(4 + 2 + 9 + 3, packet.Length);

            byte[] random = PcapWriter.BuildAdvertisingPacket(VirtualRadio.PduAdvNonconnInd, 1, true, Array.Empty<byte>());
            Assert.AreEqual(0x42, random[4]);
        }

        [TestMethod]
        public void WriteRadio_TwoSessions_OnePacketPerEventWithGlobalHeader()
        {
            VirtualNode node = NewNode("pcap");
            var clock = new ManualClock();
            clock.Install(node.Radio.Medium);
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                advertiser.Start(Hex(SamplePayloads.IBeacon), Hex(SamplePayloads.IBeacon).Length);
                clock.Advance(1000);
                advertiser.Start(Hex(SamplePayloads.EddystoneUid), Hex(SamplePayloads.EddystoneUid).Length);
                clock.Advance(1000);
                advertiser.Stop();
            }

            string path = Path.Combine(Path.GetTempPath(), $"radio-{Guid.NewGuid():N}.pcap");
            try
            {
                int packets = PcapWriter.WriteRadio(path, node.Radio);
                AdvertisingSession[] sessions = node.Radio.Sessions;
                Assert.AreEqual(sessions[0].EventCount(clock.NowMs) + sessions[1].EventCount(clock.NowMs), packets);
                Assert.IsTrue(packets >= 12 && packets <= 20, $"{packets} packets in 2 s");

                byte[] file = File.ReadAllBytes(path);
                Assert.AreEqual("d4c3b2a1020004000000000000000000ffff0000fb000000", Hex(file.AsSpan(0, 24).ToArray()));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [TestMethod]
        public void Tshark_RadioCapture_DecodesAdvertsWithCorrectCrcAndBytes()
        {
            string tshark = FindTshark();
            VirtualNode node = NewNode("tshark");
            node.Radio.Address = 0x240AC4000042;
            var clock = new ManualClock();
            clock.Install(node.Radio.Medium);
            using (node.Enter())
            {
                var advertiser = new BlePublisherAdvertiser();
                advertiser.Start(Hex(SamplePayloads.IBeacon), Hex(SamplePayloads.IBeacon).Length);
                clock.Advance(1000);
                advertiser.Start(Hex(SamplePayloads.EddystoneUrl), Hex(SamplePayloads.EddystoneUrl).Length);
                clock.Advance(1000);
                advertiser.Stop();
            }

            string path = Path.Combine(Path.GetTempPath(), $"tshark-{Guid.NewGuid():N}.pcap");
            try
            {
                int radioPackets;
                using (var stream = File.Create(path))
                using (var writer = new PcapWriter(stream))
                {
                    foreach (AdvertisingSession session in node.Radio.Sessions)
                    {
                        writer.WriteSession(session, clock.NowMs, 1_700_000_000L * 1_000_000);
                    }

                    radioPackets = writer.PacketCount;

                    // The reference PDU of the brief: ADV_NONCONN_IND with the same iBeacon payload.
                    writer.WriteAdvertisingPdu(1_800_000_000L * 1_000_000, VirtualRadio.PduAdvNonconnInd, 0x240AC4000042, false, Hex(SamplePayloads.IBeacon));
                }

                // Control: one flipped CRC bit must be flagged, proving tshark checks CRCs in this capture.
                byte[] bad = PcapWriter.BuildAdvertisingPacket(VirtualRadio.PduAdvNonconnInd, 0x240AC4000042, false, Hex("020106"));
                bad[^1] ^= 0x01;
                AppendRawPacket(path, bad);

                string output = Run(tshark, $"-r \"{path}\" -V");

                Assert.AreEqual(radioPackets + 2, Regex.Matches(output, @"^Bluetooth Low Energy Link Layer$", RegexOptions.Multiline).Count, output);
                Assert.AreEqual(radioPackets, Regex.Matches(output, @"PDU Type: 0x6 ADV_SCAN_IND").Count, output);
                Assert.AreEqual(2, Regex.Matches(output, @"PDU Type: 0x2 ADV_NONCONN_IND").Count, output);
                Assert.AreEqual(1, Regex.Matches(output, @"\[Incorrect CRC\]").Count, "only the control packet has a bad CRC");
                StringAssert.Contains(output, "Advertising Address: Espressi_00:00:42 (24:0a:c4:00:00:42)");
                StringAssert.Contains(output, "Company ID: Apple, Inc. (0x004c)");
                StringAssert.Contains(output, "Data: 0215e2c56db5dffb48d2b060d0f5a71096e000010002c5");
                StringAssert.Contains(output, "UUID 16: Google LLC (0xfeaa)");
                StringAssert.Contains(output, "Service Data: 10f0036578616d706c6507");

                string fields = Run(tshark, $"-r \"{path}\" -T fields -e btle.length -Y \"btle.advertising_header.pdu_type == 0x6\"");
                StringAssert.Contains(fields, (6 + Hex(SamplePayloads.IBeacon).Length) + "\n");
                StringAssert.Contains(fields, (6 + Hex(SamplePayloads.EddystoneUrl).Length) + "\n");
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static void AppendRawPacket(string path, byte[] packet)
        {
            using var stream = new FileStream(path, FileMode.Append);
            using var writer = new BinaryWriter(stream);
            writer.Write(1_900_000_000u);
            writer.Write(0u);
            writer.Write((uint)packet.Length);
            writer.Write((uint)packet.Length);
            writer.Write(packet);
        }

        private static string FindTshark()
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
            {
                string candidate = Path.Combine(dir, "tshark");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail(TsharkHint);
            return null;
        }

        private static string Run(string file, string arguments)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info);
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            Assert.IsTrue(process.WaitForExit(60_000), "tshark timed out");
            Assert.AreEqual(0, process.ExitCode, output);
            return output;
        }
    }
}
