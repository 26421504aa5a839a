using System.CommandLine;
using System.IO;
using Beacons.Flash.Manifest;
using Beacons.Shared.Configuration;

namespace Beacons.Flash.Cli
{
    /// <summary><c>verify --config device.json</c> or <c>verify --manifest m.json [--store store.json]</c></summary>
    public static class VerifyVerb
    {
        public static Command Build(CliContext ctx)
        {
            var config = new Option<FileInfo>("--config") { Description = "A device.json to check with the firmware's own validator (DeviceConfig.Parse)." };
            var manifest = new Option<FileInfo>("--manifest") { Description = "A store manifest (.json or .csv) to check." };
            var store = new Option<FileInfo>("--store") { Description = "store.json to check (and to know each board's chip for the pin rules)." };
            var command = new Command("verify", "Check a device config, or a manifest and store settings, without writing anything.") { config, manifest, store };
            command.SetAction(parse =>
            {
                FileInfo c = parse.GetValue(config);
                FileInfo m = parse.GetValue(manifest);
                FileInfo s = parse.GetValue(store);
                if (c == null && m == null && s == null)
                {
                    ctx.Err.WriteLine("error: give --config device.json, or --manifest (and --store)");
                    return 2;
                }

                int code = 0;
                if (c != null)
                {
                    code = VerifyConfig(ctx, c.FullName);
                }

                if (m != null || s != null)
                {
                    var loaded = ctx.LoadInputs(s?.FullName, m?.FullName);
                    if (ctx.Report(loaded.Issues))
                    {
                        ctx.Err.WriteLine($"{loaded.Issues.ErrorCount} error(s)");
                        code = 1;
                    }
                    else
                    {
                        string what = m != null ? $"{m.Name}: {loaded.Manifest.Devices.Count} device(s)" : s.Name;
                        ctx.Out.WriteLine($"OK: {what}{(m != null && s == null ? " (pins checked for " + Targets.Reference + "; pass --store for each board's target)" : "")}");
                    }
                }

                return code;
            });
            return command;
        }

        private static int VerifyConfig(CliContext ctx, string path)
        {
            if (!File.Exists(path))
            {
                ctx.Err.WriteLine($"error: not found: {path}");
                return 2;
            }

            string name = Path.GetFileName(path);
            try
            {
                // The firmware's own parser: what it accepts here, the node accepts at boot.
                DeviceConfig cfg = DeviceConfig.Parse(File.ReadAllText(path));
                ctx.HideSecrets(new[] { cfg.Mqtt?.Password, cfg.Wifi?.Password, cfg.CommandKeyHex });
                ctx.Out.WriteLine($"OK: {name}: store {cfg.StoreId}, device {cfg.DeviceId}, configVersion {cfg.ConfigVersion}");
                return 0;
            }
            catch (ConfigException ex)
            {
                // Key path and problem only: ConfigException never carries the value.
                ctx.Err.WriteLine($"error: {name}: {ex.Key}: {ex.Problem}");
                return 1;
            }
        }
    }
}
