using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Beacons.Flash.Flashing
{
    /// <summary>Renders a command line a technician can paste into their shell: POSIX sh, or Windows cmd/PowerShell.</summary>
    public static class ShellQuote
    {
        private static readonly Regex Plain = new(@"^[A-Za-z0-9_./:=@%+,\\-]+$");

        public static string Render(string program, IEnumerable<string> args, bool windows) =>
            string.Join(" ", new[] { program }.Concat(args).Select(a => windows ? Windows(a) : Posix(a)));

        public static string Posix(string arg) =>
            arg.Length > 0 && Plain.IsMatch(arg) ? arg : "'" + arg.Replace("'", "'\\''") + "'";

        /// <summary>CommandLineToArgvW rules: backslashes are literal unless they precede a quote.</summary>
        public static string Windows(string arg)
        {
            if (arg.Length > 0 && Plain.IsMatch(arg))
            {
                return arg;
            }

            var sb = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in arg)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                sb.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                sb.Append(c);
            }

            sb.Append('\\', backslashes * 2).Append('"');
            return sb.ToString();
        }
    }
}
