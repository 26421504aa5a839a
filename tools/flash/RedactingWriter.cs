using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Beacons.Flash
{
    /// <summary>
    /// Last line of defence for "secrets are never printed": every line the tool writes (including nanoff's output it
    /// forwards) passes through here and any known secret value is replaced by "***". The code does not print secrets
    /// in the first place; this catches what a future change or a chatty child process might.
    /// </summary>
    public sealed class RedactingWriter : TextWriter
    {
        private readonly TextWriter _inner;
        private readonly StringBuilder _line = new();
        private readonly object _gate = new();
        private string[] _secrets = Array.Empty<string>();

        public RedactingWriter(TextWriter inner)
        {
            _inner = inner;
        }

        public override Encoding Encoding => _inner.Encoding;

        /// <summary>Adds values to hide; short strings are ignored (they would mangle ordinary text and are not secrets).</summary>
        public void AddSecrets(IEnumerable<string> values)
        {
            lock (_gate)
            {
                _secrets = _secrets.Concat(values.Where(v => v != null && v.Length >= 6)).Distinct().OrderByDescending(v => v.Length).ToArray();
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                if (value == '\n')
                {
                    _inner.Write(Redact(_line.ToString()));
                    _inner.Write('\n');
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }

        public override void Write(string value)
        {
            if (value == null)
            {
                return;
            }

            foreach (char c in value)
            {
                Write(c);
            }
        }

        public override void WriteLine(string value)
        {
            Write(value);
            Write('\n');
        }

        public override void WriteLine() => Write('\n');

        public override void Flush()
        {
            lock (_gate)
            {
                if (_line.Length > 0)
                {
                    _inner.Write(Redact(_line.ToString()));
                    _line.Clear();
                }

                _inner.Flush();
            }
        }

        private string Redact(string text)
        {
            foreach (string s in _secrets)
            {
                text = text.Replace(s, "***", StringComparison.Ordinal);
            }

            return text;
        }
    }
}
