using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

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
            var command = new Command("demo", "Run a virtual store against a broker and watch it as store ops would.") { broker, seconds, nodes, seed, noInstall };
            command.SetAction(parse => Run(parse.GetValue(broker), parse.GetValue(seconds), parse.GetValue(nodes), parse.GetValue(seed), !parse.GetValue(noInstall)));
            return command;
        }

        private static int Run(string brokerUrl, int seconds, int nodeCount, int seed, bool allowInstall)
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

                var uri = new Uri(brokerUrl.Replace("mqtt://", "tcp://"));
                var watcher = new MqttClient(uri.Host, uri.Port, false, null, null, MqttSslProtocols.None);
                watcher.MqttMsgPublishReceived += (_, e) =>
                    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {(e.Retain ? "R" : " ")} {e.Topic,-40} {Encoding.UTF8.GetString(e.Message)}");
                if (watcher.Connect("demo-watcher-" + seed) != MqttReasonCode.Success)
                {
                    Console.Error.WriteLine("error: the watcher could not connect to " + brokerUrl);
                    return 1;
                }

                watcher.Subscribe(new[] { "retail/v1/#" }, new[] { MqttQoSLevel.AtLeastOnce });
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

                Console.WriteLine($"booted {nodes.Count} virtual node(s); watching retail/v1/# for {seconds} s");
                Thread.Sleep(TimeSpan.FromSeconds(seconds / 2.0));
                if (nodes.Count > 0)
                {
                    Console.WriteLine($"--- cutting power to {nodes[^1].Node.Name}: the broker publishes its Last Will ---");
                    nodes[^1].Kill();
                }

                Thread.Sleep(TimeSpan.FromSeconds(seconds / 2.0));
                Console.WriteLine("--- ending the demo: nodes say goodbye ---");
                for (int i = 0; i < nodes.Count - 1; i++)
                {
                    nodes[i].Shutdown(TimeSpan.FromSeconds(3));
                }

                Thread.Sleep(500);
                watcher.Disconnect();
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
