using System;
using System.CommandLine;
using System.IO;
using Beacons.Flash.Cli;

namespace Beacons.Flash
{
    /// <summary>Entry point: <c>provision</c>, <c>flash</c>, <c>verify</c>, <c>release</c>. See tools/flash/README.md.</summary>
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>Runs the CLI with its output on the given writers (tests call this in-process).</summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var o = new RedactingWriter(stdout);
            var e = new RedactingWriter(stderr);
            var context = new CliContext(o, e) { IsTerminal = ReferenceEquals(stdout, Console.Out) };
            var root = new RootCommand("Provision and flash a store's beacon / shelf / scanner nodes (nanoFramework on ESP32).")
            {
                ProvisionVerb.Build(context),
                FlashVerb.Build(context),
                VerifyVerb.Build(context),
                ReleaseVerb.Build(context),
            };
            try
            {
                ParseResult parse = root.Parse(args);
                if (parse.Errors.Count > 0)
                {
                    e.WriteLine($"error: {parse.Errors[0].Message} (see --help)");
                    return 2;
                }

                return parse.Invoke(new InvocationConfiguration { Output = o, Error = e, EnableDefaultExceptionHandler = false });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                // From the user's files or arguments: one line, never a stack trace (the redacting writer still applies).
                string message = ex.Message;
                int newline = message.IndexOfAny(new[] { '\r', '\n' });
                e.WriteLine("error: " + (newline < 0 ? message : message.Substring(0, newline)));
                return 2;
            }
            finally
            {
                o.Flush();
                e.Flush();
            }
        }
    }
}
