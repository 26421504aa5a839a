namespace Beacons.Flash.Manifest
{
    /// <summary>
    /// Which GPIOs an HX711 lane may use on a given target. DOUT is read (input), PD_SCK is driven by SPI MOSI (output).
    /// Sources: ESP32 and ESP32-S3 datasheets (GPIO and strapping pin chapters); nanoFramework reference §3c.
    /// </summary>
    public static class PinRules
    {
        /// <summary>Checks one pin. Returns null when fine; otherwise a message, prefixed "warning:" when not fatal.</summary>
        /// <param name="gpio">GPIO number.</param>
        /// <param name="output">True for PD_SCK (must drive), false for DOUT (read only).</param>
        /// <param name="target">nanoff target of the board.</param>
        public static string Check(int gpio, bool output, string target)
        {
            switch (Targets.FamilyOf(target))
            {
                case ChipFamily.Esp32S3:
                    return CheckS3(gpio, target);
                case ChipFamily.Other:
                    return gpio < 0 || gpio > 48 ? $"GPIO {gpio} does not exist" : null;
                default:
                    return CheckEsp32(gpio, output, target);
            }
        }

        private static string CheckEsp32(int gpio, bool output, string target)
        {
            if (gpio < 0 || gpio > 39)
            {
                return $"GPIO {gpio} does not exist on the ESP32 (valid: 0-39)";
            }

            if (gpio >= 6 && gpio <= 11)
            {
                return $"GPIO {gpio} is wired to the module's SPI flash (GPIO 6-11 are never usable)";
            }

            if (gpio == 20 || gpio == 24 || (gpio >= 28 && gpio <= 31))
            {
                return $"GPIO {gpio} is not bonded out on ESP32 modules (there is no GPIO 20, 24 or 28-31)";
            }

            if (gpio == 1 || gpio == 3)
            {
                return $"GPIO {gpio} is UART0 {(gpio == 1 ? "TX" : "RX")}: the USB serial link nanoff and the debugger use";
            }

            if ((gpio == 16 || gpio == 17) && Targets.HasPsramOnGpio16And17(target))
            {
                return $"GPIO {gpio} is used by the PSRAM on {target} boards";
            }

            if (output && gpio >= 34)
            {
                return $"GPIO {gpio} is input-only (34-39 cannot drive): PD_SCK must be an output-capable pin; 34-39 are fine for DOUT";
            }

            if (gpio == 0 || gpio == 2 || gpio == 5 || gpio == 12 || gpio == 15)
            {
                return $"warning: GPIO {gpio} is a strapping pin: an HX711 pulling it at reset can stop the board from booting or flashing" +
                       (gpio == 12 ? " (GPIO 12 high at reset selects 1.8 V flash)" : "");
            }

            return null;
        }

        private static string CheckS3(int gpio, string target)
        {
            if (gpio < 0 || gpio > 48 || (gpio >= 22 && gpio <= 25))
            {
                return $"GPIO {gpio} does not exist on the ESP32-S3 (valid: 0-21, 26-48)";
            }

            if (gpio >= 26 && gpio <= 32)
            {
                return $"GPIO {gpio} is wired to the module's SPI flash/PSRAM (GPIO 26-32)";
            }

            if (gpio >= 33 && gpio <= 37 && Targets.HasOctalPsram(target))
            {
                return $"GPIO {gpio} is used by the octal PSRAM on {target} modules (GPIO 33-37)";
            }

            if (gpio == 43 || gpio == 44)
            {
                return $"GPIO {gpio} is UART0 {(gpio == 43 ? "TX" : "RX")}: the serial link nanoff and the debugger use";
            }

            if (gpio == 19 || gpio == 20)
            {
                return $"warning: GPIO {gpio} is USB {(gpio == 19 ? "D-" : "D+")}: unusable if the board is flashed through its native USB port";
            }

            if (gpio == 0 || gpio == 3 || gpio == 45 || gpio == 46)
            {
                return $"warning: GPIO {gpio} is a strapping pin of the ESP32-S3: an HX711 pulling it at reset can stop the board from booting";
            }

            return null;
        }
    }
}
