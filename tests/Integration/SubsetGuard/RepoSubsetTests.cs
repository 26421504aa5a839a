using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Beacons.SubsetGuard;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Guard = Beacons.SubsetGuard.SubsetGuard;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>
    /// The real device-bound sources (shared/, firmware/, tests/Shared/) stay inside the nanoFramework subset.
    /// </summary>
    [TestClass]
    public sealed class RepoSubsetTests
    {
        [TestMethod]
        public void CheckTree_RepoDeviceFolders_HaveNoFindings()
        {
            string root = RepoRoot();
            string[] files = Guard.SourceFiles(root, Guard.DefaultFolders);
            Assert.IsTrue(files.Length > 0, $"no .cs files under {string.Join(", ", Guard.DefaultFolders)} of {root}");

            Finding[] findings = Guard.CheckTree(root, Guard.DefaultFolders);

            Assert.AreEqual(0, findings.Length,
                $"{findings.Length} nanoFramework subset violation(s) in {files.Length} file(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, findings.Select(f => $"{f.Path}:{f.Line}: {f.RuleId} {f.Message}")));
        }

        [TestMethod]
        public void CheckTree_RepoDeviceFolders_BoundAgainstMscorlibAlone_HaveNoFindings()
        {
            // A user's clone without the toolchain: other nanoFramework libraries are known by name only.
            Finding[] findings = Guard.CheckTree(RepoRoot(), Guard.DefaultFolders, null, NanoAssemblies.Load(null));

            Assert.AreEqual(0, findings.Length, string.Join(Environment.NewLine, findings.Select(f => f.ToString())));
        }

        [TestMethod]
        public void SourceFiles_RepoDeviceFolders_SkipBinAndObj()
        {
            string[] files = Guard.SourceFiles(RepoRoot(), Guard.DefaultFolders);

            foreach (string file in files)
            {
                string[] parts = file.Split(Path.DirectorySeparatorChar);
                Assert.IsFalse(parts.Contains("bin") || parts.Contains("obj"), file);
            }
        }

        /// <summary>
        /// The folder holding Beacons.sln, walking up from the test assembly; from this source file's own path when the
        /// tests run from a build output outside the repository.
        /// </summary>
        internal static string RepoRoot([CallerFilePath] string sourceFile = "")
        {
            string root = Guard.FindRepoRoot(Path.GetDirectoryName(typeof(RepoSubsetTests).Assembly.Location))
                ?? Guard.FindRepoRoot(Path.GetDirectoryName(sourceFile));
            Assert.IsNotNull(root, "Beacons.sln not found above the test assembly");
            return root;
        }
    }
}
