using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Beacons.Shared.Proximity;

namespace Beacons.Flash.Manifest
{
    /// <summary>One neighbour a scanner calibrates from: another node's iBeacon and its distance on the floor plan.</summary>
    public sealed record CalibrationNeighbour(string DeviceId, int Major, int Minor, double DistanceM);

    /// <summary>What provision writes as a scanner's <c>proximity.calibration</c>: the store's UUID and the nearest neighbours.</summary>
    public sealed record ScannerCalibration(string ScannerId, string Uuid, IReadOnlyList<CalibrationNeighbour> Neighbours)
    {
        /// <summary>"n01 7.2 m, n04 3.1 m": for the provision summary.</summary>
        public string Describe() => string.Join(", ", Neighbours.Select(n => $"{n.DeviceId} {n.DistanceM.ToString("0.0", CultureInfo.InvariantCulture)} m"));
    }

    /// <summary>
    /// Issue 14: each scanner fits its own radio channel from the iBeacons of the store's other nodes at distances the
    /// manifest knows. For every scanner with a floor position the neighbours are the other nodes with an iBeacon
    /// (uuid + major + minor) and a position, at least <see cref="ChannelCalibrationOptions.MinDistanceM"/> away and at
    /// most <see cref="ChannelCalibrationOptions.MaxDistanceM"/> (after rounding to 0.1 m), nearest first, at most
    /// <see cref="ChannelCalibrationOptions.MaxNeighbours"/> (ties: manifest order). A calibration section carries one
    /// UUID: the scanner's own iBeacon UUID when it has one, otherwise the UUID most of the positioned iBeacon nodes use
    /// (ties: the first in the manifest); a neighbour with another UUID is skipped with a warning. The limits are the
    /// node's own (shared/Proximity/ChannelCalibrationOptions), so what is planned here is what the node accepts.
    /// </summary>
    public static class CalibrationPlanner
    {
        /// <summary>Closer than this, two nodes that calibrate from each other are taken to be a typing mistake (an error).</summary>
        public const double SameSpotM = 0.1;

        /// <summary>
        /// Plans every scanner's neighbours. With <paramref name="issues"/> it also reports what the technician should
        /// know: a scanner with a position but no usable neighbour, a scanner without a position when others have one,
        /// a neighbour with another UUID, a pair nearer than 1 m (skipped) or at the same spot (error). Positions that
        /// are incomplete or out of range are left out here; <see cref="ManifestValidator"/> reports them.
        /// </summary>
        public static Dictionary<string, ScannerCalibration> Plan(StoreManifest m, IssueList issues = null)
        {
            var plans = new Dictionary<string, ScannerCalibration>(StringComparer.Ordinal);
            List<DeviceSpec> placed = m.Devices.Where(d => d.Id != null && IsPlaced(d)).ToList();
            List<DeviceSpec> beacons = placed.Where(HasIBeacon).ToList();
            string majorityUuid = beacons.GroupBy(d => d.Beacon.IBeacon.Uuid.ToLowerInvariant())
                .OrderByDescending(g => g.Count())
                .ThenBy(g => beacons.IndexOf(g.First()))
                .Select(g => g.Key)
                .FirstOrDefault();

            var skippedForUuid = new Dictionary<DeviceSpec, List<(string Scanner, string Uuid)>>();
            var sameSpot = new HashSet<(int, int)>();
            foreach (DeviceSpec scanner in m.Devices.Where(d => d.Id != null && d.Roles.HasFlag(Roles.Scanner)))
            {
                if (!IsPlaced(scanner))
                {
                    if (scanner.Position == null && placed.Count > 0)
                    {
                        issues?.Warn(scanner.At("position"), $"{scanner.Id}: scanner without a position while other nodes have one (probably forgotten): " +
                            "it does not calibrate; zones use the configured constants");
                    }

                    continue;
                }

                string uuid = HasIBeacon(scanner) ? scanner.Beacon.IBeacon.Uuid.ToLowerInvariant() : majorityUuid;
                var candidates = new List<CalibrationNeighbour>();
                foreach (DeviceSpec b in beacons)
                {
                    if (ReferenceEquals(b, scanner))
                    {
                        continue;
                    }

                    double d = scanner.Position.DistanceTo(b.Position);
                    double rounded = Math.Round(d * 10, MidpointRounding.AwayFromZero) / 10;
                    if (d < SameSpotM)
                    {
                        int i = m.Devices.IndexOf(scanner);
                        int j = m.Devices.IndexOf(b);
                        if (sameSpot.Add((Math.Min(i, j), Math.Max(i, j))))
                        {
                            DeviceSpec earlier = m.Devices[Math.Min(i, j)];
                            DeviceSpec later = m.Devices[Math.Max(i, j)];
                            SourceRef first = earlier.At("position");
                            issues?.Error(later.At("position"), $"{later.Id} is at the same spot as {earlier.Id} ({first.File}:{first.Line}), less than " +
                                $"{SameSpotM.ToString(CultureInfo.InvariantCulture)} m apart, and scanner {scanner.Id} would calibrate from {b.Id}'s iBeacon: check x and y");
                        }

                        continue;
                    }

                    if (d < ChannelCalibrationOptions.MinDistanceM)
                    {
                        issues?.Warn(b.At("position"), $"{b.Id} is {d.ToString("0.0#", CultureInfo.InvariantCulture)} m from scanner {scanner.Id}, nearer than " +
                            $"{Metres(ChannelCalibrationOptions.MinDistanceM)}: {scanner.Id} does not calibrate from it (the channel is fitted for the far field)");
                        continue;
                    }

                    if (rounded > ChannelCalibrationOptions.MaxDistanceM)
                    {
                        continue;
                    }

                    if (!string.Equals(b.Beacon.IBeacon.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
                    {
                        if (!skippedForUuid.TryGetValue(b, out var by))
                        {
                            skippedForUuid[b] = by = new List<(string, string)>();
                        }

                        by.Add((scanner.Id, uuid));
                        continue;
                    }

                    candidates.Add(new CalibrationNeighbour(b.Id, b.Beacon.IBeacon.Major.Value, b.Beacon.IBeacon.Minor.Value, rounded));
                }

                // Nearest first; OrderBy is stable, so equal distances keep manifest order.
                List<CalibrationNeighbour> nearest = candidates.OrderBy(n => n.DistanceM).Take(ChannelCalibrationOptions.MaxNeighbours).ToList();
                if (nearest.Count == 0)
                {
                    issues?.Warn(scanner.At("position"), $"{scanner.Id}: no neighbour beacon with a position " +
                        $"({Metres(ChannelCalibrationOptions.MinDistanceM)} to {Metres(ChannelCalibrationOptions.MaxDistanceM)} away); zones use the configured constants");
                    continue;
                }

                // TryAdd: a device id used twice is the validator's error, not a crash here.
                plans.TryAdd(scanner.Id, new ScannerCalibration(scanner.Id, uuid, nearest));
            }

            foreach ((DeviceSpec b, List<(string Scanner, string Uuid)> by) in skippedForUuid)
            {
                issues?.Warn(b.Beacon.IBeacon.At("uuid"), $"{b.Id}: iBeacon uuid is not {by[0].Uuid}, the one scanner(s) {string.Join(", ", by.Select(x => x.Scanner))} " +
                    $"calibrate with (their own iBeacon's, or the store's most used): they skip {b.Id} as a neighbour");
            }

            return plans;
        }

        private static string Metres(double m) => m.ToString("0.##", CultureInfo.InvariantCulture) + " m";

        /// <summary>A complete position inside the manifest's range (the validator reports any other).</summary>
        public static bool IsPlaced(DeviceSpec d) =>
            d.Position is PositionSpec p && p.IsComplete && ManifestValidator.PositionProblem(p.X.Value) == null && ManifestValidator.PositionProblem(p.Y.Value) == null;

        private static bool HasIBeacon(DeviceSpec d) =>
            d.Roles.HasFlag(Roles.Beacon) && d.Beacon?.IBeacon is IBeaconSpec ib && ib.Uuid != null && ib.Major != null && ib.Minor != null;
    }
}
