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
            return root.Parse(args).Invoke();
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
