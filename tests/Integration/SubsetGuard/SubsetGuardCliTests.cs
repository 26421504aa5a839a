using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Cli = Beacons.SubsetGuard.Program;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>The command line: compiler-style output, exit code 1 on findings, default folders, bin/obj skipped.</summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class SubsetGuardCliTests
    {
        private string _root;

        [TestInitialize]
        public void CreateRepo()
        {
            _root = Path.Combine(Path.GetTempPath(), "subset-guard-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(_root, "shared", "Common"));
            Directory.CreateDirectory(Path.Combine(_root, "shared", "obj"));
            Directory.CreateDirectory(Path.Combine(_root, "firmware"));
            Directory.CreateDirectory(Path.Combine(_root, "tools"));
            File.WriteAllText(Path.Combine(_root, "Beacons.sln"), string.Empty);
            File.WriteAllText(Path.Combine(_root, "shared", "Common", "Clean.cs"), PlantedSource.InMethod("_list.Add(n);"));
            File.WriteAllText(Path.Combine(_root, "shared", "obj", "Generated.cs"), PlantedSource.InMethod("var skipped = new System.Collections.Generic.List<int>();"));
        }

        [TestCleanup]
        public void DeleteRepo()
        {
            Directory.Delete(_root, recursive: true);
        }

        [TestMethod]
        public void Main_CleanTree_ExitsZero()
        {
            (int exit, string output) = Run("--root", _root);

            Assert.AreEqual(0, exit, output);
            Assert.AreEqual(string.Empty, output);
        }

        [TestMethod]
        public void Main_Violation_PrintsCompilerLineAndExitsOne()
        {
            File.WriteAllText(Path.Combine(_root, "firmware", "Bad.cs"), PlantedSource.InMethod("double r = Math.Round(d, 2);"));

            (int exit, string output) = Run("--root", _root);

            Assert.AreEqual(1, exit, output);
            StringAssert.StartsWith(output, $"firmware/Bad.cs:{PlantedSource.StatementLine}:29: NF033 ");
            Assert.AreEqual(1, output.Trim().Split('\n').Length, output);
        }

        [TestMethod]
        public void Main_ExplicitFolders_CheckOnlyThose()
        {
            File.WriteAllText(Path.Combine(_root, "tools", "Host.cs"), PlantedSource.InMethod("var l = new System.Collections.Generic.List<int>();"));

            Assert.AreEqual(0, Run("--root", _root).Exit);
            Assert.AreEqual(1, Run("--root", _root, "tools").Exit);
        }

        [TestMethod]
        public void Main_UnknownOption_ExitsTwo()
        {
            Assert.AreEqual(2, Run("--bogus").Exit);
        }

        private static (int Exit, string Output) Run(params string[] args)
        {
            TextWriter stdout = Console.Out;
            TextWriter stderr = Console.Error;
            var captured = new StringWriter();
            try
            {
                Console.SetOut(captured);
                Console.SetError(TextWriter.Null);
                int exit = Cli.Main(args);
                return (exit, captured.ToString().Replace("\r\n", "\n"));
            }
            finally
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }
}
