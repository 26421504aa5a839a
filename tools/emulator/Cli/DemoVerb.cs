using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using Beacons.Emulator.Monitor;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>demo</c>: the README's first command. Starts a private mosquitto (or uses --broker), boots a virtual store of
    /// nodes running the real firmware, and shows what store ops see on the broker; midway one node loses power, so
    /// its Last Will appears. Ends cleanly and stops the broker it started.
    /// </summary>
    internal static class DemoVerb
    {
        public static Command Build()
        {
            var broker = new Option<string>("--broker") { Description = "Use this broker instead of starting a local mosquitto." };
            var seconds = new Option<int>("--seconds") { Description = "Demo length.", DefaultValueFactory = _ => 30 };
            var nodes = new Option<int>("--nodes") { Description = "Number of virtual nodes.", DefaultValueFactory = _ => 3 };
            var seed = new Option<int>("--seed") { Description = "Seed for the simulated store.", DefaultValueFactory = _ => 1 };
            var noInstall = new Option<bool>("--no-install") { Description = "Do not apt-get install mosquitto when it is missing." };
            var json = new Option<bool>("--json") { Description = "Print the monitor's JSON lines instead of the live view." };
            var verbose = new Option<bool>("--verbose") { Description = "Also print the nodes' debug log (stderr)." };
            var command = new Command("demo", "Run a virtual store against a broker and watch it as store ops would.") { broker, seconds, nodes, seed, noInstall, json, verbose };
            command.SetAction(parse => Run(parse.GetValue(broker), parse.GetValue(seconds), parse.GetValue(nodes), parse.GetValue(seed),
                !parse.GetValue(noInstall), parse.GetValue(json), parse.GetValue(verbose)));
            return command;
        }

        private static int Run(string brokerUrl, int seconds, int nodeCount, int seed, bool allowInstall, bool json, bool verbose)
        {
            LocalBroker local = null;
            try
            {
                if (brokerUrl == null)
                {
                    string binary = LocalBroker.EnsureInstalled(allowInstall, Console.Out);
                    local = LocalBroker.Start(binary);
                    brokerUrl = local.Url;
                    Console.WriteLine($"started mosquitto on {brokerUrl}");
                }

                var view = new StoreView();
                using var subscriber = new StoreSubscriber(brokerUrl, "retail/v1", null, view);
                string sample = Path.Combine(AppContext.BaseDirectory, "samples", "device.json");
                var nodes = new List<VirtualStoreNode>();
                for (int i = 1; i <= nodeCount; i++)
                {
                    JsonObject config = JsonNode.Parse(File.ReadAllText(sample))!.AsObject();
                    config["device"] = $"n{i:00}";
                    string folder = Program.ScratchFolder("beacons-demo-node");
                    string path = Path.Combine(folder, "provisioned.json");
                    File.WriteAllText(path, config.ToJsonString());
                    VirtualStoreNode node = VirtualStoreNode.Create(path, folder, brokerUrl);
                    nodes.Add(node);
                    node.Boot();
                }

                NodeLog.Quiet = !verbose;
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
                using var powerCut = new Timer(_ =>
                {
                    if (nodes.Count > 1)
                    {
                        nodes[^1].Kill();
                    }
                }, null, TimeSpan.FromSeconds(seconds / 2.0), Timeout.InfiniteTimeSpan);
                MonitorVerb.Watch(view, json, $"virtual store demo — {nodes.Count} nodes on {brokerUrl} (seed {seed})", stop.Token);
                NodeLog.Quiet = false;
                for (int i = 0; i < nodes.Count; i++)
                {
                    if (!nodes[i].Node.IsPoweredOff)
                    {
                        nodes[i].Shutdown(TimeSpan.FromSeconds(3));
                    }
                }

                Thread.Sleep(300);
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return 1;
            }
            finally
            {
                local?.Dispose();
            }
        }
    }
}
