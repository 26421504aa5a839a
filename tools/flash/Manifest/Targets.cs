using System;
using System.Linq;

namespace Beacons.Flash.Manifest
{
    /// <summary>Chip families whose pin rules differ.</summary>
    public enum ChipFamily
    {
        /// <summary>ESP32 (WROOM-32 / WROVER): GPIO 0-39, 6-11 flash, 34-39 input-only.</summary>
        Esp32,

        /// <summary>ESP32-S3: GPIO 0-21 and 26-48, 26-32 flash, 33-37 octal PSRAM, no input-only pins.</summary>
        Esp32S3,

        /// <summary>Another ESP32 variant: only generic checks apply.</summary>
        Other,
    }

    /// <summary>What the firmware needs from a nanoff target (reference §1.11): Bluetooth and Wi-Fi.</summary>
    public static class Targets
    {
        /// <summary>Targets built with Bluetooth that this firmware supports, with their chip family.</summary>
        private static readonly (string Name, ChipFamily Family, bool Psram)[] Ble =
        {
            ("ESP32_BLE_REV0", ChipFamily.Esp32, false),
            ("ESP32_BLE_REV3", ChipFamily.Esp32, false),
            ("ESP32_PSRAM_BLE_GenericGraphic_REV3", ChipFamily.Esp32, true),
            ("ESP32_S3_QUAD", ChipFamily.Esp32S3, true),
            ("ESP32_S3_OCTAL", ChipFamily.Esp32S3, true),
            ("ESP32_S3_BLE", ChipFamily.Esp32S3, true),
            ("ESP32_C3", ChipFamily.Other, false),
            ("ESP32_C5_THREAD", ChipFamily.Other, false),
            ("ESP32_C6_THREAD", ChipFamily.Other, false),
            ("ESP32_C61", ChipFamily.Other, false),
            ("ESP32_ETHERNET_KIT_1.2", ChipFamily.Esp32, false),
            ("M5Core2", ChipFamily.Esp32, true),
            ("LilygoTWatch2021", ChipFamily.Esp32, true),
        };

        private static readonly string[] NoBle =
        {
            "ESP32_REV0", "ESP32_PSRAM_REV0", "ESP32_REV3", "ESP32_PSRAM_REV3", "ESP32_PICO", "ESP32_S2", "ESP32_PSRAM_XTAL26_REV0",
        };

        /// <summary>The reference board (ESP32-DevKitC-VE, WROVER-E with PSRAM): the sample store's default and the pins checked when no store.json names a target.</summary>
        public const string Reference = "ESP32_PSRAM_BLE_GenericGraphic_REV3";

        /// <summary>Managed heap free on a Bluetooth image without PSRAM (ESP32_BLE_REV0 measurements, reference §5.1).</summary>
        public const int NoPsramHeapKb = 49;

        /// <summary>Null when the target is fine, otherwise why not (error) — or a warning text prefixed with "warning:".</summary>
        public static string Check(string target)
        {
            if (Ble.Any(t => t.Name == target))
            {
                if (target == "ESP32_C61")
                {
                    return "warning: the nanoFramework Bluetooth README reports Bluetooth crashes on ESP32_C61";
                }

                return FamilyOf(target) == ChipFamily.Esp32 && !Ble.Any(t => t.Name == target && t.Psram)
                    ? $"warning: {target} has no PSRAM: about {NoPsramHeapKb} KB of managed heap with Bluetooth, below the {MinPromisedHeapKb()} KB " +
                      "the device profile promises each role (benchmarks/DeviceProfile); OOM with BLE + Wi-Fi + TLS is likely. For new stores use " +
                      "ESP32_S3_QUAD / ESP32_S3_OCTAL or ESP32_PSRAM_BLE_GenericGraphic_REV3 (WROVER)"
                    : null;
            }

            if (target == "ESP32_H2_THREAD")
            {
                return "ESP32_H2_THREAD has no Wi-Fi: the node could not reach the broker";
            }

            if (NoBle.Contains(target, StringComparer.Ordinal))
            {
                return $"{target} is built without Bluetooth: use ESP32_PSRAM_BLE_GenericGraphic_REV3 (WROVER) or ESP32_S3_QUAD / ESP32_S3_OCTAL";
            }

            return $"warning: {target} is not a target this tool knows; check it with 'nanoff --listtargets --platform esp32'";
        }

        private static int MinPromisedHeapKb() => Beacons.DeviceProfile.HeapPromise.MinHeapKb.Min();

        public static ChipFamily FamilyOf(string target)
        {
            (string Name, ChipFamily Family, bool Psram) t = Ble.FirstOrDefault(b => b.Name == target);
            if (t.Name != null)
            {
                return t.Family;
            }

            return target != null && target.StartsWith("ESP32_S3", StringComparison.Ordinal) ? ChipFamily.Esp32S3 : target != null && target.StartsWith("ESP32_C", StringComparison.Ordinal) ? ChipFamily.Other : ChipFamily.Esp32;
        }

        /// <summary>Classic ESP32 modules with PSRAM (WROVER) wire it to GPIO 16/17.</summary>
        public static bool HasPsramOnGpio16And17(string target) => FamilyOf(target) == ChipFamily.Esp32 && Ble.Any(t => t.Name == target && t.Psram);

        /// <summary>Octal-PSRAM S3 modules (N8R8, N16R8) use GPIO 33-37 for the PSRAM bus.</summary>
        public static bool HasOctalPsram(string target) => target == "ESP32_S3_OCTAL" || target == "ESP32_S3_BLE";
    }
}
