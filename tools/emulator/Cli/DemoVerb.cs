using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using Beacons.Broker;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.Web;
using Beacons.Emulator.World;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>demo</c>: the README's first command. Starts a private mosquitto (or uses --broker), boots a virtual store of
    /// nodes running the real firmware, and shows what store ops see on the broker; midway one node loses power, so
    /// its Last Will appears. Ends cleanly and stops the broker it started.
    /// </summary>
    public static class DemoVerb
    {
        internal static Command Build()
        {
            var broker = new Option<string>("--broker") { Description = "Use this broker instead of starting a local mosquitto." };
            var seconds = new Option<int>("--seconds") { Description = "Demo length.", DefaultValueFactory = _ => 60 };
            var nodes = new Option<int>("--nodes") { Description = "Number of virtual nodes (roles cycle: beacon+shelf, shelf, scanner, beacon+scanner).", DefaultValueFactory = _ => 4 };
            var seed = new Option<int>("--seed") { Description = "Seed for the simulated store.", DefaultValueFactory = _ => 1 };
            var noInstall = new Option<bool>("--no-install") { Description = "Do not apt-get install mosquitto when it is missing." };
            var json = new Option<bool>("--json") { Description = "Print the monitor's JSON lines instead of the live view." };
            var verbose = new Option<bool>("--verbose") { Description = "Also print the nodes' debug log (stderr)." };
            var noWeb = new Option<bool>("--no-web") { Description = "Do not serve the web view beside the terminal view." };
            var webOptions = new OpsWeb.CliOptions();
            var command = new Command("demo", "Run a virtual store against a broker and watch it as store ops would.") { broker, seconds, nodes, seed, noInstall, json, verbose, noWeb };
            webOptions.AddTo(command);
            command.SetAction(parse => Run(parse.GetValue(broker), parse.GetValue(seconds), parse.GetValue(nodes), parse.GetValue(seed),
                !parse.GetValue(noInstall), parse.GetValue(json), parse.GetValue(verbose), parse.GetValue(noWeb) ? null : (v, path) => webOptions.Start(parse, v, path)));
            return command;
        }

        private static int Run(string brokerUrl, int seconds, int nodeCount, int seed, bool allowInstall, bool json, bool verbose, Func<StoreView, string, OpsWeb> startWeb)
        {
            MosquittoBroker local = null;
            OpsWeb web = null;
            string scratch = null;
            try
            {
                if (brokerUrl == null)
                {
                    MosquittoBroker.EnsureInstalled(allowInstall, Console.Out);
                    local = MosquittoBroker.Start();
                    brokerUrl = local.Url;
                    Console.WriteLine($"started mosquitto on {brokerUrl}");
                }

                var view = new StoreView();
                if (startWeb != null)
                {
                    // The demo's history is its own (a scratch file unless --history), so its plots show this run.
                    scratch = Program.ScratchFolder("beacons-demo-web");
                    web = startWeb(view, Path.Combine(scratch, "history.db"));
                }

                string title = $"virtual store s001: {nodeCount} nodes on {brokerUrl} (seed {seed})" + (web == null ? "" : $"; web view {web.Url}");
                RunStore(view, brokerUrl, seconds, nodeCount, seed, verbose, (v, token) => MonitorVerb.Watch(v, json, title, token), out DemoStore store);
                Console.Error.WriteLine($"demo over: {store.Shoppers.Visitors} shoppers ({store.Shoppers.ConsentedVisitors} with the app and consent), " +
                    $"{view.StockEvents.Count} stock events, {view.Alerts.Count} alerts, {view.ProximityPayloads.Count} proximity messages");
                Thread.Sleep(300);
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return 1;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return 2;
            }
            finally
            {
                web?.Dispose();
                local?.Dispose();
                if (scratch != null)
                {
                    try
                    {
                        Directory.Delete(scratch, true);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }

        /// <summary>
        /// Runs the virtual store for <paramref name="seconds"/> against <paramref name="brokerUrl"/>, watched by a
        /// subscriber-only <see cref="StoreView"/>, and returns that view (the end-to-end tests assert on it).
        /// </summary>
        public static StoreView RunStore(string brokerUrl, int seconds, int nodeCount, int seed, bool verbose, Action<StoreView, CancellationToken> watch, out DemoStore store) =>
            RunStore(new StoreView(), brokerUrl, seconds, nodeCount, seed, verbose, watch, out store);

        /// <summary>The same, into a view the caller made (and may have attached a web view to).</summary>
        public static StoreView RunStore(StoreView view, string brokerUrl, int seconds, int nodeCount, int seed, bool verbose, Action<StoreView, CancellationToken> watch, out DemoStore store)
        {
            using var subscriber = new StoreSubscriber(brokerUrl, "retail/v1", null, view);
            store = new DemoStore(seed);
            store.Build(nodeCount, brokerUrl, seconds);
            DemoStore built = store;
            foreach (VirtualStoreNode node in built.Nodes)
            {
                node.Boot();
            }

            NodeLog.Quiet = !verbose;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            using var world = new Timer(_ => built.Shoppers.Step(0.5), null, 500, 500);
            using var powerCut = new Timer(_ =>
            {
                // One node loses power midway: its Last Will turns it offline for every consumer.
                if (built.Nodes.Count > 1)
                {
                    built.Nodes[1].Kill();
                }
            }, null, TimeSpan.FromSeconds(seconds * 0.6), Timeout.InfiniteTimeSpan);
            watch(view, stop.Token);
            NodeLog.Quiet = false;
            foreach (VirtualStoreNode node in built.Nodes)
            {
                if (!node.Node.IsPoweredOff)
                {
                    node.Shutdown(TimeSpan.FromSeconds(3));
                }
            }

            Thread.Sleep(1000);
            return view;
        }
    }
}
