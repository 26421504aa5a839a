using System;
using System.Collections.Generic;

namespace Beacons.Benchmarks
{
    /// <summary>Registry of figure-printing harnesses; each domain adds its entry here.</summary>
    public static class Harnesses
    {
        private static readonly Dictionary<string, Func<string[], int>> All = new Dictionary<string, Func<string[], int>>
        {
            ["payload-sizes"] = Messaging.MessagingHarnesses.PayloadSizes,
            ["mqtt-throughput"] = Messaging.MessagingHarnesses.Throughput,
            ["shelf-accuracy"] = Shelf.ShelfAccuracyHarness.Run,
            ["proximity-fuzz"] = Proximity.ProximityFuzzHarness.Run,
            ["proximity-zones"] = Proximity.ProximityZonesHarness.Run,
        };

        public static int Run(string name, string[] args)
        {
            if (!All.TryGetValue(name, out Func<string[], int> harness))
            {
                Console.Error.WriteLine($"unknown harness '{name}'. Known: {string.Join(", ", All.Keys)}");
                return 2;
            }

            return harness(args);
        }
    }
}
