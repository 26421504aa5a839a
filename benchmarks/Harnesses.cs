using System;
using System.CommandLine;
using System.Globalization;

namespace Beacons.Benchmarks
{
    /// <summary>
    /// The figure-printing harnesses as System.CommandLine verbs under <c>harness</c>; each domain adds its verb here.
    /// Unknown options, missing values and out-of-range numbers are one-line errors with exit code 2, never ignored.
    /// </summary>
    public static class Harnesses
    {
        public static int Run(string[] args)
        {
            var root = new RootCommand("Harnesses that print accuracy, size and throughput figures.");
            root.Subcommands.Add(PayloadSizes());
            root.Subcommands.Add(MqttThroughput());
            root.Subcommands.Add(ShelfAccuracy());
            root.Subcommands.Add(ProximityFuzz());
            root.Subcommands.Add(ProximityZones());
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                string message = parse.Errors[0].Message.Replace("\r", "").Replace("\n\t", " ").Replace("\n", " ");
                Console.Error.WriteLine($"error: {message} (see harness --help)");
                return 2;
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }

        private static Command PayloadSizes()
        {
            var command = new Command("payload-sizes", "UTF-8 bytes of each payload type as the firmware formats it.");
            command.SetAction(_ => Messaging.MessagingHarnesses.PayloadSizes());
            return command;
        }

        private static Command MqttThroughput()
        {
            var nodes = Bounded(new Argument<int>("nodes") { Description = "Virtual nodes publishing.", DefaultValueFactory = _ => 10 }, 1, 500);
            var seconds = Bounded(new Argument<int>("seconds") { Description = "Run time.", DefaultValueFactory = _ => 10 }, 1, 3600);
            var command = new Command("mqtt-throughput", "Virtual nodes' outboxes pushing QoS 1 stock events into a local mosquitto; sustained events/s.") { nodes, seconds };
            command.SetAction(p => Messaging.MessagingHarnesses.Throughput(p.GetValue(nodes), p.GetValue(seconds)));
            return command;
        }

        private static Command ShelfAccuracy()
        {
            var quick = new Option<bool>("--quick") { Description = "8 traces of 10 min per band, one 24 h noise-only trace per SNR." };
            var seeds = new Option<string>("--seeds") { Description = "Seed set: train (tune on it) or heldout (report it).", DefaultValueFactory = _ => "heldout" };
            seeds.AcceptOnlyFromAmong("train", "heldout");
            var traces = Bounded(new Option<int?>("--traces") { Description = "Traces per band (32; 8 with --quick)." }, 1, 10_000);
            var minutes = Bounded(new Option<int?>("--minutes") { Description = "Minutes per trace (20; 10 with --quick)." }, 1, 24 * 60);
            var noise = Bounded(new Option<int?>("--noise") { Description = "Noise-only traces per SNR (4; 1 with --quick)." }, 0, 1000);
            var hours = new Option<double>("--hours") { Description = "Hours per noise-only trace.", DefaultValueFactory = _ => 24 };
            hours.Validators.Add(r =>
            {
                if (r.Tokens.Count > 0 && !double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return;
                }

                double h = r.GetValueOrDefault<double>();
                if (!(h > 0 && h <= 24 * 30))
                {
                    r.AddError($"--hours must be above 0 and at most 720 (found {h.ToString(CultureInfo.InvariantCulture)})");
                }
            });
            var band = new Option<string>("--band") { Description = "Only the bands whose name contains this text." };
            var csv = new Option<string>("--csv") { Description = "Write each event trace (time_ms,raw) and its truth into this folder." };
            var verbose = new Option<bool>("--verbose") { Description = "Every trace's physics and every miss, wrong or false event." };
            var command = new Command("shelf-accuracy", "The lane chain and a Tasmota-style baseline on a banded, physically honest corpus.")
            {
                quick, seeds, traces, minutes, noise, hours, band, csv, verbose,
            };
            command.SetAction(p => Shelf.ShelfAccuracyHarness.Run(p.GetValue(quick), p.GetValue(seeds) == "heldout", p.GetValue(traces),
                p.GetValue(minutes), p.GetValue(noise), p.GetValue(hours), p.GetValue(band), p.GetValue(csv), p.GetValue(verbose)));
            return command;
        }

        private static Command ProximityFuzz()
        {
            var count = Bounded(new Argument<int>("count") { Description = "Advertisements to generate.", DefaultValueFactory = _ => 1_000_000 }, 1, 1_000_000_000);
            var command = new Command("proximity-fuzz", "Random and mutated advertisements through the parsers and the tracker; any exception is a bug.") { count };
            command.SetAction(p => Proximity.ProximityFuzzHarness.Run(p.GetValue(count)));
            return command;
        }

        private static Command ProximityZones()
        {
            var quick = new Option<bool>("--quick") { Description = "3 stores of 40 min." };
            var seeds = new Option<string>("--seeds") { Description = "Store seeds: train (tune on them) or heldout (report them).", DefaultValueFactory = _ => "heldout" };
            seeds.AcceptOnlyFromAmong("train", "heldout");
            var stores = Bounded(new Option<int?>("--stores") { Description = "Generated stores (16; 3 with --quick)." }, 1, 100);
            var minutes = Bounded(new Option<int?>("--minutes") { Description = "Opening minutes per store (120; 40 with --quick)." }, 15, 240);
            var sweep = new Option<bool>("--sweep") { Description = "Sweep the configured model and hysteresis (training stores only)." };
            var oracle = new Option<bool>("--oracle") { Description = "Configure each node with its true channel constants (upper bound, not a deployment figure)." };
            var noCalibration = new Option<bool>("--no-calibration") { Description = "Ours uses the configured constants instead of fitting them from the neighbours' beacons." };
            var command = new Command("proximity-zones", "Zones, changes, latency, dwell and aggregates on generated stores next to a median+IQR baseline.")
            {
                quick, seeds, stores, minutes, sweep, oracle, noCalibration,
            };
            command.SetAction(p => Proximity.ProximityZonesHarness.Run(p.GetValue(seeds) == "heldout", p.GetValue(quick), p.GetValue(stores),
                p.GetValue(minutes), p.GetValue(sweep), p.GetValue(oracle), !p.GetValue(noCalibration)));
            return command;
        }

        private static Argument<int> Bounded(Argument<int> argument, int min, int max)
        {
            argument.Validators.Add(r =>
            {
                if (r.Tokens.Count == 0 || int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    Check(r.GetValueOrDefault<int>(), min, max, argument.Name, r.AddError);
                }
                else
                {
                    r.AddError($"{argument.Name} must be a whole number (found '{r.Tokens[0].Value}')");
                }
            });
            return argument;
        }

        private static Option<int?> Bounded(Option<int?> option, int min, int max)
        {
            option.Validators.Add(r =>
            {
                if (r.Tokens.Count > 0 && !int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    return; // System.CommandLine reports the unparsable value itself
                }

                int? v = r.GetValueOrDefault<int?>();
                if (v.HasValue)
                {
                    Check(v.Value, min, max, option.Name, r.AddError);
                }
            });
            return option;
        }

        private static void Check(int value, int min, int max, string name, Action<string> error)
        {
            if (value < min || value > max)
            {
                error($"{name} must be between {min} and {max} (found {value})");
            }
        }
    }
}
