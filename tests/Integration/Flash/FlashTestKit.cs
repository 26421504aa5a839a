using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>Shared helpers: repository paths, in-process CLI runs, scratch folders, and a stand-in nanoff.</summary>
    internal static class FlashTestKit
    {
        public static string RepoRoot { get; } = FindRoot();

        public static string SampleFolder => Path.Combine(RepoRoot, "tools", "flash", "samples", "store-s001");

        public static string SampleManifestJson => Path.Combine(SampleFolder, "manifest.json");

        public static string SampleManifestCsv => Path.Combine(SampleFolder, "manifest.csv");

        public static string SampleStore => Path.Combine(SampleFolder, "store.json");

        public static string ExpectedFolder => Path.Combine(SampleFolder, "expected");

        public static string SchemaPath => Path.Combine(RepoRoot, "docs", "device-config.schema.json");

        public const string SampleWifiPassword = "sample-wifi-passw0rd";

        public sealed record CliRun(int ExitCode, string Out, string Err)
        {
            public string All => Out + "\n" + Err;
        }

        public static CliRun Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = Beacons.Flash.Program.Run(args, o, e);
            return new CliRun(code, o.ToString(), e.ToString());
        }

        public static string NewScratch(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "beacons-flash-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static CliRun ProvisionSample(string outDir, string manifest = null, string seed = "golden")
        {
            var args = new List<string> { "provision", "--manifest", manifest ?? SampleManifestJson, "--store", SampleStore, "--out", outDir };
            if (seed != null)
            {
                args.AddRange(new[] { "--seed", seed });
            }

            return Run(args.ToArray());
        }

        /// <summary>Every file under <paramref name="dir"/> (relative path, '/' separators) with the folder's path replaced by &lt;out&gt;.</summary>
        public static SortedDictionary<string, string> Snapshot(string dir)
        {
            string full = Path.GetFullPath(dir);
            string escaped = JsonSerializer.Serialize(full).Trim('"');
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string f in Directory.GetFiles(full, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                string rel = Path.GetRelativePath(full, f).Replace('\\', '/');
                string text = File.ReadAllText(f).Replace("\r\n", "\n").Replace(escaped, "<out>").Replace(full, "<out>");
                files[rel] = text;
            }

            return files;
        }

        /// <summary>
        /// A stand-in for nanoff: a shell script that appends each argument on its own line to a log (an invocation ends
        /// with "--end--"), prints a line echoing the networkdeployment JSON it was given (to prove the tool redacts a
        /// chatty child), and exits with <paramref name="failExit"/> when its arguments mention <paramref name="failOnPort"/>.
        /// </summary>
        public static string WriteFakeNanoff(string dir, out string logPath, string failOnPort = null, int failExit = 208)
        {
            logPath = Path.Combine(dir, "nanoff-calls.log");
            string script = Path.Combine(dir, "fake nanoff.sh");
            string fail = failOnPort == null ? "" : $"case \"$*\" in *{failOnPort}*) echo 'Error E2000 connecting'; exit {failExit};; esac\n";
            File.WriteAllText(script,
                "#!/bin/sh\n" +
                $"log='{logPath}'\n" +
                "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$log\"; done\n" +
                "printf '%s\\n' '--end--' >> \"$log\"\n" +
                "prev=''\nfor a in \"$@\"; do if [ \"$prev\" = '--networkdeployment' ]; then echo \"uploading $(cat \"$a\")\"; fi; prev=\"$a\"; done\n" +
                fail +
                "exit 0\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return script;
        }

        /// <summary>The argument lists the stand-in nanoff recorded, one per invocation.</summary>
        public static List<List<string>> ReadCalls(string logPath)
        {
            var calls = new List<List<string>>();
            if (!File.Exists(logPath))
            {
                return calls;
            }

            var current = new List<string>();
            foreach (string line in File.ReadAllLines(logPath))
            {
                if (line == "--end--")
                {
                    calls.Add(current);
                    current = new List<string>();
                }
                else
                {
                    current.Add(line);
                }
            }

            return calls;
        }

        /// <summary>
        /// A provisioned-looking output folder whose device.json files use only the keys the firmware parses today
        /// (store/device/mqtt/commands), so flash behaviour is tested independently of which sections are wired.
        /// </summary>
        public static string HandMadeOut(string dir, params string[] devices)
        {
            string outDir = Path.Combine(dir, "out put");
            Directory.CreateDirectory(outDir);
            var plan = new { store = "s001", devices = devices.Select(d => new { id = d, role = "shelf" }).ToArray() };
            File.WriteAllText(Path.Combine(outDir, "plan.json"), JsonSerializer.Serialize(plan));
            foreach (string d in devices)
            {
                string f = Path.Combine(outDir, d);
                Directory.CreateDirectory(f);
                File.WriteAllText(Path.Combine(f, "device.json"),
                    "{\"schema\":1,\"configVersion\":1,\"store\":\"s001\",\"device\":\"" + d + "\",\"mqtt\":{\"broker\":\"mqtt://127.0.0.1:1883\",\"password\":\"hand-made-pass-" + d + "\"}," +
                    "\"commands\":{\"key\":\"" + new string('a', 64) + "\"}}");
                File.WriteAllText(Path.Combine(f, "filedeployment.json"), "{\"Files\":[]}");
                File.WriteAllText(Path.Combine(f, "networkdeployment.json"), "{\"WirelessClient\":{\"Ssid\":\"x\",\"Password\":\"" + SampleWifiPassword + "\"}}");
            }

            return outDir;
        }

        public static string WriteImage(string dir)
        {
            string image = Path.Combine(dir, "app image.bin");
            File.WriteAllBytes(image, new byte[] { 1, 2, 3, 4 });
            return image;
        }

        private static string FindRoot([CallerFilePath] string thisFile = "")
        {
            // tests/Integration/Flash/FlashTestKit.cs -> repository root.
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile), "..", "..", ".."));
        }
    }
}
