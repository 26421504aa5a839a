using System;
using System.Diagnostics;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;

namespace Beacons.Benchmarks.Proximity
{
    /// <summary>
    /// <c>harness proximity-fuzz [count]</c>: at least 1M random and mutated advertisements through AdParser,
    /// ConsentSignal and the whole tracker. Any exception is a bug (the parsers are total); prints the count.
    /// </summary>
    public static class ProximityFuzzHarness
    {
        public static int Run(int count)
        {
            var rng = new Random(20261122);
            var parser = new AdParser();
            var consent = new ConsentSignal(0xFFFF);
            var privacy = new PrivacyOptions { Identifiers = IdentifierMode.Consented, StoreSecretHex = new string('a', 64), KAnonymity = 2 };
            var tracker = new ProximityTracker(new ProximityOptions(), privacy, new byte[16], new NullListener());
            byte[][] seeds = Seeds();
            byte[] buffer = new byte[300];
            byte[] token = new byte[8];
            long exceptions = 0, wellFormed = 0, consents = 0;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                int length;
                int offset = 0;
                if ((i & 1) == 0)
                {
                    length = rng.Next(0, 256);
                    rng.NextBytes(buffer.AsSpan(0, length));
                }
                else
                {
                    byte[] seed = seeds[rng.Next(seeds.Length)];
                    Array.Copy(seed, buffer, seed.Length);
                    length = seed.Length;
                    int mutations = 1 + rng.Next(4);
                    for (int m = 0; m < mutations; m++)
                    {
                        switch (rng.Next(5))
                        {
                            case 0: buffer[rng.Next(length == 0 ? 1 : length)] ^= (byte)(1 << rng.Next(8)); break;
                            case 1: buffer[rng.Next(length == 0 ? 1 : length)] = (byte)rng.Next(256); break;
                            case 2: length = rng.Next(length + 1); break;
                            case 3: length = Math.Min(buffer.Length, length + rng.Next(8)); break;
                            default: offset = rng.Next(3); length = Math.Max(0, length - offset); break;
                        }
                    }

                    if (rng.Next(50) == 0)
                    {
                        offset = rng.Next(-3, 400);
                        length = rng.Next(-3, 400);
                    }
                }

                try
                {
                    if (parser.Parse(buffer, offset, length)) wellFormed++;
                    if (consent.Parse(buffer, offset, length, token, 0) > 0) consents++;
                    if (i % 16 == 0) tracker.BeginWindow(i);
                    tracker.OnAdvertisement(rng.Next(64), 1, -40 - rng.Next(60), buffer, offset, length, i, i);
                    if (i % 1024 == 0) tracker.Tick(i, i);
                }
                catch (Exception ex)
                {
                    if (exceptions++ < 5) Console.WriteLine($"exception on input {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            sw.Stop();
            Console.WriteLine($"proximity-fuzz: {count:N0} advertisements ({count / 2:N0} random, {count - count / 2:N0} mutated)");
            Console.WriteLine($"exceptions = {exceptions}");
            Console.WriteLine($"well-formed = {wellFormed:N0}, valid consent = {consents:N0}, tracker beacons skipped = {tracker.Beacons:N0}");
            Console.WriteLine($"throughput = {count / sw.Elapsed.TotalSeconds:N0} adverts/s (parser + consent + tracker, host)");
            return exceptions == 0 ? 0 : 1;
        }

        private static byte[][] Seeds()
        {
            return new[]
            {
                new byte[] { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 1, 2, 3, 4, 5, 6, 7, 8 },
                new byte[] { 0x02, 0x01, 0x06, 0x11, 0x07, 8, 7, 6, 5, 4, 3, 2, 1, 0x00, 0x00, 0x03, 0x02, 0x1D, 0xC5, 0xFF, 0xFF },
                new byte[] { 0x02, 0x01, 0x06, 0x1A, 0xFF, 0x4C, 0x00, 0x02, 0x15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0, 1, 0, 2, 0xC5 },
                new byte[] { 0x02, 0x01, 0x06, 0x03, 0x03, 0xAA, 0xFE, 0x11, 0x16, 0xAA, 0xFE, 0x10, 0xF4, 0x00, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0x07, 0, 0, 0 },
                new byte[] { 0x02, 0x01, 0x1A, 0x02, 0x0A, 0x0C, 0x0B, 0xFF, 0x4C, 0x00, 0x10, 0x06, 0x13, 0x1D, 0x5C, 0x6E, 0x2F, 0x18 },
                new byte[] { 0x05, 0x09, 0x50, 0x69, 0x78, 0x65, 0x03, 0x19, 0x40, 0x02, 0x05, 0x16, 0x0A, 0x18, 0x01, 0x02 },
                Array.Empty<byte>(),
            };
        }

        private sealed class NullListener : IProximityListener
        {
            public void OnProximityPayload(string payload) { }
        }
    }
}
