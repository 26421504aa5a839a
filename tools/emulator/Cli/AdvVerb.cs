using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using Beacons.VirtualDevice;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>adv --config device.json [--seconds N] [--pcap out.pcap] [--pdu nonconn|device]</c>: boots the real firmware
    /// on a virtual node, records everything its radio broadcasts, and prints one line per distinct frame,
    /// <c>&lt;kind&gt; &lt;hex of the AD bytes&gt;</c>. The node needs no broker for this (it retries in the background).
    /// </summary>
    internal static class AdvVerb
    {
        public static Command Build()
        {
            var config = new Option<FileInfo>("--config") { Description = "Device JSON with a beacon section.", Required = true };
            var seconds = new Option<int>("--seconds") { Description = "How long to listen to the node.", DefaultValueFactory = _ => 12 };
            var pcap = new Option<FileInfo>("--pcap") { Description = "Also write a LINKTYPE_BLUETOOTH_LE_LL (251) capture for Wireshark." };
            var pdu = new Option<string>("--pdu") { Description = "PDU type in the capture: nonconn (ADV_NONCONN_IND, default) or device (ADV_SCAN_IND, what the ESP32 stack sends).", DefaultValueFactory = _ => "nonconn" };
            pdu.AcceptOnlyFromAmong("nonconn", "device");
            var command = new Command("adv", "Record what a node broadcasts: one line per distinct frame, optional pcap.") { config, seconds, pcap, pdu };
            command.SetAction(parse =>
            {
                FileInfo configFile = parse.GetValue(config);
                if (!configFile.Exists)
                {
                    Console.Error.WriteLine($"error: {configFile.FullName} does not exist");
                    return 2;
                }

                // What a node would broadcast needs a config it accepts: a bad one is the user's to fix, said in one line
                // (the node itself would boot in safe mode and broadcast nothing).
                try
                {
                    Beacons.Shared.Configuration.DeviceConfig.Parse(File.ReadAllText(configFile.FullName));
                }
                catch (Beacons.Shared.Configuration.ConfigException ex)
                {
                    Console.Error.WriteLine($"error: {configFile.Name}: {Program.OneLine(ex.Message)}");
                    return 2;
                }

                VirtualStoreNode node = VirtualStoreNode.Create(configFile.FullName, Program.ScratchFolder("beacons-adv"), null);
                long fromMs = node.Node.Radio.Medium.NowMs;
                node.Boot();
                Thread.Sleep(TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))));
                VirtualRadio radio = node.Node.Radio;
                long untilMs = radio.Medium.NowMs;
                node.Kill();
                if (node.Node.LastCrash != null)
                {
                    Console.Error.WriteLine($"firmware crashed: {node.Node.LastCrash}");
                    return 1;
                }

                byte[][] frames = radio.DistinctAdvertisingData();
                foreach (byte[] frame in frames)
                {
                    Console.Out.WriteLine($"{FrameKindNames.Name(FrameClassifier.Classify(frame, frame.Length))} {Hex.Encode(frame)}");
                }

                Console.Error.WriteLine($"{radio.StartCount} advertising starts, {radio.FastCycleCount} under 1 s apart, {radio.RefusedStartCount} refused, {radio.ScanSessionCount} scan windows, {radio.TotalPdus(untilMs)} PDUs on air");
                double spanMs = Math.Max(1, untilMs - fromMs);
                int switches = radio.StackStartCount + radio.StackStopCount;
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"radio time over {spanMs / 1000:F0} s: beacon airtime {radio.AdvertisingMs(untilMs) * 100 / spanMs:F1} %, scan coverage {radio.ScanningMs(untilMs) * 100 / spanMs:F1} %, ") +
                    FormattableString.Invariant($"{switches} mode switches ({radio.StackStartCount} stack starts at {VirtualRadio.StackStartCostMs} ms, {radio.StackStopCount} stops at {VirtualRadio.StackStopCostMs} ms) = {switches * 3600000 / spanMs:F0} per hour"));
                FileInfo pcapFile = parse.GetValue(pcap);
                if (pcapFile != null)
                {
                    byte? type = parse.GetValue(pdu) == "nonconn" ? VirtualRadio.PduAdvNonconnInd : null;
                    long epochUs = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - untilMs) * 1000;
                    int packets = Beacons.VirtualDevice.PcapWriter.WriteRadio(pcapFile.FullName, radio, untilMs, epochUs, type);
                    Console.Error.WriteLine($"wrote {packets} packets to {pcapFile.FullName}");
                }

                return frames.Length > 0 ? 0 : 1;
            });
            return command;
        }
    }
}
