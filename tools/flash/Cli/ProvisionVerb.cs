using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Beacons.Flash.Manifest;
using Beacons.Flash.Provisioning;

namespace Beacons.Flash.Cli
{
    /// <summary><c>provision --manifest m.json|m.csv --store store.json --out DIR</c></summary>
    public static class ProvisionVerb
    {
        public static Command Build(CliContext ctx)
        {
            var manifest = new Option<FileInfo>("--manifest") { Description = "Store manifest: devices, roles, lanes, beacon ids, zones (.json or .csv).", Required = true };
            var store = new Option<FileInfo>("--store") { Description = "store.json: broker, CA, Wi-Fi, privacy policy, serial ports and targets.", Required = true };
            var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (keep it: it holds the store's secrets; re-runs reuse them).", Required = true };
            var seed = new Option<string>("--seed")
            {
                Description = "TEST ONLY: derive secrets from this seed so output is reproducible (golden files). Never for a real store.",
                Hidden = true,
            };
            var command = new Command("provision", "Write each node's device.json, nanoff file/network deployment JSON, and the store's secrets, passwords and ACL.")
            {
                manifest, store, output, seed,
            };
            command.SetAction(parse => Run(ctx, parse.GetValue(manifest).FullName, parse.GetValue(store).FullName, parse.GetValue(output).FullName, parse.GetValue(seed)));
            return command;
        }

        public static int Run(CliContext ctx, string manifestPath, string storePath, string outFolder, string seed)
        {
            (StoreSettings store, StoreManifest manifest, IssueList issues) = ctx.LoadInputs(storePath, manifestPath);
            if (ctx.Report(issues) || store == null || manifest == null)
            {
                ctx.Err.WriteLine($"provision: nothing written ({issues.ErrorCount} error(s)); fix the lines above and run again");
                return 1;
            }

            var generator = new SecretGenerator(seed);
            if (generator.IsSeeded)
            {
                ctx.Err.WriteLine("warning: --seed makes every secret predictable: test output only, never flash it to a store");
            }

            var provisioner = new Provisioner(generator);
            StoreSecrets secrets;
            try
            {
                secrets = provisioner.EnsureSecrets(outFolder, manifest, store);
            }
            catch (InvalidOperationException ex)
            {
                ctx.Err.WriteLine("error: " + ex.Message);
                return 1;
            }

            ctx.HideSecrets(secrets.All());
            List<ProvisionedDevice> results = provisioner.Run(outFolder, manifest, store, secrets);
            int w = Math.Max(6, results.Max(r => r.Id.Length));
            int rw = Math.Max(4, results.Max(r => r.Role.Length));
            ctx.Out.WriteLine($"{"device".PadRight(w)}  {"role".PadRight(rw)}  config  {"change".PadRight(9)}  firmware check");
            foreach (ProvisionedDevice r in results)
            {
                string change = r.Changed ? (r.ConfigVersion == 1 ? "new" : "updated") : "unchanged";
                ctx.Out.WriteLine($"{r.Id.PadRight(w)}  {r.Role.PadRight(rw)}  {("v" + r.ConfigVersion).PadRight(6)}  {change.PadRight(9)}  {r.FirmwareError ?? "accepted"}");
            }

            foreach (ProvisionedDevice r in results.Where(r => r.Calibration != null))
            {
                ctx.Out.WriteLine($"{r.Id}: proximity.calibration from {r.Calibration.Neighbours.Count} neighbour(s): {r.Calibration.Describe()}");
            }

            ctx.Out.WriteLine();
            ctx.Out.WriteLine($"wrote {outFolder}:");
            ctx.Out.WriteLine("  <device>/device.json, ca.pem, filedeployment.json, networkdeployment.json   (flash uploads these)");
            ctx.Out.WriteLine("  secrets.json         store secret, ops and device passwords, command and EID keys: for the store backend only (mode 0600)");
            ctx.Out.WriteLine("  passwords.txt        user:password lines: run 'mosquitto_passwd -U passwords.txt' on the broker to hash them in place");
            ctx.Out.WriteLine("  mosquitto-acl.conf   deploy/mosquitto/retail-acl.conf + this store's ops block");
            int rejected = results.Count(r => r.FirmwareError != null);
            if (rejected > 0)
            {
                ctx.Err.WriteLine($"error: the firmware's DeviceConfig.Parse rejects {rejected} config(s) (column 'firmware check'): flash will skip them");
                return 1;
            }

            return 0;
        }
    }
}
