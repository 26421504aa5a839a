using System;
using System.Diagnostics;
using Beacons.VirtualDevice;

namespace Beacons.Emulator
{
    /// <summary>
    /// Routes the firmware's Debug.WriteLine output (the device's debug channel) to stderr, prefixed with the node it
    /// came from, so stdout stays free for the machine-readable output of verbs like replay and adv.
    /// </summary>
    internal sealed class NodeLog : TraceListener
    {
        private static readonly object Gate = new object();
        private static bool _installed;

        public static bool Quiet { get; set; }

        public static void Install()
        {
            lock (Gate)
            {
                if (_installed)
                {
                    return;
                }

                Trace.Listeners.Add(new NodeLog());
                _installed = true;
            }
        }

        public override void Write(string message) => WriteLine(message);

        public override void WriteLine(string message)
        {
            if (Quiet)
            {
                return;
            }

            string node = VirtualNode.CurrentOrNull?.Name ?? "host";
            lock (Gate)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {node,-12} {message}");
            }
        }
    }
}
