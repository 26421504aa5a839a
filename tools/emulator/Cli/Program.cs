using System;
using System.CommandLine;
using System.IO;

namespace Beacons.Emulator
{
    /// <summary>
    /// The virtual device CLI. Every verb runs the real firmware or shared-core code; see README "The virtual device".
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            NodeLog.Install();
            var root = new RootCommand("Virtual ESP32 store nodes running the real beacon/shelf firmware against a real MQTT broker.");
            root.Subcommands.Add(RunVerb.Build());
            root.Subcommands.Add(DemoVerb.Build());
            root.Subcommands.Add(MonitorVerb.Build());
            root.Subcommands.Add(ProximityReplayVerb.Build());
            root.Subcommands.Add(EidResolveVerb.Build());
            root.Subcommands.Add(AdvVerb.Build());
            root.Subcommands.Add(ReplayVerb.Build());
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line, not the help page: the help is one --help away.
                Console.Error.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
                return 2;
            }

            try
            {
                return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                // Whatever reached here came from the user's files or arguments: say what, never a stack trace.
                Console.Error.WriteLine("error: " + OneLine(ex.Message));
                return 2;
            }
        }

        internal static string OneLine(string message)
        {
            int newline = message.IndexOfAny(new[] { '\r', '\n' });
            return newline < 0 ? message : message.Substring(0, newline);
        }

        /// <summary>A scratch folder for a node's I:\ drive, removed at exit unless --storage was given.</summary>
        internal static string ScratchFolder(string prefix)
        {
            string folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
