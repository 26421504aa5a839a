using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>
    /// What Home Assistant's MQTT discovery accepts for the two platforms the node uses, written down from its
    /// documentation (home-assistant.io/integrations/mqtt, sensor.mqtt, binary_sensor.mqtt, the sensor and
    /// binary_sensor device classes) and the abbreviation table of home-assistant/core
    /// (homeassistant/components/mqtt/abbreviations.py): only the keys this firmware may use, so an unknown or
    /// misspelt key fails here instead of being ignored by Home Assistant.
    /// </summary>
    internal static class HomeAssistantRules
    {
        /// <summary>Abbreviation → full key, as Home Assistant expands them (entity level).</summary>
        public static readonly IReadOnlyDictionary<string, string> Abbreviations = new Dictionary<string, string>
        {
            ["avty"] = "availability",
            ["avty_mode"] = "availability_mode",
            ["avty_t"] = "availability_topic",
            ["avty_tpl"] = "availability_template",
            ["dev"] = "device",
            ["dev_cla"] = "device_class",
            ["en"] = "enabled_by_default",
            ["ent_cat"] = "entity_category",
            ["exp_aft"] = "expire_after",
            ["frc_upd"] = "force_update",
            ["ic"] = "icon",
            ["json_attr_t"] = "json_attributes_topic",
            ["json_attr_tpl"] = "json_attributes_template",
            ["off_dly"] = "off_delay",
            ["ops"] = "options",
            ["pl_avail"] = "payload_available",
            ["pl_not_avail"] = "payload_not_available",
            ["pl_off"] = "payload_off",
            ["pl_on"] = "payload_on",
            ["stat_cla"] = "state_class",
            ["stat_t"] = "state_topic",
            ["uniq_id"] = "unique_id",
            ["unit_of_meas"] = "unit_of_measurement",
            ["val_tpl"] = "value_template",
        };

        /// <summary>Abbreviation → full key inside <c>device</c>.</summary>
        public static readonly IReadOnlyDictionary<string, string> DeviceAbbreviations = new Dictionary<string, string>
        {
            ["cns"] = "connections",
            ["cu"] = "configuration_url",
            ["ids"] = "identifiers",
            ["mf"] = "manufacturer",
            ["mdl"] = "model",
            ["sa"] = "suggested_area",
            ["sw"] = "sw_version",
            ["hw"] = "hw_version",
        };

        private static readonly string[] Common =
        {
            "name", "unique_id", "state_topic", "value_template", "device_class", "entity_category", "icon", "enabled_by_default",
            "availability", "availability_mode", "availability_topic", "availability_template", "payload_available",
            "payload_not_available", "json_attributes_topic", "json_attributes_template", "expire_after", "force_update", "device", "qos",
        };

        /// <summary>Full keys each platform accepts (of those this firmware may emit).</summary>
        public static readonly IReadOnlyDictionary<string, HashSet<string>> PlatformKeys = new Dictionary<string, HashSet<string>>
        {
            ["sensor"] = new HashSet<string>(Common.Concat(new[] { "options", "unit_of_measurement", "state_class", "suggested_display_precision" })),
            ["binary_sensor"] = new HashSet<string>(Common.Concat(new[] { "payload_on", "payload_off", "off_delay" })),
        };

        /// <summary>Required for discovery of a read-only entity in a device: a state topic, a unique id, a device.</summary>
        public static readonly string[] Required = { "state_topic", "unique_id", "device" };

        public static readonly HashSet<string> SensorDeviceClasses = new HashSet<string>
        {
            "enum", "duration", "timestamp", "temperature", "humidity", "weight", "signal_strength", "data_size",
        };

        public static readonly HashSet<string> BinarySensorDeviceClasses = new HashSet<string>
        {
            "problem", "occupancy", "presence", "connectivity", "running", "safety",
        };

        public static readonly HashSet<string> DurationUnits = new HashSet<string> { "d", "h", "min", "s", "ms" };

        public static readonly HashSet<string> StateClasses = new HashSet<string> { "measurement", "total", "total_increasing" };

        private static readonly Regex Level = new Regex("^[a-zA-Z0-9_-]+$");

        /// <summary>
        /// Checks one discovery document against the rules; returns it with every key expanded (so callers read
        /// <c>state_topic</c> whatever the spelling). Fails the test on the first violation, naming the topic.
        /// </summary>
        public static Dictionary<string, JsonElement> Check(string topic, string prefix, string payload)
        {
            string[] levels = topic.Split('/');
            string[] prefixLevels = prefix.Split('/');
            Assert.AreEqual(prefixLevels.Length + 4, levels.Length, "discovery topic <prefix>/<component>/<node_id>/<object_id>/config: " + topic);
            Assert.IsTrue(topic.StartsWith(prefix + "/", StringComparison.Ordinal), topic);
            string component = levels[prefixLevels.Length];
            Assert.IsTrue(PlatformKeys.ContainsKey(component), "component " + component);
            Assert.IsTrue(Level.IsMatch(levels[^3]) && Level.IsMatch(levels[^2]), "node_id and object_id are [a-zA-Z0-9_-]: " + topic);
            Assert.AreEqual("config", levels[^1], topic);

            using JsonDocument doc = JsonDocument.Parse(payload);
            Assert.AreEqual(JsonValueKind.Object, doc.RootElement.ValueKind, topic);
            var keys = new Dictionary<string, JsonElement>();
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                string full = Abbreviations.TryGetValue(p.Name, out string expanded) ? expanded : p.Name;
                Assert.IsTrue(PlatformKeys[component].Contains(full), $"{topic}: '{p.Name}' is no {component} discovery key");
                Assert.IsFalse(keys.ContainsKey(full), $"{topic}: '{full}' given twice (abbreviated and in full)");
                keys[full] = p.Value.Clone();
            }

            foreach (string key in Required)
            {
                Assert.IsTrue(keys.ContainsKey(key), $"{topic}: {key} is required");
            }

            Assert.AreEqual(JsonValueKind.String, keys["unique_id"].ValueKind, topic);
            Assert.AreEqual(JsonValueKind.String, keys["state_topic"].ValueKind, topic);
            CheckDevice(topic, keys["device"]);
            string deviceClass = keys.TryGetValue("device_class", out JsonElement dc) ? dc.GetString() : null;
            bool hasOptions = keys.TryGetValue("options", out JsonElement options);
            bool hasUnit = keys.TryGetValue("unit_of_measurement", out JsonElement unit);
            bool hasStateClass = keys.TryGetValue("state_class", out JsonElement stateClass);
            if (component == "sensor")
            {
                Assert.IsTrue(deviceClass == null || SensorDeviceClasses.Contains(deviceClass), $"{topic}: sensor device_class {deviceClass}");
                Assert.AreEqual(deviceClass == "enum", hasOptions, $"{topic}: options if and only if device_class is enum");
                if (deviceClass == "enum")
                {
                    Assert.IsFalse(hasUnit || hasStateClass, $"{topic}: an enum sensor has no unit_of_measurement and no state_class");
                    Assert.IsTrue(options.GetArrayLength() > 0 && options.EnumerateArray().All(o => o.ValueKind == JsonValueKind.String), topic);
                }

                if (deviceClass == "duration")
                {
                    Assert.IsTrue(hasUnit && DurationUnits.Contains(unit.GetString()), $"{topic}: a duration needs one of d, h, min, s, ms");
                }

                if (hasStateClass)
                {
                    Assert.IsTrue(StateClasses.Contains(stateClass.GetString()), $"{topic}: state_class {stateClass}");
                }
            }
            else
            {
                Assert.IsTrue(deviceClass == null || BinarySensorDeviceClasses.Contains(deviceClass), $"{topic}: binary_sensor device_class {deviceClass}");
            }

            if (keys.TryGetValue("entity_category", out JsonElement category))
            {
                // A sensor cannot be a "config" entity: only diagnostic is allowed for read-only platforms.
                Assert.AreEqual("diagnostic", category.GetString(), topic);
            }

            if (keys.TryGetValue("expire_after", out JsonElement expire))
            {
                Assert.IsTrue(expire.ValueKind == JsonValueKind.Number && expire.TryGetInt32(out int s) && s > 0, $"{topic}: expire_after is a positive integer");
            }

            if (keys.TryGetValue("icon", out JsonElement icon))
            {
                StringAssert.StartsWith(icon.GetString(), "mdi:", topic);
            }

            Assert.AreEqual(keys.ContainsKey("availability_topic"), keys.ContainsKey("availability_template") || keys.ContainsKey("payload_available"), $"{topic}: availability needs a template or payloads for a JSON status");
            return keys;
        }

        private static void CheckDevice(string topic, JsonElement device)
        {
            Assert.AreEqual(JsonValueKind.Object, device.ValueKind, topic);
            var seen = new HashSet<string>();
            foreach (JsonProperty p in device.EnumerateObject())
            {
                string full = DeviceAbbreviations.TryGetValue(p.Name, out string expanded) ? expanded : p.Name;
                Assert.IsTrue(full == "name" || DeviceAbbreviations.Values.Contains(full), $"{topic}: '{p.Name}' is no device key");
                Assert.IsTrue(seen.Add(full), $"{topic}: device.{full} twice");
                if (full == "configuration_url")
                {
                    Assert.IsTrue(Uri.TryCreate(p.Value.GetString(), UriKind.Absolute, out Uri url) && (url.Scheme == "http" || url.Scheme == "https"), $"{topic}: configuration_url must be an http(s) URL");
                }
            }

            Assert.IsTrue(seen.Contains("identifiers") || seen.Contains("connections"), $"{topic}: a device needs identifiers or connections");
        }

        /// <summary>The full device entries (those with more than identifiers), by identifier.</summary>
        public static string DeviceId(Dictionary<string, JsonElement> keys)
        {
            JsonElement ids = keys["device"].GetProperty(keys["device"].TryGetProperty("ids", out _) ? "ids" : "identifiers");
            return ids.ValueKind == JsonValueKind.Array ? ids[0].GetString() : ids.GetString();
        }
    }

    /// <summary>
    /// Evaluates the few Jinja forms the firmware emits, exactly as Jinja renders them, and throws
    /// <see cref="NotSupportedException"/> on anything else, so a template this cannot evaluate fails the test rather
    /// than passing unchecked. Forms: <c>{{ value_json.f }}</c>, <c>{{ value_json['f'] }}</c>, and
    /// <c>{{ 'A' if value_json.f OP literal else 'B' }}</c> with OP one of <c>== != &gt; &gt;= &lt; &lt;=</c> and a
    /// quoted string or a number literal. A field missing from the payload is an error (Home Assistant would log a
    /// warning and render an empty state); JSON null renders as <c>None</c>, which Home Assistant's MQTT sensor
    /// takes as "unknown".
    /// </summary>
    internal static class JinjaSubset
    {
        private const string Field = @"value_json(?:\.(?<f>[A-Za-z_][A-Za-z0-9_]*)|\['(?<f>[^'\\]+)'\])";
        private static readonly Regex Plain = new Regex(@"^\{\{ " + Field + @" \}\}$");
        private static readonly Regex Conditional = new Regex(
            @"^\{\{ '(?<a>[^'\\]*)' if " + Field + @" (?<op>==|!=|>=|<=|>|<) (?:'(?<s>[^'\\]*)'|(?<n>-?[0-9]+(?:\.[0-9]+)?)) else '(?<b>[^'\\]*)' \}\}$");

        public static string Render(string template, string payload)
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            Match m = Plain.Match(template);
            if (m.Success)
            {
                return Text(Get(doc.RootElement, m.Groups["f"].Value, template));
            }

            m = Conditional.Match(template);
            if (!m.Success)
            {
                throw new NotSupportedException("template form not understood: " + template);
            }

            JsonElement value = Get(doc.RootElement, m.Groups["f"].Value, template);
            string op = m.Groups["op"].Value;
            bool result;
            if (m.Groups["s"].Success)
            {
                if (op != "==" && op != "!=")
                {
                    throw new NotSupportedException("ordering a string: " + template);
                }

                bool equal = value.ValueKind == JsonValueKind.String && value.GetString() == m.Groups["s"].Value;
                result = op == "==" ? equal : !equal;
            }
            else
            {
                if (value.ValueKind != JsonValueKind.Number)
                {
                    // Jinja: comparing None or a string with a number raises (or is always unequal): not what we mean.
                    throw new NotSupportedException($"numeric comparison on {value.ValueKind}: {template} with {payload}");
                }

                int c = value.GetDouble().CompareTo(double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
                result = op switch
                {
                    "==" => c == 0,
                    "!=" => c != 0,
                    ">" => c > 0,
                    ">=" => c >= 0,
                    "<" => c < 0,
                    _ => c <= 0,
                };
            }

            return result ? m.Groups["a"].Value : m.Groups["b"].Value;
        }

        /// <summary>How Python prints a float: <c>1.0</c>, <c>0.98</c>.</summary>
        private static string PythonFloat(double d) =>
            Math.Floor(d) == d && Math.Abs(d) < 1e16 ? d.ToString("F1", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

        private static JsonElement Get(JsonElement root, string field, string template)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(field, out JsonElement value))
            {
                throw new KeyNotFoundException($"'{field}' is not in the payload ({template})");
            }

            return value;
        }

        private static string Text(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.TryGetInt64(out long whole) && value.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) < 0
                ? whole.ToString(CultureInfo.InvariantCulture)
                : PythonFloat(value.GetDouble()),
            JsonValueKind.Null => "None",
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => throw new NotSupportedException("rendering a JSON " + value.ValueKind),
        };
    }
}
