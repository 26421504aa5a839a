using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace Beacons.Flash.Manifest
{
    /// <summary>
    /// Reads a CSV store manifest: a header row naming the columns (any order), then one row per lane. Device-level
    /// columns (role, beacon ids, zones) are given on a device's first row and may be repeated identically or left
    /// blank on its other rows; a device without lanes (a scanner) has one row with the lane columns blank.
    /// Blank lines and lines starting with '#' are skipped. Errors name the line and the column. The floor position
    /// (JSON <c>position.x</c>/<c>position.y</c>) is the device-level columns <c>x</c> and <c>y</c>, in metres.
    /// </summary>
    public static class CsvManifestReader
    {
        /// <summary>Every column the reader knows, in the order the README documents them.</summary>
        public static readonly string[] Columns =
        {
            "device", "role", "lane", "laneName", "doutPin", "pdSckPin", "spiBus", "gain", "sps", "unitGrams", "toleranceGrams",
            "lowItems", "emptyItems", "countsPerGram", "offsetCounts", "ibeaconUuid", "ibeaconMajor", "ibeaconMinor",
            "ibeaconMeasuredPower", "eddystoneNamespace", "eddystoneInstance", "eddystoneUrl", "eddystoneTxPowerAt0m",
            "eddystoneTlm", "eidRotationExponent", "zones", "x", "y",
        };

        private static readonly string[] LaneColumns =
        {
            "laneName", "doutPin", "pdSckPin", "spiBus", "gain", "sps", "unitGrams", "toleranceGrams", "lowItems", "emptyItems",
            "countsPerGram", "offsetCounts",
        };

        public static StoreManifest Read(string fileName, string text, IssueList issues)
        {
            var manifest = new StoreManifest { Self = new SourceRef(fileName, 1, "column 'device'") };
            List<(int Line, List<string> Cells)> rows = Split(text, fileName, issues);
            if (rows.Count == 0)
            {
                issues.Error(new SourceRef(fileName, 1, "(header)"), "the file is empty: expected a header row such as " + string.Join(",", Columns.Take(10)));
                return manifest;
            }

            (int headerLine, List<string> header) = rows[0];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < header.Count; c++)
            {
                string name = header[c].Trim();
                if (!Columns.Contains(name, StringComparer.Ordinal))
                {
                    issues.Error(new SourceRef(fileName, headerLine, $"column {c + 1}"), $"unknown column '{name}' (known: {string.Join(", ", Columns)})");
                }
                else if (!index.TryAdd(name, c))
                {
                    issues.Error(new SourceRef(fileName, headerLine, $"column '{name}'"), "appears twice in the header");
                }
            }

            foreach (string required in new[] { "device", "role" })
            {
                if (!index.ContainsKey(required))
                {
                    issues.Error(new SourceRef(fileName, headerLine, $"column '{required}'"), "is missing from the header");
                }
            }

            if (issues.HasErrors)
            {
                return manifest;
            }

            var devices = new Dictionary<string, DeviceSpec>(StringComparer.Ordinal);
            foreach ((int line, List<string> cells) in rows.Skip(1))
            {
                var row = new Row(fileName, line, cells, index, issues);
                if (cells.Count > header.Count)
                {
                    issues.Error(new SourceRef(fileName, line, $"column {header.Count + 1}"), $"has {cells.Count} cells but the header has {header.Count}");
                }

                string id = row.Text("device");
                if (id == null)
                {
                    issues.Error(row.At("device"), "is required on every row");
                    continue;
                }

                bool first = !devices.TryGetValue(id, out DeviceSpec dev);
                if (first)
                {
                    dev = new DeviceSpec { Self = row.At("device"), Id = id };
                    dev.SetSource("id", row.At("device"));
                    devices.Add(id, dev);
                    manifest.Devices.Add(dev);
                }

                ReadDeviceColumns(row, dev, first);
                string laneId = row.Text("lane");
                if (laneId == null)
                {
                    foreach (string col in LaneColumns.Where(c => row.Text(c) != null))
                    {
                        issues.Error(row.At(col), "is a lane setting but this row has no 'lane' id");
                    }

                    continue;
                }

                var lane = new LaneSpec { Self = row.At("lane"), Id = laneId };
                lane.SetSource("id", row.At("lane"));
                lane.Name = row.Text("laneName");
                if (lane.Name != null)
                {
                    lane.SetSource("name", row.At("laneName"));
                }

                lane.DoutPin = row.Int("doutPin", lane);
                lane.PdSckPin = row.Int("pdSckPin", lane);
                lane.SpiBus = row.Int("spiBus", lane);
                lane.Gain = row.Int("gain", lane);
                lane.Sps = row.Int("sps", lane);
                lane.UnitGrams = row.Double("unitGrams", lane);
                lane.ToleranceGrams = row.Double("toleranceGrams", lane);
                lane.LowItems = row.Int("lowItems", lane);
                lane.EmptyItems = row.Int("emptyItems", lane);
                lane.CountsPerGram = row.Double("countsPerGram", lane);
                lane.OffsetCounts = row.Double("offsetCounts", lane);
                dev.Lanes.Add(lane);
                if (dev.Lanes.Count == 1)
                {
                    dev.SetSource("lanes", row.At("lane"));
                }
            }

            return manifest;
        }

        private static void ReadDeviceColumns(Row row, DeviceSpec dev, bool first)
        {
            // Device-level cells: the first row that gives one sets it; later rows must agree or leave it blank.
            void Once(string column, string current, Action<string> set)
            {
                string v = row.Text(column);
                if (v == null)
                {
                    return;
                }

                if (current == null)
                {
                    set(v);
                }
                else if (current != v)
                {
                    row.Issues.Error(row.At(column), $"differs from an earlier row of device '{dev.Id}' (device-level columns must be equal or blank)");
                }
            }

            Once("role", dev.Role, v =>
            {
                dev.Role = v;
                dev.SetSource("role", row.At("role"));
            });
            if (first && row.Text("role") == null)
            {
                row.Issues.Error(row.At("role"), "is required on a device's first row");
            }

            string[] ib = { "ibeaconUuid", "ibeaconMajor", "ibeaconMinor", "ibeaconMeasuredPower" };
            string[] ed = { "eddystoneNamespace", "eddystoneInstance", "eddystoneUrl", "eddystoneTxPowerAt0m", "eddystoneTlm" };
            string[] eid = { "eidRotationExponent" };
            if (ib.Concat(ed).Concat(eid).Any(c => row.Text(c) != null))
            {
                dev.Beacon ??= new BeaconSpec { Self = row.At(ib.Concat(ed).Concat(eid).First(c => row.Text(c) != null)) };
                dev.SetSource("beacon", dev.Beacon.Self);
            }

            if (ib.Any(c => row.Text(c) != null))
            {
                IBeaconSpec s = dev.Beacon.IBeacon ??= new IBeaconSpec { Self = row.At(ib.First(c => row.Text(c) != null)) };
                Once("ibeaconUuid", s.Uuid, v =>
                {
                    s.Uuid = v;
                    s.SetSource("uuid", row.At("ibeaconUuid"));
                });
                s.Major = row.IntOnce("ibeaconMajor", s.Major, s, "major", dev.Id);
                s.Minor = row.IntOnce("ibeaconMinor", s.Minor, s, "minor", dev.Id);
                s.MeasuredPower = row.IntOnce("ibeaconMeasuredPower", s.MeasuredPower, s, "measuredPower", dev.Id);
            }

            if (ed.Any(c => row.Text(c) != null))
            {
                EddystoneSpec s = dev.Beacon.Eddystone ??= new EddystoneSpec { Self = row.At(ed.First(c => row.Text(c) != null)) };
                Once("eddystoneNamespace", s.Namespace, v =>
                {
                    s.Namespace = v;
                    s.SetSource("namespace", row.At("eddystoneNamespace"));
                });
                Once("eddystoneInstance", s.Instance, v =>
                {
                    s.Instance = v;
                    s.SetSource("instance", row.At("eddystoneInstance"));
                });
                Once("eddystoneUrl", s.Url, v =>
                {
                    s.Url = v;
                    s.SetSource("url", row.At("eddystoneUrl"));
                });
                s.TxPowerAt0m = row.IntOnce("eddystoneTxPowerAt0m", s.TxPowerAt0m, s, "txPowerAt0m", dev.Id);
                string tlm = row.Text("eddystoneTlm");
                if (tlm != null)
                {
                    if (tlm != "true" && tlm != "false")
                    {
                        row.Issues.Error(row.At("eddystoneTlm"), "must be true or false");
                    }
                    else if (s.Tlm == null)
                    {
                        s.Tlm = tlm == "true";
                        s.SetSource("tlm", row.At("eddystoneTlm"));
                    }
                }
            }

            if (row.Text("eidRotationExponent") != null)
            {
                EidSpec s = dev.Beacon.Eid ??= new EidSpec { Self = row.At("eidRotationExponent") };
                s.RotationExponent = row.IntOnce("eidRotationExponent", s.RotationExponent, s, "rotationExponent", dev.Id);
            }

            if (row.Text("x") != null || row.Text("y") != null)
            {
                PositionSpec p = dev.Position ??= new PositionSpec { Self = row.At(row.Text("x") != null ? "x" : "y") };
                dev.SetSource("position", p.Self);
                p.X = row.DoubleOnce("x", p.X, p, dev.Id);
                p.Y = row.DoubleOnce("y", p.Y, p, dev.Id);
            }

            string zones = row.Text("zones");
            if (zones != null)
            {
                if (dev.Zones.Count == 0)
                {
                    dev.SetSource("zones", row.At("zones"));
                    // "name:maxMeters", separated by ';' (innermost zone first).
                    foreach (string item in zones.Split(';'))
                    {
                        string[] parts = item.Split(':');
                        var zone = new ZoneSpec { Self = row.At("zones"), Name = parts[0].Trim() };
                        zone.SetSource("name", row.At("zones"));
                        if (parts.Length == 2
                            && double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double maxMeters))
                        {
                            zone.MaxMeters = maxMeters;
                            zone.SetSource("maxMeters", row.At("zones"));
                        }
                        else
                        {
                            row.Issues.Error(row.At("zones"), "each zone is 'name:maxMeters' (metres, innermost zone first), separated by ';'");
                        }

                        dev.Zones.Add(zone);
                    }
                }
                else if (string.Join(";", dev.Zones.Select(z => z.MaxMeters == null ? z.Name : $"{z.Name}:{z.MaxMeters.Value.ToString(CultureInfo.InvariantCulture)}")) != string.Join(";", zones.Split(';').Select(z => z.Trim())))
                {
                    row.Issues.Error(row.At("zones"), $"differs from an earlier row of device '{dev.Id}' (device-level columns must be equal or blank)");
                }
            }
        }

        private sealed class Row
        {
            private readonly string _file;
            private readonly int _line;
            private readonly List<string> _cells;
            private readonly Dictionary<string, int> _index;

            public Row(string file, int line, List<string> cells, Dictionary<string, int> index, IssueList issues)
            {
                _file = file;
                _line = line;
                _cells = cells;
                _index = index;
                Issues = issues;
            }

            public IssueList Issues { get; }

            public SourceRef At(string column) => new(_file, _line, $"column '{column}'");

            public string Text(string column)
            {
                if (!_index.TryGetValue(column, out int c) || c >= _cells.Count)
                {
                    return null;
                }

                string v = _cells[c].Trim();
                return v.Length == 0 ? null : v;
            }

            public int? Int(string column, Located target, string field = null)
            {
                string v = Text(column);
                if (v == null)
                {
                    return null;
                }

                target.SetSource(field ?? column, At(column));
                if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                {
                    Issues.Error(At(column), $"must be a whole number (found '{v}')");
                    return null;
                }

                return n;
            }

            public int? IntOnce(string column, int? current, Located target, string field, string device)
            {
                if (Text(column) == null)
                {
                    return current;
                }

                if (current == null)
                {
                    return Int(column, target, field);
                }

                int.TryParse(Text(column), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n);
                if (n != current)
                {
                    Issues.Error(At(column), $"differs from an earlier row of device '{device}' (device-level columns must be equal or blank)");
                }

                return current;
            }

            public double? DoubleOnce(string column, double? current, Located target, string device)
            {
                if (Text(column) == null)
                {
                    return current;
                }

                if (current == null)
                {
                    return Double(column, target);
                }

                if (!double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || d != current)
                {
                    Issues.Error(At(column), $"differs from an earlier row of device '{device}' (device-level columns must be equal or blank)");
                }

                return current;
            }

            public double? Double(string column, Located target)
            {
                string v = Text(column);
                if (v == null)
                {
                    return null;
                }

                target.SetSource(column, At(column));
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || double.IsNaN(d) || double.IsInfinity(d))
                {
                    Issues.Error(At(column), $"must be a number with '.' as decimal separator (found '{v}')");
                    return null;
                }

                return d;
            }
        }

        /// <summary>RFC 4180 splitting: quoted cells may hold commas, doubled quotes and line breaks.</summary>
        /// <summary>
        /// RFC 4180 records by CsvHelper, each with the line it starts on: '#' lines and blank lines are skipped, a
        /// quoted cell may span lines, "" is a quote. A quoted cell left open at the end of the file is an error.
        /// </summary>
        private static List<(int Line, List<string> Cells)> Split(string text, string fileName, IssueList issues)
        {
            var rows = new List<(int, List<string>)>();
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                AllowComments = true,
                Comment = '#',
                IgnoreBlankLines = true,
                Mode = CsvMode.RFC4180,
                DetectColumnCountChanges = false,
                BadDataFound = null, // a stray quote inside an unquoted cell stays part of the cell, as spreadsheets write it
            };
            string body = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            using var reader = new StringReader(body);
            using var parser = new CsvParser(reader, config);
            int scanned = 0;
            int line = 1;
            while (parser.Read())
            {
                string raw = parser.RawRecord;

                // The record's first character is CharCount - its raw length; its line is 1 + the newlines before it.
                int start = (int)parser.CharCount - raw.Length;
                for (; scanned < start && scanned < body.Length; scanned++)
                {
                    if (body[scanned] == '\n')
                    {
                        line++;
                    }
                }

                var cells = new List<string>(parser.Record);
                if (raw.Split('"').Length % 2 == 0)
                {
                    issues.Error(new SourceRef(fileName, line, $"column {cells.Count}"), "a quoted cell is not closed");
                }

                rows.Add((line, cells));
            }

            return rows;
        }
    }
}
