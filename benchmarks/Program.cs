using System;
using BenchmarkDotNet.Running;

namespace Beacons.Benchmarks
{
    /// <summary>
    /// Two kinds of figures: BenchmarkDotNet micro-benchmarks (ns and bytes allocated per call, MemoryDiagnoser on),
    /// and harnesses that print accuracy figures over generated corpora (`harness &lt;name&gt;`).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "harness")
            {
                return Harnesses.Run(args[1..]);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
