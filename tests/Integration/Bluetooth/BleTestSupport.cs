using System;
using System.IO;
using Beacons.VirtualDevice;

namespace Beacons.Tests.Integration.Bluetooth
{
    /// <summary>Nodes in temp folders and a hand-driven medium clock for the Bluetooth tests.</summary>
    internal static class BleTestSupport
    {
        public static VirtualNode NewNode(string name)
        {
            string folder = Path.Combine(Path.GetTempPath(), "beacons-ble-tests", name + "-" + Guid.NewGuid().ToString("N"));
            return new VirtualNode(name, folder);
        }

        public static byte[] Hex(string hex) => Convert.FromHexString(hex);

        public static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }

    /// <summary>A medium clock the test moves by hand.</summary>
    internal sealed class ManualClock
    {
        public long NowMs { get; set; } = 10_000;

        public void Advance(long ms) => NowMs += ms;

        public void Install(RadioMedium medium) => medium.Clock = () => NowMs;
    }

    /// <summary>Sample payloads written out from the specs (not produced by the code under test).</summary>
    internal static class SamplePayloads
    {
        // Apple iBeacon: Flags 06 | 1A FF 4C00 | 02 15 | UUID (display order) | major 0001 | minor 0002 | -59
        public const string IBeacon = "020106" + "1aff4c000215" + "e2c56db5dffb48d2b060d0f5a71096e0" + "0001" + "0002" + "c5";

        // Eddystone-UID: Flags | 03 03 AAFE | 17 16 AAFE 00 | tx -16 (F0) | namespace 10 B | instance 6 B | RFU 0000
        public const string EddystoneUid = "020106" + "0303aafe" + "1716aafe" + "00" + "f0" + "00112233445566778899" + "aabbccddeeff" + "0000";

        // Eddystone-URL: 0x10 | tx F0 | scheme 03 (https://) | "example" | 0x07 (.com)
        public const string EddystoneUrl = "020106" + "0303aafe" + "0e16aafe" + "10" + "f0" + "03" + "6578616d706c65" + "07";

        // Eddystone-TLM (unencrypted): 0x20 00 | 3300 mV | 21.5 °C (8.8) | adv count 1234 | uptime 56 789 (0.1 s)
        public const string EddystoneTlm = "020106" + "0303aafe" + "1116aafe" + "20" + "00" + "0ce4" + "1580" + "000004d2" + "0000ddd5";

        // Eddystone-EID: 0x30 | tx F0 | 8-byte ephemeral id
        public const string EddystoneEid = "020106" + "0303aafe" + "0d16aafe" + "30" + "f0" + "0123456789abcdef";

        // AltBeacon: Flags | 1B FF 1801 | BEAC | 20-byte id | -59 | reserved
        public const string AltBeacon = "020106" + "1bff" + "1801" + "beac" + "000102030405060708090a0b0c0d0e0f10111213" + "c5" + "00";
    }
}
