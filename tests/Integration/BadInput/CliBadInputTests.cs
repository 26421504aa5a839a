using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Beacons.Tests.Integration.Flash;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.BadInput
{
    /// <summary>
    /// Every verb of both CLIs answers bad input (missing files, truncated JSON, wrong JSON types, unparsable
    /// arguments) with one "error:" line and exit code 2, never a stack trace or a help page.
    /// </summary>
    [TestClass]
    public sealed class CliBadInputTests
    {
        private static string _dir;

        [ClassInitialize]
        public static void WriteInputs(TestContext context)
        {
            _dir = FlashTestKit.NewScratch("bad-input");
            File.WriteAllText(Path.Combine(_dir, "trunc.json"), "{\"schema\":1,\"store\":");
            File.WriteAllText(Path.Combine(_dir, "types.json"), "{\"schema\":1,\"store\":42,\"device\":{\"a\":1},\"mqtt\":{\"broker\":\"mqtt://127.0.0.1:1\"}}");
            File.WriteAllText(Path.Combine(_dir, "store-object.json"), "{\"schema\":1,\"store\":{\"id\":\"s001\"},\"device\":\"n01\",\"mqtt\":{\"broker\":\"mqtt://127.0.0.1:1\"},\"beacon\":{}}");
        }

        [TestMethod]
        [DataRow("adv --config missing.json", "does not exist")]
        [DataRow("adv --config trunc.json", "trunc.json: (document): invalid JSON")]
        [DataRow("adv --config types.json", "types.json: store: must be a string")]
        [DataRow("adv --config store-object.json", "store-object.json: store: must be a string")]
        [DataRow("adv --config types.json --seconds abc", "Cannot parse argument 'abc'")]
        [DataRow("run --config missing.json --seconds 1", "does not exist")]
        [DataRow("replay --trace missing.csv", "does not exist")]
        [DataRow("proximity-replay --trace missing.csv", "does not exist")]
        [DataRow("monitor --broker http://broker:1883", "expected mqtt://host[:port] or mqtts://host[:port]")]
        [DataRow("monitor --broker mqtts://127.0.0.1:1 --ca missing.pem", "--ca 'missing.pem'")]
        [DataRow("eid-resolve", "Option '--eid' is required")]
        [DataRow("demo --seconds x", "Cannot parse argument 'x'")]
        [DataRow("no-such-verb", "(see --help)")]
        public void EmulatorVerb_BadInput_OneLineExit2(string arguments, string expected)
        {
            (int code, string stdout, string stderr) = RunEmulator(arguments);

            AssertOneLineError(code, stdout, stderr, expected);
        }

        [TestMethod]
        [DataRow("flash --nope", "Unrecognized command or argument '--nope'")]
        [DataRow("verify --config", "Required argument missing")]
        [DataRow("provision --manifest", "Required argument missing")]
        public void FlashVerb_BadArguments_OneLineExit2(string arguments, string expected)
        {
            FlashTestKit.CliRun run = FlashTestKit.Run(arguments.Split(' '));

            AssertOneLineError(run.ExitCode, run.Out, run.Err, expected);
        }

        private static void AssertOneLineError(int code, string stdout, string stderr, string expected)
        {
            string all = stdout + "\n" + stderr;
            Assert.AreEqual(2, code, all);
            string[] errors = stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(1, errors.Length, all);
            StringAssert.Contains(errors[0], expected, all);
            Assert.IsFalse(all.Contains("   at ", StringComparison.Ordinal), "stack trace shown: " + all);
            Assert.IsFalse(all.Contains("Usage:", StringComparison.Ordinal), "help page instead of one line: " + all);
        }

        private static (int Code, string Out, string Err) RunEmulator(string arguments)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "Beacons.Emulator.dll");
            var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
            {
                WorkingDirectory = _dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(info)!;
            string stdout = process.StandardOutput.ReadToEndAsync().Result;
            string stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(true);
                Assert.Fail("emulator did not exit: " + arguments);
            }

            return (process.ExitCode, stdout, stderr);
        }
    }
}
