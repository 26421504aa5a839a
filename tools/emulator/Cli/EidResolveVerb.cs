using System;
using System.CommandLine;
using Beacons.Shared.Advertising;

namespace Beacons.Emulator
{
    /// <summary>
    /// <c>eid-resolve --eid HEX --keys K1,K2… [--exponent K] [--time unixS] [--epoch unixS] [--skew N]</c>: the
    /// retailer backend's side of Eddystone-EID, mapping an observed ephemeral id back to the beacon that sent it.
    /// </summary>
    internal static class EidResolveVerb
    {
        public static Command Build()
        {
            var eid = new Option<string>("--eid") { Description = "Observed 8-byte EID, 16 hex digits.", Required = true };
            var keys = new Option<string>("--keys") { Description = "Comma-separated identity keys (32 hex digits each), in beacon order.", Required = true };
            var exponent = new Option<int>("--exponent") { Description = "Rotation exponent K (EID changes every 2^K s).", DefaultValueFactory = _ => 10 };
            var time = new Option<long>("--time") { Description = "Observation time, Unix seconds (default: now)." };
            var epoch = new Option<long>("--epoch") { Description = "Beacon time epoch, Unix seconds (beacon.eid.epochUnixS).", DefaultValueFactory = _ => 0 };
            var skew = new Option<int>("--skew") { Description = "Rotation periods of clock skew to search either side.", DefaultValueFactory = _ => EidResolver.DefaultSkewWindows };
            var command = new Command("eid-resolve", "Resolve an observed Eddystone-EID to its beacon, given the identity keys.") { eid, keys, exponent, time, epoch, skew };
            command.SetAction(parse =>
            {
                long observed = parse.GetResult(time) != null ? parse.GetValue(time) : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                EidResolution result = EidResolver.Resolve(parse.GetValue(keys).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    parse.GetValue(exponent), parse.GetValue(eid), observed, parse.GetValue(epoch), parse.GetValue(skew));
                Console.WriteLine(result.ToString());
                return result.Found ? 0 : 1;
            });
            return command;
        }
    }
}
