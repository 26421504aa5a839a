using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Beacons.Shared.Configuration;
using Beacons.Shared.Shelf;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>replay --trace t.csv --unit-grams G --counts-per-gram F --zero N [--sps 10] [--config device.json] [--lane ID]</c>:
    /// the production shelf chain over a recorded HX711 trace. stdout gets exactly the payloads the node would publish
    /// (plus <c>tMs</c>), one per line; diagnostics go to stderr. Also how a technician tunes thresholds from a recording.
    /// </summary>
    internal static class ReplayVerb
    {
        public static Command Build()
        {
            var trace = new Option<FileInfo>("--trace") { Description = "CSV rows time_ms,raw (signed HX711 counts at gain 128); a header line is optional.", Required = true };
            var unitGrams = new Option<double?>("--unit-grams") { Description = "Weight of one item, g." };
            var countsPerGram = new Option<double?>("--counts-per-gram") { Description = "Calibration: HX711 counts per gram." };
            var zero = new Option<double?>("--zero") { Description = "Calibration: raw counts of the empty lane." };
            var sps = new Option<int>("--sps") { Description = "Sample rate of the trace: 10 or 80.", DefaultValueFactory = _ => 10 };
            var config = new Option<FileInfo>("--config") { Description = "Device JSON: take the lane's counting rules from it (flags override)." };
            var lane = new Option<string>("--lane") { Description = "Lane id (with --config: which lane; default the first).", DefaultValueFactory = _ => null };
            var command = new Command("replay", "Run the shelf pipeline over a recorded HX711 trace.") { trace, unitGrams, countsPerGram, zero, sps, config, lane };
            command.SetAction(parse =>
            {
                FileInfo traceFile = parse.GetValue(trace);
                if (!traceFile.Exists)
                {
                    Console.Error.WriteLine($"error: {traceFile.FullName} does not exist");
                    return 2;
                }

                LaneOptions options;
                try
                {
                    options = BuildOptions(parse.GetValue(config), parse.GetValue(lane), parse.GetValue(unitGrams), parse.GetValue(countsPerGram), parse.GetValue(zero), parse.GetValue(sps));
                }
                catch (ConfigException ex)
                {
                    Console.Error.WriteLine("error: " + ex.Message);
                    return 2;
                }
                catch (ArgumentException ex)
                {
                    Console.Error.WriteLine("error: " + ex.Message);
                    return 2;
                }

                var output = new StdoutPayloads();
                var replay = new ShelfReplay(options, 0, output);
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

                Console.Error.WriteLine($"{replay.Rows} samples, {replay.BadRows} skipped, {replay.Events} events");
                return 0;
            });
            return command;
        }

        private static LaneOptions BuildOptions(FileInfo config, string laneId, double? unitGrams, double? countsPerGram, double? zero, int sps)
        {
            LaneOptions o;
            if (config != null)
            {
                LaneOptions[] lanes = ShelfReplay.ReadLanes(File.ReadAllText(config.FullName));
                o = laneId == null ? lanes.FirstOrDefault() : lanes.FirstOrDefault(l => l.Id == laneId);
                if (o == null)
                {
                    throw new ArgumentException(laneId == null ? $"{config.Name} has no lanes" : $"{config.Name} has no lane '{laneId}'");
                }
            }
            else
            {
                if (unitGrams == null || countsPerGram == null || zero == null)
                {
                    throw new ArgumentException("--unit-grams, --counts-per-gram and --zero are required without --config");
                }

                o = new LaneOptions { Id = laneId ?? "lane" };
            }

            if (unitGrams != null)
            {
                o.UnitGrams = unitGrams.Value;
            }

            if (countsPerGram != null)
            {
                o.CountsPerGram = countsPerGram.Value;
            }

            if (zero != null)
            {
                o.ZeroCounts = zero.Value;
            }

            o.Sps = sps;
            o.Validate("lane");
            return o;
        }

        private sealed class StdoutPayloads : IStockPayloadListener
        {
            public void OnStockPayload(string payload) => Console.Out.WriteLine(payload);
        }
    }
}
