using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Beacons.SubsetGuard;

/// <summary>Numeric format strings as nanoFramework's native formatter understands them.</summary>
internal static class NumericFormats
{
    // nanoFramework's number formatter implements the standard D, F, G, N, X specifiers only (reference section 2).
    private static readonly Regex Standard = new("^[DdFfGgNnXx][0-9]*$", RegexOptions.CultureInvariant);

    /// <summary>One format item of a composite format string: {Index[,alignment][:Format]}.</summary>
    internal readonly record struct Item(int Index, string Format);

    /// <summary>True for "", "D", "F2", "x4", ...; false for custom formats ("0.00", "#,##0") and P, E, C, R.</summary>
    public static bool IsStandard(string format) => format.Length == 0 || Standard.IsMatch(format);

    /// <summary>The format items of a composite format string; malformed items are skipped.</summary>
    public static IEnumerable<Item> ParseComposite(string format)
    {
        int i = 0;
        while (i < format.Length)
        {
            char c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                i += 2; // escaped brace
                continue;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            int close = format.IndexOf('}', i + 1);
            if (close < 0)
            {
                yield break;
            }

            string body = format.Substring(i + 1, close - i - 1);
            i = close + 1;
            int colon = body.IndexOf(':');
            string head = colon >= 0 ? body.Substring(0, colon) : body;
            int comma = head.IndexOf(',');
            string indexText = (comma >= 0 ? head.Substring(0, comma) : head).Trim();
            if (int.TryParse(indexText, out int index))
            {
                yield return new Item(index, colon >= 0 ? body.Substring(colon + 1) : null);
            }
        }
    }
}
