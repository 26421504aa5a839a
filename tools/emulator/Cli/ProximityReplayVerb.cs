using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Beacons.Shared.Configuration;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>proximity-replay --trace rows.csv [--config device.json] [--start ISO]</c>: the production proximity pipeline
    /// over recorded scans. stdout carries exactly the payloads that would be published, one per line (plus
    /// <c>tMs</c>); bad rows are reported on stderr with their line number and skipped.
    /// </summary>
    internal static class ProximityReplayVerb
    {
        public static Command Build()
        {
            var trace = new Option<FileInfo>("--trace") { Description = "CSV rows: time_ms,address,address_type,rssi,adv_hex.", Required = true };
            var config = new Option<FileInfo>("--config") { Description = "Device JSON whose proximity and privacy sections apply (default: defaults, identifiers none)." };
            var start = new Option<string>("--start") { Description = "Wall-clock time of time_ms 0, ISO 8601 UTC (default 1970-01-01T00:00Z)." };
            var command = new Command("proximity-replay", "Run the proximity pipeline over a recorded scan trace.") { trace, config, start };
            command.SetAction(parse =>
            {
                FileInfo traceFile = parse.GetValue(trace);
                if (!traceFile.Exists)
                {
                    Console.Error.WriteLine($"error: {traceFile.FullName} does not exist");
                    return 2;
                }

                ProximityOptions proximity = new ProximityOptions();
                PrivacyOptions privacy = new PrivacyOptions();
                FileInfo configFile = parse.GetValue(config);
                try
                {
                    if (configFile != null)
                    {
                        ProximityReplay.ReadConfig(File.ReadAllText(configFile.FullName), out proximity, out privacy);
                    }
                }
                catch (ConfigException ex)
                {
                    Console.Error.WriteLine($"error: {configFile.Name}: {ex.Message}");
                    return 2;
                }

                long startUnixMs = 0;
                string startText = parse.GetValue(start);
                if (startText != null)
                {
                    if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset startTime))
                    {
                        Console.Error.WriteLine($"error: --start '{startText}' is not an ISO 8601 time");
                        return 2;
                    }

                    startUnixMs = startTime.ToUnixTimeMilliseconds();
                }

                var output = new StdoutLines();
                var bootKey = new byte[16];
                System.Security.Cryptography.RandomNumberGenerator.Fill(bootKey);
                var replay = new ProximityReplay(proximity, privacy, startUnixMs, bootKey, output);
                int lineNumber = 0;
                foreach (string line in File.ReadLines(traceFile.FullName))
                {
                    lineNumber++;
                    string problem = replay.PushLine(line);
                    if (problem != null)
                    {
                        Console.Error.WriteLine($"{traceFile.Name}:{lineNumber}: skipped: {problem}");
                    }
                }

                replay.Finish();
                Console.Error.WriteLine($"{replay.Rows} rows, {replay.BadRows} skipped");
                return 0;
            });
            return command;
        }

        private sealed class StdoutLines : IProximityListener
        {
            public void OnProximityPayload(string payload) => Console.Out.WriteLine(payload);
        }
    }
}
