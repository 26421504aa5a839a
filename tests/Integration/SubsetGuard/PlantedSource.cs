using System;
using System.Linq;
using Beacons.SubsetGuard;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>
    /// Wraps one planted line into an otherwise clean nanoFramework-style file at a known line, so a rule test can
    /// assert the exact line of its finding.
    /// </summary>
    internal static class PlantedSource
    {
        /// <summary>Line of the planted statement in <see cref="InMethod"/>.</summary>
        public const int StatementLine = 17;

        /// <summary>Line of the planted member in <see cref="InClass"/>.</summary>
        public const int MemberLine = 12;

        /// <summary>Line of the planted type in <see cref="InNamespace"/>.</summary>
        public const int TypeLine = 9;

        private const string Head =
            "using System;\n" +                                       // 1
            "using System.Collections;\n" +                           // 2
            "using System.Text;\n" +                                  // 3
            "using System.Threading;\n" +                             // 4
            "\n" +                                                    // 5
            "namespace Planted\n" +                                   // 6
            "{\n" +                                                   // 7
            "    public enum Color { Red, Green }\n";                 // 8

        /// <summary>The statement lands on <see cref="StatementLine"/> inside M(b, d, c, s, n).</summary>
        public static string InMethod(string statement) =>
            Head +
            "\n" +                                                    // 9
            "    public class Host\n" +                               // 10
            "    {\n" +                                               // 11
            "        private readonly Hashtable _table = new Hashtable();\n" + // 12
            "        private readonly ArrayList _list = new ArrayList();\n" +  // 13
            "\n" +                                                    // 14
            "        public void M(byte[] b, double d, Color c, string s, int n)\n" + // 15
            "        {\n" +                                           // 16
            "            " + statement + "\n" +                       // 17
            "        }\n" +
            "    }\n" +
            "}\n";

        /// <summary>The member lands on <see cref="MemberLine"/> inside class Host.</summary>
        public static string InClass(string member) =>
            Head +
            "\n" +                                                    // 9
            "    public class Host\n" +                               // 10
            "    {\n" +                                               // 11
            "        " + member + "\n" +                              // 12
            "    }\n" +
            "}\n";

        /// <summary>The type lands on <see cref="TypeLine"/> inside namespace Planted.</summary>
        public static string InNamespace(string type) =>
            Head +
            "    " + type + "\n" +                                    // 9
            "}\n";

        /// <summary>Compiler-style listing of findings for assertion messages.</summary>
        public static string Describe(Finding[] findings) =>
            findings.Length == 0 ? "(no findings)" : string.Join(Environment.NewLine, findings.Select(f => f.ToString()));
    }
}
