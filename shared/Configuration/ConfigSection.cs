using System;
using Beacons.Shared.Common;
using System.Collections;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// Typed, path-aware reads from a parsed JSON object. Every failure is a <see cref="ConfigException"/> whose key is
    /// the full dotted path (<c>mqtt.keepAliveS</c>, <c>lanes[2].unitGrams</c>), and unknown keys are reported too, so a
    /// typo in a provisioning file is caught at boot instead of silently falling back to a default.
    /// </summary>
    public sealed class ConfigSection
    {
        private readonly Hashtable _values;
        private readonly Hashtable _used = new Hashtable();

        public ConfigSection(Hashtable values, string path)
        {
            _values = values;
            Path = path;
        }

        /// <summary>Dotted path of this section ("" for the document root).</summary>
        public string Path { get; }

        /// <summary>Parses a document whose root must be an object.</summary>
        public static ConfigSection ParseDocument(string json)
        {
            object root;
            try
            {
                root = JsonParser.Parse(json);
            }
            catch (JsonFormatException ex)
            {
                throw new ConfigException("(document)", ex.Message);
            }

            Hashtable obj = root as Hashtable;
            if (obj == null)
            {
                throw new ConfigException("(document)", "the root must be a JSON object");
            }

            return new ConfigSection(obj, "");
        }

        public string KeyPath(string key)
        {
            return Path.Length == 0 ? key : Path + "." + key;
        }

        public bool Has(string key)
        {
            return _values.Contains(key) && _values[key] != JsonParser.Null;
        }

        /// <summary>The nested object at <paramref name="key"/>, or null when absent (absent sections switch features off).</summary>
        public ConfigSection Section(string key)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return null;
            }

            Hashtable obj = raw as Hashtable;
            if (obj == null)
            {
                throw new ConfigException(KeyPath(key), "must be an object");
            }

            return new ConfigSection(obj, KeyPath(key));
        }

        /// <summary>The array of objects at <paramref name="key"/>, or an empty array when absent.</summary>
        public ConfigSection[] SectionArray(string key, int maxCount)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return new ConfigSection[0];
            }

            ArrayList list = raw as ArrayList;
            if (list == null)
            {
                throw new ConfigException(KeyPath(key), "must be an array");
            }

            if (list.Count > maxCount)
            {
                throw new ConfigException(KeyPath(key), "at most " + maxCount + " entries are supported");
            }

            var result = new ConfigSection[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                Hashtable obj = list[i] as Hashtable;
                string itemPath = KeyPath(key) + "[" + i + "]";
                if (obj == null)
                {
                    throw new ConfigException(itemPath, "must be an object");
                }

                result[i] = new ConfigSection(obj, itemPath);
            }

            return result;
        }

        public string GetString(string key, string defaultValue)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return defaultValue;
            }

            string s = raw as string;
            if (s == null)
            {
                throw new ConfigException(KeyPath(key), "must be a string");
            }

            return s;
        }

        public string RequireString(string key)
        {
            string s = GetString(key, null);
            if (s == null || s.Length == 0)
            {
                throw new ConfigException(KeyPath(key), "is required");
            }

            return s;
        }

        public bool GetBool(string key, bool defaultValue)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return defaultValue;
            }

            if (!(raw is bool))
            {
                throw new ConfigException(KeyPath(key), "must be true or false");
            }

            return (bool)raw;
        }

        public int GetInt(string key, int defaultValue, int min, int max)
        {
            return (int)GetLong(key, defaultValue, min, max);
        }

        public long GetLong(string key, long defaultValue, long min, long max)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return defaultValue;
            }

            if (!(raw is double))
            {
                throw new ConfigException(KeyPath(key), "must be a number");
            }

            double d = (double)raw;
            if (!ExactMath.IsWhole(d))
            {
                throw new ConfigException(KeyPath(key), "must be a whole number");
            }

            if (d < min || d > max)
            {
                throw new ConfigException(KeyPath(key), "must be between " + min + " and " + max);
            }

            return (long)d;
        }

        public double GetDouble(string key, double defaultValue, double min, double max)
        {
            object raw = Take(key);
            if (raw == null)
            {
                return defaultValue;
            }

            if (!(raw is double))
            {
                throw new ConfigException(KeyPath(key), "must be a number");
            }

            double d = (double)raw;
            if (d < min || d > max)
            {
                throw new ConfigException(KeyPath(key), "must be between " + min.ToString("G") + " and " + max.ToString("G"));
            }

            return d;
        }

        /// <summary>Throws for the first key that no reader asked for: almost always a typo or a misplaced key.</summary>
        public void RejectUnknownKeys()
        {
            foreach (DictionaryEntry entry in _values)
            {
                string key = (string)entry.Key;
                if (!_used.Contains(key))
                {
                    throw new ConfigException(KeyPath(key), "unknown key");
                }
            }
        }

        private object Take(string key)
        {
            _used[key] = true;
            if (!_values.Contains(key))
            {
                return null;
            }

            object raw = _values[key];
            return raw == JsonParser.Null ? null : raw;
        }
    }
}
