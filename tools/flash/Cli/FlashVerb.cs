using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Beacons.Flash.Flashing;
using Beacons.Flash.Manifest;
using Beacons.Flash.Provisioning;

namespace Beacons.Flash.Cli
{
    /// <summary><c>flash --store store.json --out DIR --image app.bin [--device ID]... [--serialport P] [--nanoff PATH] [--dry-run]</c></summary>
    public static class FlashVerb
    {
        public static Command Build(CliContext ctx)
        {
            var store = new Option<FileInfo>("--store") { Description = "store.json (serial port and nanoff target per device).", Required = true };
            var output = new Option<DirectoryInfo>("--out") { Description = "The folder 'provision' wrote.", Required = true };
            var image = new Option<FileInfo>("--image") { Description = "Application deployment image (.bin) to write with nanoff --deploy." };
            var devices = new Option<string[]>("--device") { Description = "Only these device ids (repeat the option); default: every provisioned device.", AllowMultipleArgumentsPerToken = false };
            var port = new Option<string>("--serialport") { Description = "Serial port for a single --device, overriding store.json (e.g. /dev/ttyUSB0, COM5)." };
            var nanoff = new Option<string>("--nanoff") { Description = "nanoff executable (name on PATH or a path).", DefaultValueFactory = _ => "nanoff" };
            var dryRun = new Option<bool>("--dry-run") { Description = "Print the exact nanoff commands; run nothing." };
            var noUpdate = new Option<bool>("--no-update") { Description = "Keep the nanoFramework firmware on the board (no --update): app and config only." };
            var configOnly = new Option<bool>("--config-only") { Description = "Only upload device.json, the CA and Wi-Fi settings (e.g. after re-provisioning)." };
            var shell = new Option<string>("--shell") { Description = "Quoting of --dry-run commands: posix or windows (default: this OS)." };
            shell.AcceptOnlyFromAmong("posix", "windows");
            var command = new Command("flash", "Run nanoff per device: firmware, application image, device config and Wi-Fi; summary table at the end.")
            {
                store, output, image, devices, port, nanoff, dryRun, noUpdate, configOnly, shell,
            };
            command.SetAction(parse =>
            {
                var loaded = ctx.LoadInputs(parse.GetValue(store).FullName, null);
                if (ctx.Report(loaded.Issues) || loaded.Store == null)
                {
                    return 2;
                }

                StoreSecrets secrets = StoreSecrets.Load(Path.Combine(parse.GetValue(output).FullName, StoreSecrets.FileName));
                if (secrets != null)
                {
                    ctx.HideSecrets(secrets.All());
                }

                string shellValue = parse.GetValue(shell);
                var request = new FlashRequest
                {
                    OutFolder = parse.GetValue(output).FullName,
                    Store = loaded.Store,
                    Image = parse.GetValue(image)?.FullName,
                    OnlyDevices = parse.GetValue(devices) ?? System.Array.Empty<string>(),
                    SerialPortOverride = parse.GetValue(port),
                    Nanoff = parse.GetValue(nanoff),
                    DryRun = parse.GetValue(dryRun),
                    NoUpdate = parse.GetValue(noUpdate),
                    ConfigOnly = parse.GetValue(configOnly),
                    WindowsQuoting = shellValue == null ? System.OperatingSystem.IsWindows() : shellValue == "windows",
                };
                return new FlashRunner(ctx.Out, ctx.Err).Run(request, out List<FlashResult> _);
            });
            return command;
        }
    }
}
