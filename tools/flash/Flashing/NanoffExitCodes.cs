using System;
using System.Collections.Generic;
using System.Linq;

namespace Beacons.Flash.Flashing
{
    /// <summary>
    /// nanoff's exit codes (nanoFirmwareFlasher ExitCodes.cs, reference §4). nanoff returns the enum value (2000, 4005 …);
    /// Linux and macOS keep only the low 8 bits of an exit status, so 2000 arrives as 208: both forms are recognised.
    /// </summary>
    public static class NanoffExitCodes
    {
        private static readonly Dictionary<int, string> Known = new()
        {
            [0] = "OK",
            [2000] = "E2000 error connecting to the nano device",
            [2001] = "E2001 error listing nano devices",
            [2002] = "E2002 error in an operation with the nano device",
            [2003] = "E2003 file deployment failed",
            [4000] = "E4000 ESP32 serial command failed",
            [4001] = "E4001 unsupported flash size for this ESP32 target",
            [4002] = "E4002 failed to erase the ESP32 flash",
            [4003] = "E4003 failed to write the firmware to the ESP32",
            [4004] = "E4004 failed to read the ESP32 flash",
            [4005] = "E4005 cannot open the COM port",
            [6000] = "E6000 cannot open the serial device (connected? used by another program?)",
            [6001] = "E6001 no serial port given",
            [6002] = "E6002 no exclusive access to the serial port",
            [7000] = "E7000 unsupported device",
            [9000] = "E9000 invalid or missing arguments",
            [9005] = "E9005 target not found in the firmware repository (Cloudsmith)",
            [9007] = "E9007 firmware download failed",
            [9008] = "E9008 application image (.bin) not found",
            [9009] = "E9009 invalid deployment address",
            [9010] = "E9010 no device found",
            [9011] = "E9011 CLR image file not found",
            [9012] = "E9012 CLR image file has the wrong format",
            [9013] = "E9013 unsupported platform",
            [9015] = "E9015 target not found in the firmware archive",
        };

        public static string Describe(int exitCode)
        {
            if (Known.TryGetValue(exitCode, out string text))
            {
                return text;
            }

            if (exitCode > 0 && exitCode < 256)
            {
                int[] candidates = Known.Keys.Where(k => k >= 256 && (k & 0xFF) == exitCode).ToArray();
                if (candidates.Length == 1)
                {
                    return Known[candidates[0]] + $" (exit status {exitCode} = {candidates[0]} mod 256)";
                }
            }

            return "unknown exit code (see nanoff's ExitCodes list)";
        }
    }
}
