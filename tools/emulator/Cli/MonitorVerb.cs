using System;
using System.CommandLine;
using System.Threading;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.Web;
using Spectre.Console;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>monitor --broker mqtt[s]://host:port [--ca ca.pem] [--store S] [--json] [--seconds N] [--web [--listen ip:port]]</c>:
    /// the store-ops view, in the terminal and, with <c>--web</c>, as a page with history (see <see cref="OpsWeb"/>).
    /// </summary>
    internal static class MonitorVerb
    {
        public static Command Build()
        {
            var broker = new Option<string>("--broker") { Description = "Broker URL: mqtts://host[:8883] (TLS) or mqtt://host[:1883].", Required = true };
            var ca = new Option<string>("--ca") { Description = "PEM of the CA that signed the broker's certificate (mqtts://; default: the system's roots)." };
            var store = new Option<string>("--store") { Description = "Only this store (default: every store)." };
            var prefix = new Option<string>("--prefix") { Description = "Topic prefix.", DefaultValueFactory = _ => "retail/v1" };
            var json = new Option<bool>("--json") { Description = "Print one JSON line per update instead of the live view." };
            var seconds = new Option<int>("--seconds") { Description = "Stop after N seconds (0 = until Ctrl+C).", DefaultValueFactory = _ => 0 };
            var user = new Option<string>("--username") { Description = "MQTT user (store ops account)." };
            var password = new Option<string>("--password") { Description = "MQTT password." };
            var web = new Option<bool>("--web") { Description = "Also serve the web view (lanes, alerts, nodes, zones, depletion plots) with its history." };
            var webOptions = new OpsWeb.CliOptions();
            var command = new Command("monitor", "Watch stores live from a broker, as store ops do.") { broker, ca, store, prefix, json, seconds, user, password, web };
            webOptions.AddTo(command);
            command.SetAction(parse =>
            {
                var view = new StoreView();
                using var stop = new CancellationTokenSource();
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                int runSeconds = parse.GetValue(seconds);
                if (runSeconds > 0)
                {
                    stop.CancelAfter(TimeSpan.FromSeconds(runSeconds));
                }

                try
                {
                    using OpsWeb page = parse.GetValue(web) ? webOptions.Start(parse, view, OpsWeb.DefaultHistoryPath()) : null;
                    using var subscriber = new StoreSubscriber(parse.GetValue(broker), parse.GetValue(prefix), parse.GetValue(store), view, parse.GetValue(user), parse.GetValue(password), parse.GetValue(ca));
                    Watch(view, parse.GetValue(json), "store monitor " + parse.GetValue(broker), stop.Token);
                }
                catch (ArgumentException ex)
                {
                    Console.Error.WriteLine("error: " + ex.Message);
                    return 2;
                }
                catch (Exception ex) when (ex is InvalidOperationException or nanoFramework.M2Mqtt.Exceptions.MqttConnectionException or nanoFramework.M2Mqtt.Exceptions.MqttCommunicationException)
                {
                    Console.Error.WriteLine("error: " + ex.Message);
                    return 1;
                }

                return 0;
            });
            return command;
        }

        /// <summary>Shows the view until <paramref name="token"/> is cancelled: live table, or JSON lines.</summary>
        public static void Watch(StoreView view, bool json, string title, CancellationToken token)
        {
            if (json)
            {
                var gate = new object();
                view.Updated += line =>
                {
                    lock (gate)
                    {
                        Console.Out.WriteLine(line);
                        Console.Out.Flush();
                    }
                };
                token.WaitHandle.WaitOne();
                return;
            }

            AnsiConsole.Live(MonitorRenderer.Render(view, title)).AutoClear(false).Start(ctx =>
            {
                while (!token.IsCancellationRequested)
                {
                    ctx.UpdateTarget(MonitorRenderer.Render(view, title));
                    token.WaitHandle.WaitOne(500);
                }

                ctx.UpdateTarget(MonitorRenderer.Render(view, title));
            });
        }
    }
}
