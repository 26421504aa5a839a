using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.World;

namespace Beacons.Emulator.World
{
    /// <summary>
    /// A small virtual store for the demo: nodes in the roles a real store uses (beacon + shelf, shelf only, scanner),
    /// configured as the provisioning tool would, each weighing simulated lanes (load cells with noise, creep and
    /// settling behind protocol-level HX711s) that see picks, multi-item picks, restocks, a lane running empty and an
    /// unplugged sensor; shoppers with and without the retailer's app walking past the scanners.
    /// </summary>
    public sealed class DemoStore
    {
        private static readonly string[] Roles = { "beacon+shelf", "shelf", "scanner", "beacon+scanner" };
        private readonly List<VirtualStoreNode> _nodes = new List<VirtualStoreNode>();
        private readonly Random _random;
        private readonly string _storeSecret;

        public DemoStore(int seed)
        {
            _random = new Random(seed);
            _storeSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            Medium = new RadioMedium();
            Shoppers = new ShopperWorld(Medium, seed, 12);
        }

        public RadioMedium Medium { get; }

        public ShopperWorld Shoppers { get; }

        public IReadOnlyList<VirtualStoreNode> Nodes => _nodes;

        /// <summary>Creates and wires <paramref name="count"/> nodes (not booted yet).</summary>
        public void Build(int count, string brokerUrl, int seconds)
        {
            for (int i = 0; i < count; i++)
            {
                string device = $"n{i + 1:00}";
                string role = Roles[i % Roles.Length];
                string folder = Program.ScratchFolder("beacons-demo-" + device);
                var lanes = new List<(string Id, LoadCellModel Cell)>();
                if (role.Contains("shelf"))
                {
                    lanes.Add(($"{(char)('a' + i)}1", Lane(seconds, 330, 12, first: true)));
                    lanes.Add(($"{(char)('a' + i)}2", Lane(seconds, 500, 6, first: false)));
                }

                JsonObject config = Config(device, role, lanes, brokerUrl, i, count);
                string path = Path.Combine(folder, "provisioned.json");
                File.WriteAllText(path, config.ToJsonString());
                VirtualStoreNode node = VirtualStoreNode.Create(path, folder, brokerUrl);
                int[][] pins = { new[] { 19, 23 }, new[] { 34, 26 } };
                for (int l = 0; l < lanes.Count; l++)
                {
                    new Hx711Chip(lanes[l].Cell, 10).AttachTo(node.Node.Board, pins[l][0], pins[l][1]);
                }

                Shoppers.PlaceNode(node.Node, PositionM(i));

                _nodes.Add(node);
            }
        }

        /// <summary>A lane with a scripted day compressed into the demo: picks, a 2-item pick, a restock, and on the
        /// first lane of some nodes running empty or an unplugged sensor.</summary>
        private LoadCellModel Lane(int seconds, double unitGrams, int items, bool first)
        {
            long span = seconds * 1000L;
            var scenario = new LoadCellScenario(unitGrams, items);
            long t = 4000 + _random.Next(3000);
            int left = items;
            while (t < span - 4000 && left > 0)
            {
                double roll = _random.NextDouble();
                if (roll < 0.2 && left >= 2)
                {
                    scenario.Pick(t, 2);
                    left -= 2;
                }
                else if (roll < 0.3)
                {
                    scenario.Restock(t, 3);
                    left += 3;
                }
                else
                {
                    scenario.Pick(t);
                    left--;
                }

                t += 3500 + _random.Next(4000);
            }

            if (first && _random.NextDouble() < 0.5)
            {
                scenario.Unplug(span / 3, 6000);
            }

            var parameters = new LoadCellParameters { Sps = 10 };
            return new LoadCellModel(parameters, scenario, _random.Next());
        }

        /// <summary>Where node <paramref name="index"/> hangs along the aisle (what the store manifest's positions give).</summary>
        private static double PositionM(int index) => 3 + 6 * (index / 2) + 2 * (index % 2);

        /// <summary>
        /// The store's other beacon nodes at their manifest distances, as tools/flash provisions them: the scanner fits
        /// its channel from them. The demo is short, so it refits every 10 s from 5 samples (nodes default to 60 s, 20).
        /// </summary>
        private static JsonObject Calibration(int self, int count)
        {
            var neighbours = new JsonArray();
            for (int j = 0; j < count && neighbours.Count < Beacons.Shared.Proximity.ChannelCalibrationOptions.MaxNeighbours; j++)
            {
                double d = Math.Abs(PositionM(j) - PositionM(self));
                if (j == self || !Roles[j % Roles.Length].Contains("beacon") || d < Beacons.Shared.Proximity.ChannelCalibrationOptions.MinDistanceM) continue;
                neighbours.Add(new JsonObject { ["major"] = 1, ["minor"] = j + 1, ["distanceM"] = d });
            }

            return neighbours.Count == 0 ? null : new JsonObject { ["uuid"] = StoreUuid, ["neighbours"] = neighbours, ["refitS"] = 10, ["minSamples"] = 5 };
        }

        private const string StoreUuid = "E2C56DB5-DFFB-48D2-B060-D0F5A71096E0";

        private JsonObject Config(string device, string role, List<(string Id, LoadCellModel Cell)> lanes, string brokerUrl, int index, int count)
        {
            var root = new JsonObject
            {
                ["schema"] = 1,
                ["configVersion"] = 1,
                ["store"] = "s001",
                ["device"] = device,
                ["mqtt"] = new JsonObject { ["broker"] = brokerUrl, ["keepAliveS"] = 10 },
                ["statusIntervalS"] = 10,
            };
            if (role.Contains("beacon"))
            {
                var beacon = new JsonObject
                {
                    ["ibeacon"] = new JsonObject { ["uuid"] = StoreUuid, ["major"] = 1, ["minor"] = _nodes.Count + 1, ["measuredPower"] = -59 },
                    ["eddystone"] = new JsonObject { ["namespace"] = "f7826da6bc5b71e0893e", ["instance"] = $"0000000000{_nodes.Count + 1:x2}", ["url"] = "https://example.com/s001", ["txPowerAt0m"] = -18, ["tlm"] = true },
                };
                if (role.Contains("scanner"))
                {
                    beacon["schedule"] = new JsonObject { ["slotMs"] = 1000, ["scanWindowMs"] = 2000, ["scanPeriodMs"] = 5000 };
                }

                root["beacon"] = beacon;
            }

            if (lanes.Count > 0)
            {
                var array = new JsonArray();
                int[][] pins = { new[] { 19, 23, 1 }, new[] { 34, 26, 2 } };
                for (int l = 0; l < lanes.Count; l++)
                {
                    LoadCellModel cell = lanes[l].Cell;
                    array.Add(new JsonObject
                    {
                        ["id"] = lanes[l].Id,
                        ["doutPin"] = pins[l][0],
                        ["pdSckPin"] = pins[l][1],
                        ["spiBus"] = pins[l][2],
                        ["unitGrams"] = l == 0 ? 330 : 500,
                        ["lowItems"] = 3,
                        ["emptyItems"] = 0,
                        ["countsPerGram"] = cell.CountsPerGram(128),
                        ["offsetCounts"] = cell.ZeroCounts(128),
                    });
                }

                root["lanes"] = array;
            }

            if (role.Contains("scanner"))
            {
                var proximity = new JsonObject
                {
                    ["zones"] = new JsonArray(
                        new JsonObject { ["name"] = $"shelf-{device}", ["maxMeters"] = 1.5 },
                        new JsonObject { ["name"] = $"aisle-{device}", ["maxMeters"] = 5.0 }),
                    ["bucketS"] = 60,
                };
                JsonObject calibration = Calibration(index, count);
                if (calibration != null)
                {
                    proximity["calibration"] = calibration;
                }

                if (!role.Contains("beacon"))
                {
                    proximity["scanWindowMs"] = 1500;
                    proximity["scanPeriodMs"] = 3000;
                }

                root["proximity"] = proximity;
                root["privacy"] = new JsonObject { ["identifiers"] = "consented", ["kAnonymity"] = 2, ["epochHours"] = 24, ["storeSecret"] = _storeSecret };
            }

            return root;
        }
    }
}
