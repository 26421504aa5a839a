using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Beacons.SubsetGuard;

/// <summary>
/// CLI: <c>dotnet run --project tools/subset-guard -- [--root &lt;repo&gt;] [--toolchain &lt;dir&gt; | --no-toolchain] [folders...]</c>.
/// Prints <c>path:line:col: NF0xx message</c> per finding; exit code 0 = clean, 1 = findings, 2 = usage error.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string root = null;
        string toolchain = null;
        bool noToolchain = false;
        bool writeManifest = false;
        bool verbose = false;
        var folders = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--root" when i + 1 < args.Length:
                    root = args[++i];
                    break;
                case "--toolchain" when i + 1 < args.Length:
                    toolchain = args[++i];
                    break;
                case "--no-toolchain":
                    noToolchain = true;
                    break;
                case "--write-api-manifest":
                    writeManifest = true;
                    break;
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                case "--rules":
                    foreach (KeyValuePair<string, string> rule in Rules.All)
                    {
                        Console.WriteLine($"{rule.Key}  {rule.Value}");
                    }

                    return 0;
                case "-h" or "--help":
                    PrintUsage(Console.Out);
                    return 0;
                default:
                    if (args[i].StartsWith("-", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"subset-guard: unknown option '{args[i]}'");
                        PrintUsage(Console.Error);
                        return 2;
                    }

                    folders.Add(args[i]);
                    break;
            }
        }

        root ??= SubsetGuard.FindRepoRoot(Directory.GetCurrentDirectory())
            ?? SubsetGuard.FindRepoRoot(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
        if (!Directory.Exists(root))
        {
            Console.Error.WriteLine($"subset-guard: root '{root}' does not exist");
            return 2;
        }

        toolchain ??= NanoAssemblies.DefaultToolchain(root);
        if (writeManifest)
        {
            try
            {
                Console.Out.Write(NanoAssemblies.WriteManifest(toolchain));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"subset-guard: {e.Message}");
                return 2;
            }
        }

        NanoAssemblies nano;
        try
        {
            nano = NanoAssemblies.Load(noToolchain ? null : toolchain);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"subset-guard: {e.Message}");
            return 2;
        }

        string[] checkedFolders = folders.Count > 0 ? folders.ToArray() : SubsetGuard.DefaultFolders;
        foreach (string folder in checkedFolders.Where(f => !Directory.Exists(Path.Combine(root, f))))
        {
            Console.Error.WriteLine($"subset-guard: warning: folder '{folder}' not found under {root}");
        }

        if (verbose)
        {
            Console.Error.WriteLine($"subset-guard: root {root}, {SubsetGuard.SourceFiles(root, checkedFolders).Length} file(s) in {string.Join(", ", checkedFolders)}");
            Console.Error.WriteLine($"subset-guard: bound against {nano.Description}" + (nano.ToolchainLib != null ? $" ({nano.ToolchainLib})" : $" (no toolchain at {toolchain}: other libraries by the names in {NanoAssemblies.ManifestFileName})"));
        }

        Finding[] findings = SubsetGuard.CheckTree(root, checkedFolders, null, nano);
        foreach (Finding finding in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column))
        {
            Console.WriteLine(finding);
        }

        int files = findings.Select(f => f.Path).Distinct().Count();
        Console.Error.WriteLine(findings.Length == 0
            ? $"subset-guard: clean ({string.Join(", ", checkedFolders)})"
            : $"subset-guard: {findings.Length} finding(s) in {files} file(s)");
        return findings.Length == 0 ? 0 : 1;
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: subset-guard [--root <repo>] [--toolchain <dir> | --no-toolchain] [--rules] [-v|--verbose] [folders...]");
        writer.WriteLine("       subset-guard --write-api-manifest [--toolchain <dir>]");
        writer.WriteLine("  binds against nanoFramework.CoreLibrary 1.17.11's mscorlib plus the toolchain's lib/ (default $NF_TOOLCHAIN or ../shared/nanoframework)");
        writer.WriteLine($"  folders default to: {string.Join(" ", SubsetGuard.DefaultFolders)} (relative to the root; bin/ and obj/ skipped)");
        writer.WriteLine("  suppress a false positive with '// nf-subset: allow NF0xx <reason>' on the line above");
    }
}
