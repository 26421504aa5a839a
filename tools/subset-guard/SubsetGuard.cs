using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Beacons.SubsetGuard;

/// <summary>
/// Checks C# sources against the stable nanoFramework subset (C# 9, CoreLibrary 1.17.x, see
/// /work/shared/nanoframework-reference.md section 2). Sources are parsed as the device build sees them
/// (LangVersion 9.0, NANOFRAMEWORK_1_0 defined) and bound twice: against the real nanoFramework assemblies
/// (<see cref="NanoAssemblies"/>: NuGet's CoreLibrary mscorlib, plus the toolchain's libraries when present), where
/// whatever does not bind is an API the device lacks (NF050); and against the host BCL with the emulator's stand-ins,
/// where the rules (NF001-NF047) recognise the constructs they explain in nanoFramework terms.
/// </summary>
public static class SubsetGuard
{
    /// <summary>Folders checked when none are given, relative to the repository root.</summary>
    public static readonly string[] DefaultFolders = { "shared", "firmware", "tests/Shared" };

    /// <summary>
    /// Host stand-ins of the nanoFramework APIs: compiled alongside so that calls into them bind, never reported.
    /// </summary>
    public static readonly string[] DefaultContextFolders = { "tools/emulator/VirtualDevice", "tests/NanoTestFramework" };

    /// <summary>What the nanoFramework project system compiles with (NFProjectSystem.Default.props + CSharp.targets).</summary>
    public static readonly CSharpParseOptions DeviceParseOptions =
        new(LanguageVersion.CSharp9, DocumentationMode.Parse, SourceCodeKind.Regular, new[] { "NANOFRAMEWORK_1_0", "DEBUG", "TRACE" });

    // Compiler errors that mean "this syntax needs a newer C#" (ERR_FeatureNotAvailableInVersion*, ERR_FeatureInPreview,
    // ERR_InvalidModifierForLanguageVersion, ...). Current Roslyn reports most of them while binding, not parsing.
    private static readonly HashSet<string> LanguageVersionErrors = new(StringComparer.Ordinal)
    {
        "CS8022", "CS8023", "CS8024", "CS8025", "CS8026", "CS8059", "CS8107", "CS8302", "CS8320", "CS8370", "CS8400",
        "CS8652", "CS8703", "CS8706", "CS8773", "CS8936", "CS9058", "CS9202", "CS9260", "CS9327", "CS9399",
    };

    private static readonly Regex Suppression = new(@"//\s*nf-subset:\s*allow\s+(NF\d{3})\s+\S", RegexOptions.CultureInvariant);

    private static readonly Lazy<ImmutableArray<MetadataReference>> BclReferences = new(LoadBclReferences);

    private static readonly Lazy<NanoAssemblies> DefaultNano =
        new(() => NanoAssemblies.Load(NanoAssemblies.DefaultToolchain(FindRepoRoot(AppContext.BaseDirectory))));

    /// <summary>Checks one in-memory source file on its own.</summary>
    /// <param name="source">C# source text.</param>
    /// <param name="path">Path used in the findings.</param>
    /// <param name="nano">The nanoFramework assemblies to bind against; null means the default toolchain (or mscorlib alone).</param>
    public static Finding[] Check(string source, string path = "source.cs", NanoAssemblies nano = null)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(SourceText.From(source), DeviceParseOptions, path);
        nano ??= DefaultNano.Value;
        return CheckTree(CreateCompilation(new[] { tree }), CreateNanoCompilation(new[] { tree }, nano), nano, tree, path).ToArray();
    }

    /// <summary>
    /// Checks every .cs file under <paramref name="folders"/> (relative to <paramref name="root"/>; bin/ and obj/ skipped)
    /// as one compilation, so types declared in one checked file bind in another.
    /// </summary>
    /// <param name="root">Repository root; finding paths are relative to it.</param>
    /// <param name="folders">Folders to check; null or empty means <see cref="DefaultFolders"/>.</param>
    /// <param name="contextFolders">Folders compiled along but not reported; null means <see cref="DefaultContextFolders"/>.</param>
    /// <param name="nano">The nanoFramework assemblies to bind against; null means the toolchain beside <paramref name="root"/> (or mscorlib alone).</param>
    public static Finding[] CheckTree(string root, string[] folders = null, string[] contextFolders = null, NanoAssemblies nano = null)
    {
        root = Path.GetFullPath(root);
        nano ??= NanoAssemblies.Load(NanoAssemblies.DefaultToolchain(root));
        if (folders == null || folders.Length == 0)
        {
            folders = DefaultFolders;
        }

        contextFolders ??= DefaultContextFolders;

        var checkedFiles = new SortedSet<string>(SourceFiles(root, folders), StringComparer.Ordinal);

        var trees = new List<SyntaxTree>();
        var checkedTrees = new List<(SyntaxTree Tree, string RelativePath)>();
        foreach (string file in checkedFiles)
        {
            SyntaxTree tree = Parse(file);
            trees.Add(tree);
            checkedTrees.Add((tree, Relative(root, file)));
        }

        foreach (string folder in contextFolders)
        {
            foreach (string file in EnumerateSources(Path.Combine(root, folder)))
            {
                if (!checkedFiles.Contains(file))
                {
                    trees.Add(Parse(file));
                }
            }
        }

        CSharpCompilation compilation = CreateCompilation(trees);

        // The device side binds the checked sources alone: the real libraries stand where the emulator stood.
        CSharpCompilation nanoCompilation = CreateNanoCompilation(checkedTrees.Select(t => t.Tree), nano);
        var findings = new List<Finding>();
        foreach ((SyntaxTree tree, string relativePath) in checkedTrees)
        {
            findings.AddRange(CheckTree(compilation, nanoCompilation, nano, tree, relativePath));
        }

        return findings.ToArray();
    }

    /// <summary>The full paths of the .cs files <see cref="CheckTree(string, string[], string[])"/> checks.</summary>
    public static string[] SourceFiles(string root, string[] folders = null)
    {
        root = Path.GetFullPath(root);
        if (folders == null || folders.Length == 0)
        {
            folders = DefaultFolders;
        }

        return folders.SelectMany(f => EnumerateSources(Path.Combine(root, f))).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Walks up from <paramref name="start"/> to the folder holding Beacons.sln; null if there is none.</summary>
    public static string FindRepoRoot(string start)
    {
        for (DirectoryInfo dir = new(Path.GetFullPath(start)); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beacons.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static IEnumerable<Finding> CheckTree(CSharpCompilation compilation, CSharpCompilation nanoCompilation, NanoAssemblies nano, SyntaxTree tree, string path)
    {
        SemanticModel model = compilation.GetSemanticModel(tree, ignoreAccessibility: true);
        SemanticModel nanoModel = nanoCompilation.GetSemanticModel(tree, ignoreAccessibility: true);
        var walker = new SubsetWalker(model, path);
        walker.Visit(tree.GetRoot());
        var findings = new List<Finding>(walker.Findings);
        findings.AddRange(MathPrecisionRules.Check(model, nanoModel, path));

        // Syntax errors first, then "needs a newer C#" errors; both only where no specific rule already spoke.
        var linesWithFindings = new HashSet<int>(findings.Select(f => f.Line));
        IEnumerable<Diagnostic> diagnostics = tree.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Concat(model.GetDiagnostics().Where(d => LanguageVersionErrors.Contains(d.Id)));
        foreach (Diagnostic diagnostic in diagnostics)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            int line = span.StartLinePosition.Line + 1;
            if (linesWithFindings.Add(line))
            {
                string message = LanguageVersionErrors.Contains(diagnostic.Id)
                    ? $"not available in C# 9 (nanoFramework compiles with LangVersion 9.0): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{diagnostic.Id}]; rewrite it with C# 9 syntax"
                    : $"does not parse as C# 9 (nanoFramework compiles with LangVersion 9.0): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{diagnostic.Id}]";
                findings.Add(new Finding(path, line, span.StartLinePosition.Character + 1, Rules.LanguageVersion, message));
            }
        }

        // What only the device binding rejects, where no rule has explained the line already.
        foreach (Finding finding in NanoBinding.Check(model, nanoModel, nano, path))
        {
            if (linesWithFindings.Add(finding.Line))
            {
                findings.Add(finding);
            }
        }

        SourceText text = tree.GetText();
        return findings
            .Where(f => !IsSuppressed(text, f))
            .GroupBy(f => (f.Line, f.RuleId))
            .Select(g => g.OrderBy(f => f.Column).First())
            .OrderBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ToList();
    }

    private static bool IsSuppressed(SourceText text, Finding finding)
    {
        for (int line = finding.Line - 2; line <= finding.Line - 1; line++)
        {
            if (line < 0 || line >= text.Lines.Count)
            {
                continue;
            }

            foreach (Match match in Suppression.Matches(text.Lines[line].ToString()))
            {
                if (match.Groups[1].Value == finding.RuleId)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static SyntaxTree Parse(string file) =>
        CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file)), DeviceParseOptions, file);

    private static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "SubsetGuardCheck",
            trees,
            BclReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));

    private static CSharpCompilation CreateNanoCompilation(IEnumerable<SyntaxTree> trees, NanoAssemblies nano) =>
        CSharpCompilation.Create(
            "SubsetGuardDeviceCheck",
            trees,
            nano.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));

    private static IEnumerable<string> EnumerateSources(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return Array.Empty<string>();
        }

        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(part => part.Equals("bin", StringComparison.OrdinalIgnoreCase) || part.Equals("obj", StringComparison.OrdinalIgnoreCase)))
            .Select(Path.GetFullPath)
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    // The running runtime's own framework assemblies (the net10.0 BCL): no extra package needed, and the test host's
    // own dependencies (MSTest, Roslyn) stay out of the compilation.
    private static ImmutableArray<MetadataReference> LoadBclReferences()
    {
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        IEnumerable<string> candidates = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal));
        if (!candidates.Any())
        {
            candidates = Directory.EnumerateFiles(frameworkDir, "*.dll");
        }

        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (string file in candidates.Distinct(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(file).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using FileStream stream = File.OpenRead(file);
                using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                if (!pe.HasMetadata)
                {
                    continue; // native image
                }
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            references.Add(MetadataReference.CreateFromFile(file));
        }

        return references.ToImmutable();
    }
}
