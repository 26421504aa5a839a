using System;
using System.CommandLine;
using System.IO;
using Beacons.Emulator.Monitor;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// The web view wired to a <see cref="StoreView"/>: the history database fed from <see cref="StoreView.Recorded"/>
    /// and the page server. Start it before the subscriber connects, so the retained levels are kept too.
    /// </summary>
    public sealed class OpsWeb : IDisposable
    {
        private readonly StoreView _view;

        private OpsWeb(StoreView view, StockHistory history, OpsWebServer server)
        {
            _view = view;
            History = history;
            Server = server;
            _view.Recorded += History.Add;
        }

        public StockHistory History { get; }

        public OpsWebServer Server { get; }

        public Uri Url => Server.Url;

        /// <summary>Where <c>monitor</c> keeps history unless told: <c>$XDG_STATE_HOME/beacons/history.db</c> (default <c>~/.local/state</c>).</summary>
        public static string DefaultHistoryPath()
        {
            string state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(state))
            {
                state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            }

            return Path.Combine(state, "beacons", "history.db");
        }

        /// <exception cref="ArgumentException">Bad address, token or history file.</exception>
        /// <exception cref="InvalidOperationException">The address cannot be bound.</exception>
        public static OpsWeb Start(StoreView view, OpsWebOptions options, string historyPath, double retentionHours)
        {
            var history = new StockHistory(historyPath, retentionHours);
            try
            {
                return new OpsWeb(view, history, OpsWebServer.Start(view, history, options));
            }
            catch
            {
                history.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            _view.Recorded -= History.Add;
            Server.Dispose();
            History.Dispose();
        }

        /// <summary>The options <c>monitor --web</c> and <c>demo</c> share.</summary>
        internal sealed class CliOptions
        {
            public Option<string> Listen { get; } = new Option<string>("--listen") { Description = $"Web view address ip:port (default {OpsWebOptions.DefaultListen}; not loopback needs a token)." };

            public Option<string> TokenFile { get; } = new Option<string>("--web-token-file") { Description = $"File holding the web view's access token (or set {OpsWebOptions.TokenVariable})." };

            public Option<string> History { get; } = new Option<string>("--history") { Description = "SQLite file keeping every stock event and level for the plots." };

            public Option<double> RetentionHours { get; } = new Option<double>("--history-hours") { Description = "Hours of history kept (older rows are pruned on write; at most 1,000,000 rows).", DefaultValueFactory = _ => 72 };

            public void AddTo(Command command)
            {
                command.Options.Add(Listen);
                command.Options.Add(TokenFile);
                command.Options.Add(History);
                command.Options.Add(RetentionHours);
            }

            public OpsWeb Start(ParseResult parse, StoreView view, string defaultHistory)
            {
                OpsWebOptions options = OpsWebOptions.Create(parse.GetValue(Listen), parse.GetValue(TokenFile));
                OpsWeb web = OpsWeb.Start(view, options, parse.GetValue(History) ?? defaultHistory, parse.GetValue(RetentionHours));
                Console.WriteLine(web.Server.Banner(options) + $"; history {web.History.Path} ({web.History.RetentionHours:0.#} h)");
                return web;
            }
        }
    }
}
