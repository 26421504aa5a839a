using System.IO;
using System.Linq;
using Beacons.SubsetGuard;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Guard = Beacons.SubsetGuard.SubsetGuard;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>
    /// The guard binds against the real nanoFramework assemblies: API gaps the host BCL hides are reported on their line
    /// with a nanoFramework-specific message, both with the toolchain's libraries and with NuGet's mscorlib alone (a
    /// user's clone without ../shared/nanoframework).
    /// </summary>
    [TestClass]
    public sealed class NanoBindingTests
    {
        private static NanoAssemblies _mscorlibOnly;
        private static NanoAssemblies _toolchain;

        [ClassInitialize]
        public static void LoadAssemblies(TestContext context)
        {
            _mscorlibOnly = NanoAssemblies.Load(null);
            string toolchain = NanoAssemblies.DefaultToolchain(RepoSubsetTests.RepoRoot());
            _toolchain = Directory.Exists(Path.Combine(toolchain, "lib")) ? NanoAssemblies.Load(toolchain) : null;
        }

        [TestMethod]
        [DataRow("private volatile bool _stop;", "IsVolatile")]
        [DataRow("private decimal _price;", "decimal")]
        [DataRow("private readonly System.Diagnostics.Stopwatch _watch = new System.Diagnostics.Stopwatch();", "Environment.TickCount64")]
        public void Check_PlantedMemberGap_ReportedOnItsLine(string member, string hint)
        {
            foreach (NanoAssemblies nano in Bindings())
            {
                Finding finding = Single(Guard.Check(PlantedSource.InClass(member), "shared/Planted.cs", nano), nano);

                Assert.AreEqual(Rules.NanoApi, finding.RuleId);
                Assert.AreEqual(PlantedSource.MemberLine, finding.Line);
                StringAssert.Contains(finding.Message, hint, finding.ToString());
            }
        }

        [TestMethod]
        [DataRow("long total = 0; Interlocked.Increment(ref total);", "int overloads only")]
        [DataRow("string t = s.Insert(0, \"x\");", "has no Insert")]
        [DataRow("string nl = Environment.NewLine;", "TickCount64")]
        [DataRow("int cpus = Environment.ProcessorCount;", "TickCount64")]
        [DataRow("var pin = new System.Device.Gpio.GpioController(); PinValue? last = null;", "Nullable")]
        public void Check_PlantedStatementGap_ReportedOnItsLine(string statement, string hint)
        {
            foreach (NanoAssemblies nano in Bindings())
            {
                Finding finding = Single(Guard.Check(PlantedSource.InMethod(statement), "firmware/Planted.cs", nano), nano);

                Assert.AreEqual(Rules.NanoApi, finding.RuleId, finding.ToString());
                Assert.AreEqual(PlantedSource.StatementLine, finding.Line);
                StringAssert.Contains(finding.Message, hint, finding.ToString());
            }
        }

        [TestMethod]
        [DataRow("bool whole = d == Math.Floor(d);", Rules.MathExactness)]
        [DataRow("if (d != Math.Round(d)) { return; }", Rules.MathExactness)]
        [DataRow("long x = n; double mag = Math.Abs(x);", Rules.MathLongArgument)]
        [DataRow("long x = n; long y = (long)Math.Max(x, 3L);", Rules.MathLongArgument)]
        public void Check_PlantedPrecisionTrap_ReportedOnItsLine(string statement, string rule)
        {
            foreach (NanoAssemblies nano in Bindings())
            {
                Finding finding = Single(Guard.Check(PlantedSource.InMethod(statement), "shared/Planted.cs", nano), nano);

                Assert.AreEqual(rule, finding.RuleId, finding.ToString());
                Assert.AreEqual(PlantedSource.StatementLine, finding.Line);
            }
        }

        [TestMethod]
        [DataRow("long ms = Environment.TickCount64;")]
        [DataRow("int a = Math.Abs(n); double f = Math.Floor(d); bool whole = (double)(long)d == d;")]
        [DataRow("int total = 0; Interlocked.Increment(ref total);")]
        [DataRow("var sb = new StringBuilder(); sb.Append(s).Append(n).ToString();")]
        [DataRow("long free = nanoFramework.Runtime.Native.GC.Run(true);")]
        public void Check_WhatTheDeviceHas_IsClean(string statement)
        {
            foreach (NanoAssemblies nano in Bindings())
            {
                Finding[] findings = Guard.Check(PlantedSource.InMethod(statement), "firmware/Planted.cs", nano);

                Assert.AreEqual(0, findings.Length, $"[{nano.Description}] {PlantedSource.Describe(findings)}");
            }
        }

        [TestMethod]
        public void Manifest_MatchesTheToolchainLibraries()
        {
            if (_toolchain == null)
            {
                Assert.Inconclusive("no nanoFramework toolchain beside the repository");
            }

            string root = RepoSubsetTests.RepoRoot();
            string committed = File.ReadAllText(Path.Combine(root, "tools", "subset-guard", NanoAssemblies.ManifestFileName));

            Assert.AreEqual(NanoAssemblies.WriteManifest(Path.GetDirectoryName(_toolchain.ToolchainLib)), committed,
                "tools/subset-guard/nanoframework-api.txt is stale: regenerate it with --write-api-manifest");
        }

        private static NanoAssemblies[] Bindings() =>
            _toolchain == null ? new[] { _mscorlibOnly } : new[] { _mscorlibOnly, _toolchain };

        private static Finding Single(Finding[] findings, NanoAssemblies nano)
        {
            Assert.AreEqual(1, findings.Length, $"[{nano.Description}] {PlantedSource.Describe(findings)}");
            return findings[0];
        }
    }
}
