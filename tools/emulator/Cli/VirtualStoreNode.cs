using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.VirtualDevice;

namespace Beacons.Emulator
{
    /// <summary>
    /// One firmware instance on the virtual device: its I:\ folder is prepared from a device JSON file (optionally
    /// pointed at another broker), then the real firmware entry point boots on it.
    /// </summary>
    public sealed class VirtualStoreNode
    {
        private VirtualStoreNode(VirtualNode node, string configText)
        {
            Node = node;
            ConfigText = configText;
        }

        public VirtualNode Node { get; }

        /// <summary>The device.json the node boots with.</summary>
        public string ConfigText { get; }

        /// <summary>
        /// Prepares a node from <paramref name="configPath"/>. Files the config references (mqtt.caCertFile) are copied
        /// from the config's folder into the node's storage, as the provisioning tool deploys them with nanoff.
        /// </summary>
        public static VirtualStoreNode Create(string configPath, string storageFolder, string brokerOverride)
        {
            string text = File.ReadAllText(configPath);
            JsonNode doc;
            try
            {
                doc = JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                // Not our business to judge: the firmware's own validation reports it (and boots in safe mode).
                doc = null;
                _ = ex;
            }

            string name = "node";
            if (doc is JsonObject root)
            {
                // Any JSON type may be here: naming the node must not judge it (the firmware's validation does).
                name = $"{TextOf(root["store"])}/{TextOf(root["device"])}";
                if (brokerOverride != null && root["mqtt"] is JsonObject mqtt)
                {
                    mqtt["broker"] = brokerOverride;
                    text = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                }

                if (root["mqtt"] is JsonObject mqttSection && mqttSection["caCertFile"] is JsonValue ca && ca.TryGetValue(out string caFile))
                {
                    string source = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", caFile);
                    Directory.CreateDirectory(storageFolder);
                    if (File.Exists(source))
                    {
                        File.Copy(source, Path.Combine(storageFolder, caFile), true);
                    }
                }
            }

            var node = new VirtualNode(name, storageFolder);
            File.WriteAllText(Path.Combine(node.StorageFolder, "device.json"), text);
            return new VirtualStoreNode(node, text);
        }

        /// <summary>Powers the node on: the firmware's Program.Main runs on its own thread.</summary>
        private static string TextOf(JsonNode node) =>
            node is JsonValue value && value.TryGetValue(out string text) ? text : "?";

        /// <remarks>
        /// The node boots through <see cref="VirtualLoader"/>, as a device boots through the loader: with no bundle
        /// installed that runs the firmware flashed with it; after an update, the staged bundle on probation.
        /// </remarks>
        public void Boot() => Node.Boot(VirtualLoader.Run);

        /// <summary>
        /// Ends a run the way a planned restart does: the firmware's reboot handlers say goodbye (retained offline,
        /// DISCONNECT), then power goes.
        /// </summary>
        public void Shutdown(TimeSpan handlerBudget)
        {
            using (Node.Enter())
            {
                Action[] handlers;
                lock (Node.RebootHandlers)
                {
                    handlers = Node.RebootHandlers.ToArray();
                }

                foreach (Action handler in handlers)
                {
                    var thread = new System.Threading.Thread(() =>
                    {
                        try
                        {
                            handler();
                        }
                        catch (Exception)
                        {
                            // As on the device: reboot handler failures are ignored.
                        }
                    })
                    { IsBackground = true };
                    thread.Start();
                    thread.Join(handlerBudget);
                }
            }

            Node.PowerOff();
        }

        /// <summary>Cuts power without warning: sockets die, the broker publishes the Last Will.</summary>
        public void Kill() => Node.PowerOff();
    }
}
