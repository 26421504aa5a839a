using System;
using System.CommandLine;
using System.IO;
using System.Threading;

namespace Beacons.Emulator
{
    /// <summary><c>run --config device.json [--broker mqtt://host:port] [--seconds N] [--storage DIR] [--end shutdown|kill]</c></summary>
    internal static class RunVerb
    {
        public static Command Build()
        {
            var config = new Option<FileInfo>("--config") { Description = "Device JSON the node boots with (copied to its I:\\device.json).", Required = true };
            var broker = new Option<string>("--broker") { Description = "Override mqtt.broker, e.g. mqtt://127.0.0.1:1883." };
            var seconds = new Option<int>("--seconds") { Description = "Run time; 0 runs until Ctrl+C.", DefaultValueFactory = _ => 0 };
            var storage = new Option<DirectoryInfo>("--storage") { Description = "Folder standing for the node's I:\\ drive (kept between runs: boot counter, last good config)." };
            var end = new Option<string>("--end") { Description = "How the run ends: shutdown (goodbye + DISCONNECT) or kill (power cut: the broker sends the Last Will).", DefaultValueFactory = _ => "shutdown" };
            end.AcceptOnlyFromAmong("shutdown", "kill");
            var command = new Command("run", "Boot one node from a device config and run it against a broker.") { config, broker, seconds, storage, end };
            command.SetAction(parse =>
            {
                FileInfo configFile = parse.GetValue(config);
                if (!configFile.Exists)
                {
                    Console.Error.WriteLine($"error: {configFile.FullName} does not exist");
                    return 2;
                }

                string folder = parse.GetValue(storage)?.FullName ?? Program.ScratchFolder("beacons-node");
                VirtualStoreNode node = VirtualStoreNode.Create(configFile.FullName, folder, parse.GetValue(broker));
                using var stop = new ManualResetEventSlim(false);
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Set();
                };
                node.Boot();
                int runSeconds = parse.GetValue(seconds);
                if (runSeconds > 0)
                {
                    stop.Wait(TimeSpan.FromSeconds(runSeconds));
                }
                else
                {
                    stop.Wait();
                }

                if (parse.GetValue(end) == "kill")
                {
                    node.Kill();
                }
                else
                {
                    node.Shutdown(TimeSpan.FromSeconds(3));
                }

                if (node.Node.LastCrash != null)
                {
                    Console.Error.WriteLine($"firmware crashed: {node.Node.LastCrash}");
                    return 1;
                }

                return 0;
            });
            return command;
        }
    }
}
