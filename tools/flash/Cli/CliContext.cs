using System.Collections.Generic;
using System.IO;
using Beacons.Flash.Manifest;

namespace Beacons.Flash.Cli
{
    /// <summary>Output writers shared by the verbs (redacting; see <see cref="RedactingWriter"/>).</summary>
    public sealed class CliContext
    {
        public CliContext(RedactingWriter stdout, RedactingWriter stderr)
        {
            Out = stdout;
            Err = stderr;
        }

        public RedactingWriter Out { get; }

        public RedactingWriter Err { get; }

        /// <summary>Whether stdout is the process's console (live progress may draw on it).</summary>
        public bool IsTerminal { get; set; }

        public void HideSecrets(IEnumerable<string> values)
        {
            var list = new List<string>(values);
            Out.AddSecrets(list);
            Err.AddSecrets(list);
        }

        /// <summary>Prints every issue to stderr; returns true when there was at least one error.</summary>
        public bool Report(IssueList issues)
        {
            foreach (Issue i in issues.Items)
            {
                Err.WriteLine(i.ToString());
            }

            return issues.HasErrors;
        }

        /// <summary>Loads and checks store.json (and a manifest when given); null values when unusable.</summary>
        public (StoreSettings Store, StoreManifest Manifest, IssueList Issues) LoadInputs(string storePath, string manifestPath)
        {
            var issues = new IssueList();
            StoreSettings store = null;
            if (storePath != null)
            {
                store = StoreSettings.Load(storePath, issues);
                if (store != null)
                {
                    HideSecrets(new[] { store.WifiPassword });
                    ManifestValidator.ValidateStore(store, issues);
                }
            }

            StoreManifest manifest = null;
            if (manifestPath != null)
            {
                manifest = ManifestLoader.Load(manifestPath, issues);
                if (manifest != null)
                {
                    ManifestValidator.Validate(manifest, store, issues);
                }
            }

            return (store, manifest, issues);
        }
    }
}
