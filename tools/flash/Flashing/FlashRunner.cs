using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Beacons.Flash.Manifest;
using Beacons.Flash.Provisioning;
using Beacons.Shared.Configuration;

namespace Beacons.Flash.Flashing
{
    /// <summary>What to flash and how.</summary>
    public sealed class FlashRequest
    {
        public string OutFolder { get; init; }

        public StoreSettings Store { get; init; }

        /// <summary>Absolute path of the application deployment image (.bin); null with <see cref="ConfigOnly"/>.</summary>
        public string Image { get; init; }

        public string[] OnlyDevices { get; init; } = Array.Empty<string>();

        /// <summary>Port for a single-device run, overriding store.json.</summary>
        public string SerialPortOverride { get; init; }

        /// <summary>nanoff as given by the user ("nanoff" or a path); shown in dry-run commands.</summary>
        public string Nanoff { get; init; } = "nanoff";

        public bool DryRun { get; init; }

        /// <summary>Skip <c>--update</c> (keep the nanoFramework firmware already on the board).</summary>
        public bool NoUpdate { get; init; }

        /// <summary>Only upload device.json, the CA and the network settings (re-provisioning a flashed node).</summary>
        public bool ConfigOnly { get; init; }

        public bool WindowsQuoting { get; init; } = OperatingSystem.IsWindows();
    }

    /// <summary>One line of the summary table.</summary>
    public sealed record FlashResult(string Device, string Port, string Target, string Result, int? ExitCode, string Meaning)
    {
        public bool Ok => Result == "ok" || Result == "dry-run";
    }

    /// <summary>Runs nanoff once per device (or prints the commands), with progress lines and a summary table.</summary>
    public sealed class FlashRunner
    {
        private readonly TextWriter _out;
        private readonly TextWriter _err;

        public FlashRunner(TextWriter stdout, TextWriter stderr)
        {
            _out = stdout;
            _err = stderr;
        }

        /// <summary>The nanoff arguments for one device, in the order nanoff's README uses.</summary>
        public static List<string> Arguments(FlashRequest r, string target, string port, string deviceFolder)
        {
            var args = new List<string>();
            if (!r.ConfigOnly)
            {
                args.AddRange(new[] { "--target", target });
            }

            args.AddRange(new[] { "--serialport", port });
            if (!r.ConfigOnly)
            {
                if (!r.NoUpdate)
                {
                    args.Add("--update");
                }

                args.AddRange(new[] { "--deploy", "--image", r.Image });
            }

            // nanoff runs the file deployment and then the network deployment after the flash operations of the same
            // call (nanoFirmwareFlasher Program.cs), so one call per board does everything.
            args.AddRange(new[] { "--filedeployment", Path.Combine(deviceFolder, Provisioner.FileDeploymentFile) });
            args.AddRange(new[] { "--networkdeployment", Path.Combine(deviceFolder, Provisioner.NetworkDeploymentFile) });
            return args;
        }

        /// <returns>0 when every device succeeded (or was printed), 1 when any failed, 2 when nothing could start.</returns>
        public int Run(FlashRequest r, out List<FlashResult> results)
        {
            results = new List<FlashResult>();
            string outFolder = Path.GetFullPath(r.OutFolder);
            StorePlan plan = StorePlan.Load(outFolder);
            if (plan == null)
            {
                _err.WriteLine($"error: {Path.Combine(outFolder, StorePlan.FileName)} not found: run 'provision' first, with the same --out");
                return 2;
            }

            if (plan.Store != r.Store.Store)
            {
                _err.WriteLine($"error: {outFolder} was provisioned for store '{plan.Store}' but {r.Store.FileName} is store '{r.Store.Store}'");
                return 2;
            }

            List<PlannedDevice> devices = plan.Devices.Where(d => r.OnlyDevices.Length == 0 || r.OnlyDevices.Contains(d.Id)).ToList();
            foreach (string unknown in r.OnlyDevices.Where(id => plan.Devices.All(d => d.Id != id)))
            {
                _err.WriteLine($"error: device '{unknown}' is not in {StorePlan.FileName} (provisioned: {string.Join(", ", plan.Devices.Select(d => d.Id))})");
                return 2;
            }

            if (r.SerialPortOverride != null && devices.Count != 1)
            {
                _err.WriteLine("error: --serialport applies to one board at a time: add --device <id>");
                return 2;
            }

            if (!r.ConfigOnly && (r.Image == null || !File.Exists(r.Image)))
            {
                _err.WriteLine(r.Image == null
                    ? "error: --image <app.bin> is required (the deployment image built with the firmware), unless --config-only"
                    : $"error: image not found: {r.Image}");
                return 2;
            }

            string nanoffPath = NanoffLocator.Find(r.Nanoff);
            if (nanoffPath == null)
            {
                if (!r.DryRun)
                {
                    _err.WriteLine($"error: nanoff not found ({r.Nanoff}): {NanoffLocator.InstallHint}");
                    return 2;
                }

                _err.WriteLine($"warning: nanoff not found ({r.Nanoff}): {NanoffLocator.InstallHint}");
            }

            int n = 0;
            foreach (PlannedDevice d in devices)
            {
                n++;
                string folder = Path.Combine(outFolder, d.Id);
                string port = r.SerialPortOverride ?? r.Store.SerialPortOf(d.Id);
                string target = r.Store.TargetOf(d.Id);
                string prefix = $"[{n}/{devices.Count}] {d.Id}";
                string problem = Preflight(d.Id, folder, port, target, r.ConfigOnly);
                if (problem != null)
                {
                    _out.WriteLine($"{prefix}: skipped: {problem}");
                    results.Add(new FlashResult(d.Id, port ?? "-", target ?? "-", "skipped", null, problem));
                    continue;
                }

                List<string> args = Arguments(r, target, port, folder);
                if (r.DryRun)
                {
                    _out.WriteLine(ShellQuote.Render(r.Nanoff, args, r.WindowsQuoting));
                    results.Add(new FlashResult(d.Id, port, target, "dry-run", null, "not run"));
                    continue;
                }

                _out.WriteLine($"{prefix}: nanoff on {port} ({target}){(r.ConfigOnly ? ", config only" : r.NoUpdate ? ", app + config" : ", firmware + app + config")}...");
                var watch = Stopwatch.StartNew();
                int? code = RunNanoff(nanoffPath, args, out string startError);
                if (code == null)
                {
                    _out.WriteLine($"{prefix}: failed: {startError}");
                    results.Add(new FlashResult(d.Id, port, target, "failed", null, startError));
                    continue;
                }

                string meaning = NanoffExitCodes.Describe(code.Value);
                _out.WriteLine($"{prefix}: {(code == 0 ? "ok" : "failed")} in {watch.Elapsed.TotalSeconds:F0} s{(code == 0 ? "" : $": exit {code} = {meaning}")}");
                results.Add(new FlashResult(d.Id, port, target, code == 0 ? "ok" : "failed", code, meaning));
            }

            WriteSummary(results);
            return results.All(x => x.Ok) ? 0 : 1;
        }

        /// <summary>Null when the device can be flashed; otherwise why not.</summary>
        private static string Preflight(string id, string folder, string port, string target, bool configOnly)
        {
            if (string.IsNullOrEmpty(port))
            {
                return $"no serial port: set flash.devices.{id}.serialPort in store.json or pass --device {id} --serialport <port>";
            }

            if (!configOnly && string.IsNullOrEmpty(target))
            {
                return $"no nanoff target: set flash.defaultTarget or flash.devices.{id}.target in store.json";
            }

            foreach (string f in new[] { Provisioner.DeviceConfigFile, Provisioner.FileDeploymentFile, Provisioner.NetworkDeploymentFile })
            {
                if (!File.Exists(Path.Combine(folder, f)))
                {
                    return $"{Path.Combine(folder, f)} is missing: run provision again";
                }
            }

            // The firmware's own validator: never flash a config the node would refuse at boot.
            string text = File.ReadAllText(Path.Combine(folder, Provisioner.DeviceConfigFile));
            string rejected = Provisioner.FirmwareCheck(text);
            if (rejected != null)
            {
                return "the firmware rejects device.json: " + rejected;
            }

            DeviceConfig config = DeviceConfig.Parse(text);
            return config.DeviceId != id ? $"device.json is for device '{config.DeviceId}', not '{id}'" : null;
        }

        private int? RunNanoff(string path, List<string> args, out string startError)
        {
            var psi = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            // No version check against GitHub per board, and no telemetry from a store's bench.
            psi.Environment["NANOFRAMEWORK_TELEMETRY_OPTOUT"] = "1";
            try
            {
                using var process = new Process { StartInfo = psi };
                process.OutputDataReceived += (_, e) => Forward(e.Data);
                process.ErrorDataReceived += (_, e) => Forward(e.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                process.WaitForExit();
                startError = null;
                return process.ExitCode;
            }
            catch (Win32Exception ex)
            {
                startError = $"could not start {path}: {ex.Message}";
                return null;
            }
        }

        private void Forward(string line)
        {
            if (line != null)
            {
                _out.WriteLine("    | " + line);
            }
        }

        private void WriteSummary(List<FlashResult> results)
        {
            string[] header = { "device", "port", "target", "result", "exit", "meaning" };
            string[][] rows = results.Select(x => new[] { x.Device, x.Port, x.Target, x.Result, x.ExitCode?.ToString() ?? "-", x.Meaning }).ToArray();
            int[] widths = header.Select((h, i) => Math.Max(h.Length, rows.Length == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
            _out.WriteLine();
            _out.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            _out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (string[] row in rows)
            {
                _out.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            }

            int failed = results.Count(x => !x.Ok);
            _out.WriteLine(failed == 0 ? $"{results.Count} device(s): all ok" : $"{results.Count} device(s): {failed} not flashed");
        }
    }
}
