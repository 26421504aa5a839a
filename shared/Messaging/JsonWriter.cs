using System.Text;
using Beacons.Shared.Common;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Compact JSON into a reusable <see cref="StringBuilder"/>: one writer per publisher, cleared per message, so
    /// payload building does not churn the device's small heap. Numbers use only the standard formats the device
    /// supports (no custom patterns).
    /// </summary>
    public sealed class JsonWriter
    {
        private readonly StringBuilder _sb;
        private bool _needComma;
        private bool _afterName;

        public JsonWriter(int capacity)
        {
            _sb = new StringBuilder(capacity);
        }

        public StringBuilder Builder => _sb;

        public int Length => _sb.Length;

        public JsonWriter Clear()
        {
            _sb.Clear();
            _needComma = false;
            _afterName = false;
            return this;
        }

        public JsonWriter BeginObject()
        {
            if (!_afterName)
            {
                Separator();
            }

            _afterName = false;
            _sb.Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter EndObject()
        {
            _sb.Append('}');
            _needComma = true;
            return this;
        }

        /// <summary>Writes a member name; follow with <see cref="BeginObject"/> for a nested object.</summary>
        public JsonWriter Name(string name)
        {
            WriteName(name);
            _needComma = false;
            _afterName = true;
            return this;
        }

        public JsonWriter BeginArray(string name)
        {
            WriteName(name);
            _sb.Append('[');
            _needComma = false;
            return this;
        }

        public JsonWriter EndArray()
        {
            _sb.Append(']');
            _needComma = true;
            return this;
        }

        public JsonWriter String(string name, string value)
        {
            WriteName(name);
            if (value == null)
            {
                _sb.Append("null");
            }
            else
            {
                Quoted(value);
            }

            _needComma = true;
            return this;
        }

        public JsonWriter Number(string name, long value)
        {
            WriteName(name);
            _sb.Append(value);
            _needComma = true;
            return this;
        }

        /// <summary>Writes <paramref name="value"/> with a fixed number of decimals (0–6); NaN/∞ become null.</summary>
        public JsonWriter Number(string name, double value, int decimals)
        {
            WriteName(name);
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                _sb.Append("null");
            }
            else
            {
                _sb.Append(value.ToString(FixedFormats[decimals]));
            }

            _needComma = true;
            return this;
        }

        public JsonWriter Bool(string name, bool value)
        {
            WriteName(name);
            _sb.Append(value ? "true" : "false");
            _needComma = true;
            return this;
        }

        /// <summary>An array element string (inside <see cref="BeginArray"/>).</summary>
        public JsonWriter Item(string value)
        {
            Separator();
            Quoted(value);
            _needComma = true;
            return this;
        }

        /// <summary>An array element number (inside <see cref="BeginArray"/>).</summary>
        public JsonWriter Item(long value)
        {
            Separator();
            _sb.Append(value);
            _needComma = true;
            return this;
        }

        public override string ToString()
        {
            return _sb.ToString();
        }

        private static readonly string[] FixedFormats = { "F0", "F1", "F2", "F3", "F4", "F5", "F6" };

        private void WriteName(string name)
        {
            Separator();
            if (name != null)
            {
                Quoted(name);
                _sb.Append(':');
            }
        }

        private void Separator()
        {
            if (_needComma)
            {
                _sb.Append(',');
            }
        }

        private void Quoted(string value)
        {
            AppendQuoted(_sb, value);
        }

        /// <summary>
        /// Appends <paramref name="value"/> as a JSON string: quotes, backslash, \n \r \t and the other control
        /// characters (as \u00XX) escaped. The one escaper of the node's payloads (also StockEventJson's).
        /// </summary>
        public static void AppendQuoted(StringBuilder sb, string value)
        {
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            sb.Append("\\u00");
                            sb.Append(Hex.Digit(c >> 4));
                            sb.Append(Hex.Digit(c));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            sb.Append('"');
        }
    }
}
