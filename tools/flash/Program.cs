using System;
using System.CommandLine;
using System.IO;
using Beacons.Flash.Cli;

namespace Beacons.Flash
{
    /// <summary>Entry point: <c>provision</c>, <c>flash</c>, <c>verify</c>. See tools/flash/README.md.</summary>
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>Runs the CLI with its output on the given writers (tests call this in-process).</summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var o = new RedactingWriter(stdout);
            var e = new RedactingWriter(stderr);
            var context = new CliContext(o, e);
            var root = new RootCommand("Provision and flash a store's beacon / shelf / scanner nodes (nanoFramework on ESP32).")
            {
                ProvisionVerb.Build(context),
                FlashVerb.Build(context),
                VerifyVerb.Build(context),
            };
            try
            {
                return root.Parse(args).Invoke(new InvocationConfiguration { Output = o, Error = e });
            }
            finally
            {
                o.Flush();
                e.Flush();
            }
        }
    }
}
