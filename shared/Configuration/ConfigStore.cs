using Beacons.Shared.Common;

namespace Beacons.Shared.Configuration
{
    /// <summary>
    /// Boot-time config loading that never bricks a node: a valid <c>device.json</c> is also saved as
    /// <c>device.last-good.json</c>; an invalid or missing one falls back to the last good copy; with neither, the node
    /// runs in safe mode on whatever connectivity settings it can read, and reports why on its status topic.
    /// </summary>
    public sealed class ConfigStore
    {
        public const string ConfigFile = "device.json";
        public const string LastGoodFile = "device.last-good.json";

        /// <summary>Longest <see cref="Error"/> in UTF-8 bytes: it travels in every retained status.</summary>
        public const int MaxErrorBytes = 200;

        private readonly IStorage _storage;

        public ConfigStore(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>The config in force; null only in safe mode without usable MQTT settings.</summary>
        public DeviceConfig Config { get; private set; }

        /// <summary>Which file the config came from: "device.json", "device.last-good.json", or "safe-mode".</summary>
        public string Source { get; private set; }

        /// <summary>Why device.json was not used (key path and problem, never a value), or null.</summary>
        public string Error { get; private set; }

        /// <summary>True when the node runs without a fully valid config (stock, beacon and proximity stay off).</summary>
        public bool SafeMode { get; private set; }

        public void Load()
        {
            string text = _storage.ReadText(ConfigFile);
            if (text == null)
            {
                Error = ConfigFile + ": missing";
            }
            else
            {
                try
                {
                    Config = DeviceConfig.Parse(text);
                    Source = ConfigFile;
                    Error = null;
                    SafeMode = false;
                    if (_storage.ReadText(LastGoodFile) != text)
                    {
                        _storage.WriteText(LastGoodFile, text);
                    }

                    return;
                }
                catch (ConfigException ex)
                {
                    Error = Bounded(ex.Message);
                }
            }

            string lastGood = _storage.ReadText(LastGoodFile);
            if (lastGood != null)
            {
                try
                {
                    Config = DeviceConfig.Parse(lastGood);
                    Source = LastGoodFile;
                    SafeMode = false;
                    return;
                }
                catch (ConfigException)
                {
                    // A last-good copy from an older firmware's schema: fall through to safe mode.
                }
            }

            SafeMode = true;
            Source = "safe-mode";
            Config = TryConnectivityOnly(text) ?? TryConnectivityOnly(lastGood);
        }

        /// <summary>
        /// The error as it may travel: control characters written as \uXXXX (a key name can hold anything) and cut to
        /// <see cref="MaxErrorBytes"/> UTF-8 bytes, ending in "..." when cut.
        /// </summary>
        public static string Bounded(string message)
        {
            var sb = new System.Text.StringBuilder();
            int bytes = 0;
            int cutAt = -1; // length of sb when the text reached the budget less room for "..."
            for (int i = 0; i < message.Length; i++)
            {
                char c = message[i];
                bool control = c < ' ' || c == (char)0x7F;
                int size = control ? 6 : c < (char)0x80 ? 1 : c < (char)0x800 ? 2 : (c >= (char)0xD800 && c <= (char)0xDFFF) ? 2 : 3;
                if (cutAt < 0 && bytes + size > MaxErrorBytes - 3)
                {
                    // Never keep half a surrogate pair.
                    cutAt = i > 0 && message[i - 1] >= (char)0xD800 && message[i - 1] <= (char)0xDBFF ? sb.Length - 1 : sb.Length;
                }

                bytes += size;
                if (bytes > MaxErrorBytes)
                {
                    return sb.ToString(0, cutAt) + "...";
                }

                if (control)
                {
                    sb.Append("\\u").Append(((int)c).ToString("X4"));
                }
                else
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }

        private static DeviceConfig TryConnectivityOnly(string text)
        {
            if (text == null)
            {
                return null;
            }

            try
            {
                return DeviceConfig.ParseConnectivity(text);
            }
            catch (ConfigException)
            {
                return null;
            }
        }
    }
}
