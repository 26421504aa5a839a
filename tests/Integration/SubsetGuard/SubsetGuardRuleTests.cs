using System.Linq;
using Beacons.SubsetGuard;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Guard = Beacons.SubsetGuard.SubsetGuard;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>
    /// Every rule of the nanoFramework subset guard: a planted construct in an otherwise clean in-memory file is
    /// reported with the right rule id on the right line.
    /// </summary>
    [TestClass]
    public sealed class SubsetGuardRuleTests
    {
        [TestMethod]
        // generic collections, generics, LINQ
        [DataRow("var list = new System.Collections.Generic.List<int>();", Rules.GenericCollection)]
        [DataRow("System.Collections.Generic.Dictionary<string, int> map = null;", Rules.GenericCollection)]
        [DataRow("System.Collections.Generic.HashSet<int> set = null;", Rules.GenericCollection)]
        [DataRow("System.Collections.Generic.IEnumerable<byte> seq = b;", Rules.GenericCollection)]
        [DataRow("var cmp = System.Collections.Generic.Comparer<int>.Default;", Rules.GenericCollection)]
        [DataRow("int count = System.Linq.Enumerable.Count(b);", Rules.Linq)]
        [DataRow("object big = System.Linq.Enumerable.Where(b, x => x > 1);", Rules.Linq)]
        [DataRow("Func<int, int, int, int> f4 = null;", Rules.GenericUse)]
        [DataRow("Action<int, int, int> a3 = null;", Rules.GenericUse)]
        [DataRow("var weak = new WeakReference<string>(s);", Rules.GenericUse)]
        [DataRow("Nullable<int> maybe = null;", Rules.NullableValueType)]
        [DataRow("int? maybe = null;", Rules.NullableValueType)]
        [DataRow("object len = s?.Length;", Rules.NullableValueType)]
        // async, spans, unsafe
        [DataRow("System.Threading.Tasks.Task.Delay(1).Wait();", Rules.Async)]
        [DataRow("var pending = System.Threading.Tasks.Task.Run(() => n);", Rules.Async)]
        [DataRow("Span<byte> span = b;", Rules.Span)]
        [DataRow("ReadOnlySpan<byte> view = b;", Rules.Span)]
        [DataRow("Memory<byte> mem = b;", Rules.Span)]
        [DataRow("Span<byte> scratch = stackalloc byte[4];", Rules.Unsafe)]
        [DataRow("unsafe { }", Rules.Unsafe)]
        // strings, collections, encoding, math, arrays
        [DataRow("string joined = string.Join(\",\", \"a\", \"b\");", Rules.StringApi)]
        [DataRow("string swapped = s.Replace(\"a\", \"b\");", Rules.StringApi)]
        [DataRow("bool blank = string.IsNullOrWhiteSpace(s);", Rules.StringApi)]
        [DataRow("bool starts = s.StartsWith(\"a\", StringComparison.Ordinal);", Rules.StringApi)]
        [DataRow("bool same = string.Equals(s, \"a\", StringComparison.OrdinalIgnoreCase);", Rules.StringApi)]
        [DataRow("bool has = _table.ContainsKey(\"k\");", Rules.HashtableApi)]
        [DataRow("string text = Encoding.UTF8.GetString(b);", Rules.EncodingGetString)]
        [DataRow("double rounded = Math.Round(d, 2);", Rules.MathApi)]
        [DataRow("double away = Math.Round(d, 1, MidpointRounding.AwayFromZero);", Rules.MathApi)]
        [DataRow("float root = MathF.Sqrt(2f);", Rules.MathApi)]
        [DataRow("Array.Sort(b);", Rules.ArrayApi)]
        [DataRow("Array.Reverse(b);", Rules.ArrayApi)]
        [DataRow("Array.Resize(ref b, 8);", Rules.ArrayApi)]
        [DataRow("Array.Fill(b, (byte)0);", Rules.ArrayApi)]
        [DataRow("int[] none = Array.Empty<int>();", Rules.ArrayApi)]
        [DataRow("Array.Clear(b);", Rules.ArrayApi)]
        // formats and enums
        [DataRow("string t = d.ToString(\"0.00\");", Rules.NumericFormat)]
        [DataRow("string t = n.ToString(\"#,##0\");", Rules.NumericFormat)]
        [DataRow("string t = d.ToString(\"P2\");", Rules.NumericFormat)]
        [DataRow("string t = d.ToString(\"E3\");", Rules.NumericFormat)]
        [DataRow("string t = $\"{d:0.0}\";", Rules.NumericFormat)]
        [DataRow("string t = string.Format(\"{0:C}\", d);", Rules.NumericFormat)]
        [DataRow("string t = c.ToString();", Rules.EnumToString)]
        [DataRow("string t = $\"color {c}\";", Rules.EnumToString)]
        [DataRow("string t = \"color \" + c;", Rules.EnumToString)]
        [DataRow("string t = string.Format(\"color {0}\", c);", Rules.EnumToString)]
        [DataRow("var sb = new StringBuilder().Append(c);", Rules.EnumToString)]
        [DataRow("System.Diagnostics.Debug.WriteLine(c);", Rules.EnumToString)]
        [DataRow("int[,] grid = null;", Rules.MultiDimensionalArray)]
        [DataRow("var grid = new int[2, 3];", Rules.MultiDimensionalArray)]
        [DataRow("Array all = Enum.GetValues(typeof(Color));", Rules.EnumReflection)]
        [DataRow("string[] names = Enum.GetNames(typeof(Color));", Rules.EnumReflection)]
        [DataRow("bool ok = Enum.IsDefined(typeof(Color), 1);", Rules.EnumReflection)]
        [DataRow("object parsed = Enum.Parse(typeof(Color), s);", Rules.EnumReflection)]
        // C# 9 features the runtime lacks, newer syntax
        [DataRow("var pair = (1, \"a\");", Rules.Tuple)]
        [DataRow("(int, int) p = (1, 2);", Rules.Tuple)]
        [DataRow("dynamic dyn = 1;", Rules.Dynamic)]
        [DataRow("nint native = 0;", Rules.NativeInt)]
        [DataRow("string raw = \"\"\"raw\"\"\";", Rules.LanguageVersion)]
        [DataRow("bool two = b is [1, 2];", Rules.LanguageVersion)]
        [DataRow("byte[] lit = [1, 2];", Rules.LanguageVersion)]
        [DataRow("var lambda = () => 1;", Rules.LanguageVersion)]
        [DataRow("int broken = ;", Rules.LanguageVersion)]
        public void Check_PlantedStatement_ReportsRuleOnItsLine(string statement, string rule)
        {
            AssertCaught(PlantedSource.InMethod(statement), rule, PlantedSource.StatementLine);
        }

        [TestMethod]
        [DataRow("public T Identity<T>(T x) { return x; }", Rules.GenericDeclaration)]
        [DataRow("public int Twice(int x) { return Echo(x); } private static T Echo<T>(T x) { return x; }", Rules.GenericUse)]
        [DataRow("public async void Run() { await System.Threading.Tasks.Task.Delay(1); }", Rules.Async)]
        [DataRow("public System.Threading.Tasks.Task Work() { return null; }", Rules.Async)]
        [DataRow("public System.Collections.IEnumerable Items() { yield return 1; }", Rules.Iterator)]
        [DataRow("public int Level { get; init; }", Rules.InitAccessor)]
        [DataRow("public (int, int) Pair() { return (1, 2); }", Rules.Tuple)]
        [DataRow("public System.Collections.Generic.List<int> Items;", Rules.GenericCollection)]
        [DataRow("public Span<byte> Window() { return default; }", Rules.Span)]
        [DataRow("public void Callback(Action<int> a, EventHandler<Color> h, Func<int, int, int, int, int> f) { }", Rules.GenericUse)]
        [DataRow("public unsafe void Raw(byte* p) { }", Rules.Unsafe)]
        public void Check_PlantedMember_ReportsRuleOnItsLine(string member, string rule)
        {
            AssertCaught(PlantedSource.InClass(member), rule, PlantedSource.MemberLine);
        }

        [TestMethod]
        [DataRow("public class Box<T> { public T Value; }", Rules.GenericDeclaration)]
        [DataRow("public delegate T Producer<T>();", Rules.GenericDeclaration)]
        [DataRow("public record Point(int X, int Y);", Rules.Record)]
        [DataRow("public record Point(int X) { public Point Next() { return this with { X = 1 }; } }", Rules.WithExpression)]
        [DataRow("public interface IShape { double Area() { return 0; } }", Rules.DefaultInterfaceMember)]
        [DataRow("public interface IShape { static int Count; }", Rules.DefaultInterfaceMember)]
        [DataRow("public ref struct Window { }", Rules.RefStruct)]
        [DataRow("public class Store : System.Collections.Generic.List<int> { }", Rules.GenericCollection)]
        public void Check_PlantedType_ReportsRuleOnItsLine(string type, string rule)
        {
            AssertCaught(PlantedSource.InNamespace(type), rule, PlantedSource.TypeLine);
        }

        [TestMethod]
        [DataRow("namespace Planted;\npublic class A { }\n", 1)]
        [DataRow("using System;\nglobal using System.Text;\nnamespace Planted { }\n", 2)]
        [DataRow("namespace Planted\n{\n    public record struct Point(int X);\n}\n", 3)]
        [DataRow("namespace Planted\n{\n    public class A\n    {\n        public required int X { get; set; }\n    }\n}\n", 5)]
        [DataRow("namespace Planted\n{\n    public class A(int x)\n    {\n    }\n}\n", 3)]
        [DataRow("namespace Planted\n{\n    public class A\n    {\n        void M( { }\n    }\n}\n", 5)]
        public void Check_NewerSyntax_ReportsLanguageVersionOnItsLine(string source, int line)
        {
            Finding[] findings = Guard.Check(source, "planted.cs");
            Assert.IsTrue(findings.Any(f => f.Line == line && (f.RuleId == Rules.LanguageVersion || f.RuleId == Rules.Record)), PlantedSource.Describe(findings));
        }

        [TestMethod]
        [DataRow("using System.Collections.Generic;", Rules.ForbiddenUsing)]
        [DataRow("using System.Linq;", Rules.ForbiddenUsing)]
        [DataRow("using System.Threading.Tasks;", Rules.ForbiddenUsing)]
        [DataRow("using static System.Linq.Enumerable;", Rules.ForbiddenUsing)]
        [DataRow("using Bag = System.Collections.Generic.List<object>;", Rules.ForbiddenUsing)]
        public void Check_ForbiddenUsing_ReportedOnItsLine(string directive, string rule)
        {
            string source = "using System;\n" + directive + "\n\nnamespace Planted\n{\n    public class A { }\n}\n";
            AssertCaught(source, rule, 2);
        }

        [TestMethod]
        public void Check_LinqExtensionCall_ReportedAtTheCall()
        {
            string source =
                "using System.Linq;\n" +
                "\n" +
                "namespace Planted\n" +
                "{\n" +
                "    public class A\n" +
                "    {\n" +
                "        public int Big(int[] values)\n" +
                "        {\n" +
                "            return values.Where(v => v > 10).Count();\n" +
                "        }\n" +
                "\n" +
                "        public int Small(int[] values)\n" +
                "        {\n" +
                "            return (from v in values where v < 10 select v).Count();\n" +
                "        }\n" +
                "    }\n" +
                "}\n";
            Finding[] findings = Guard.Check(source, "planted.cs");

            AssertHas(findings, Rules.ForbiddenUsing, 1);
            AssertHas(findings, Rules.Linq, 9);
            AssertHas(findings, Rules.Linq, 14);
        }

        [TestMethod]
        public void Check_HashtableTryGetValue_ReportedAsHashtableRule()
        {
            AssertCaught(PlantedSource.InMethod("object v; bool found = _table.TryGetValue(\"k\", out v);"), Rules.HashtableApi, PlantedSource.StatementLine);
        }

        [TestMethod]
        public void Check_Finding_FormatsAsCompilerLine()
        {
            Finding finding = Guard.Check(PlantedSource.InMethod("Array.Sort(b);"), "shared/Planted.cs").Single();

            Assert.AreEqual("shared/Planted.cs", finding.Path);
            Assert.AreEqual(PlantedSource.StatementLine, finding.Line);
            Assert.AreEqual(19, finding.Column);
            StringAssert.StartsWith(finding.ToString(), $"shared/Planted.cs:{PlantedSource.StatementLine}:19: NF034 Array.Sort ");
        }

        [TestMethod]
        public void Rules_EveryRuleId_HasASummary()
        {
            string[] ids = typeof(Rules).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()).ToArray();

            Assert.AreEqual(ids.Length, Rules.All.Count);
            foreach (string id in ids)
            {
                Assert.IsTrue(Rules.All.ContainsKey(id), id);
            }
        }

        internal static void AssertCaught(string source, string rule, int line)
        {
            Finding[] findings = Guard.Check(source, "planted.cs");
            AssertHas(findings, rule, line);
        }

        private static void AssertHas(Finding[] findings, string rule, int line)
        {
            Assert.IsTrue(findings.Any(f => f.RuleId == rule && f.Line == line),
                $"expected {rule} on line {line}; got:{System.Environment.NewLine}{PlantedSource.Describe(findings)}");
        }
    }
}
