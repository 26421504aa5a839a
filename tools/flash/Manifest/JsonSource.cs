using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Beacons.Flash.Manifest
{
    /// <summary>
    /// A JSON input file (manifest or store settings) read with line numbers: System.Text.Json gives values but not the
    /// line of a key, so a first pass with <see cref="Utf8JsonReader"/> maps every JSON path to the line it starts on.
    /// Typed getters record problems in an <see cref="IssueList"/> and keep going; unknown keys are errors (a typo must
    /// not silently become a default, the same rule the firmware applies to device.json).
    /// </summary>
    public sealed class JsonSource
    {
        private static readonly JsonDocumentOptions DocOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        private readonly Dictionary<string, int> _lines;

        private JsonSource(string fileName, JsonElement root, Dictionary<string, int> lines, IssueList issues)
        {
            FileName = fileName;
            Root = root;
            _lines = lines;
            Issues = issues;
        }

        public string FileName { get; }

        public JsonElement Root { get; }

        public IssueList Issues { get; }

        /// <summary>Parses <paramref name="text"/>; returns null (with an issue naming line and column) when it is not JSON.</summary>
        public static JsonSource Parse(string fileName, string text, IssueList issues)
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            try
            {
                using JsonDocument doc = JsonDocument.Parse(utf8, DocOptions);
                return new JsonSource(fileName, doc.RootElement.Clone(), MapLines(utf8), issues);
            }
            catch (JsonException ex)
            {
                int line = (int)(ex.LineNumber ?? 0) + 1;
                int column = (int)(ex.BytePositionInLine ?? 0) + 1;
                issues.Error(new SourceRef(fileName, line, $"column {column}"), "not valid JSON: " + FirstSentence(ex.Message));
                return null;
            }
        }

        public SourceRef At(string path)
        {
            string p = path;
            while (true)
            {
                if (_lines.TryGetValue(p, out int line))
                {
                    return new SourceRef(FileName, line, path.Length == 0 ? "(document)" : path);
                }

                if (p.Length == 0)
                {
                    return new SourceRef(FileName, 1, path.Length == 0 ? "(document)" : path);
                }

                p = Parent(p);
            }
        }

        public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

        /// <summary>Reports every key of <paramref name="obj"/> not in <paramref name="known"/>.</summary>
        public void RejectUnknown(JsonElement obj, string path, params string[] known)
        {
            foreach (JsonProperty p in obj.EnumerateObject())
            {
                if (!known.Contains(p.Name, StringComparer.Ordinal))
                {
                    Issues.Error(At(Join(path, p.Name)), $"unknown key (expected one of: {string.Join(", ", known)})");
                }
            }
        }

        public bool IsObject(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Issues.Error(At(path), "must be an object");
            return false;
        }

        public bool TryGet(JsonElement obj, string key, out JsonElement value)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            value = default;
            return false;
        }

        public string GetString(JsonElement obj, string path, string key, Located target = null, bool secret = false)
        {
            if (!TryGet(obj, key, out JsonElement v))
            {
                return null;
            }

            Record(target, key, path);
            if (v.ValueKind != JsonValueKind.String)
            {
                Issues.Error(At(Join(path, key)), "must be a string" + (secret ? "" : $" (found {Describe(v)})"));
                return null;
            }

            return v.GetString();
        }

        public int? GetInt(JsonElement obj, string path, string key, Located target = null)
        {
            if (!TryGet(obj, key, out JsonElement v))
            {
                return null;
            }

            Record(target, key, path);
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
            {
                Issues.Error(At(Join(path, key)), $"must be a whole number (found {Describe(v)})");
                return null;
            }

            return (int)d;
        }

        public double? GetDouble(JsonElement obj, string path, string key, Located target = null)
        {
            if (!TryGet(obj, key, out JsonElement v))
            {
                return null;
            }

            Record(target, key, path);
            if (v.ValueKind != JsonValueKind.Number)
            {
                Issues.Error(At(Join(path, key)), $"must be a number (found {Describe(v)})");
                return null;
            }

            return v.GetDouble();
        }

        public bool? GetBool(JsonElement obj, string path, string key, Located target = null)
        {
            if (!TryGet(obj, key, out JsonElement v))
            {
                return null;
            }

            Record(target, key, path);
            if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False)
            {
                Issues.Error(At(Join(path, key)), $"must be true or false (found {Describe(v)})");
                return null;
            }

            return v.GetBoolean();
        }

        private void Record(Located target, string key, string path) => target?.SetSource(key, At(Join(path, key)));

        private static string Describe(JsonElement v) => v.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => v.ValueKind.ToString().ToLowerInvariant(),
        };

        private static string Parent(string path)
        {
            int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? "" : path.Substring(0, cut);
        }

        private static string FirstSentence(string message)
        {
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).TrimEnd('.', ' ');
        }

        private sealed class Frame
        {
            public string Path;
            public bool IsArray;
            public int Index;
        }

        private static Dictionary<string, int> MapLines(byte[] utf8)
        {
            var newlines = new List<int>();
            for (int i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    newlines.Add(i);
                }
            }

            int LineOf(long offset)
            {
                int idx = newlines.BinarySearch((int)offset);
                return (idx >= 0 ? idx : ~idx) + 1;
            }

            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<Frame>();
            string pending = "";
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

            string NextValuePath()
            {
                if (stack.Count == 0)
                {
                    return "";
                }

                Frame top = stack.Peek();
                return top.IsArray ? $"{top.Path}[{top.Index++}]" : pending;
            }

            while (reader.Read())
            {
                int line = LineOf(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = Join(stack.Peek().Path, reader.GetString());
                        map[pending] = line;
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        string p = NextValuePath();
                        map.TryAdd(p, line);
                        stack.Push(new Frame { Path = p, IsArray = reader.TokenType == JsonTokenType.StartArray });
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        map.TryAdd(NextValuePath(), line);
                        break;
                }
            }

            return map;
        }
    }
}
