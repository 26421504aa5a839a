using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NJsonSchema;

namespace Beacons.Tests.Integration.Contract
{
    /// <summary>Loads the payload schemas that docs/asyncapi.yaml references and checks payloads against them.</summary>
    internal static class ContractSchemas
    {
        private static readonly Dictionary<string, JsonSchema> Cache = new Dictionary<string, JsonSchema>();

        public static string RepoRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "Beacons.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("repository root (Beacons.sln) not found above " + AppContext.BaseDirectory);
        }

        public static JsonSchema Load(string name)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(name, out JsonSchema schema))
                {
                    string path = Path.Combine(RepoRoot(), "docs", "schemas", name + ".schema.json");
                    schema = JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult();
                    Cache[name] = schema;
                }

                return schema;
            }
        }

        public static void AssertValid(string schemaName, string payload)
        {
            var errors = Load(schemaName).Validate(payload);
            if (errors.Count > 0)
            {
                throw new AssertFailedException($"{schemaName}: {payload}\n  " + string.Join("\n  ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            }
        }

        public static bool IsValid(string schemaName, string payload) => Load(schemaName).Validate(payload).Count == 0;
    }
}
