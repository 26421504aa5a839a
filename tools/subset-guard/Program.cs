using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Beacons.SubsetGuard;

/// <summary>
/// CLI: <c>dotnet run --project tools/subset-guard -- [--root &lt;repo&gt;] [folders...]</c>.
/// Prints <c>path:line:col: NF0xx message</c> per finding; exit code 0 = clean, 1 = findings, 2 = usage error.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string root = null;
        bool verbose = false;
        var folders = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--root" when i + 1 < args.Length:
                    root = args[++i];
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

        string[] checkedFolders = folders.Count > 0 ? folders.ToArray() : SubsetGuard.DefaultFolders;
        foreach (string folder in checkedFolders.Where(f => !Directory.Exists(Path.Combine(root, f))))
        {
            Console.Error.WriteLine($"subset-guard: warning: folder '{folder}' not found under {root}");
        }

        if (verbose)
        {
            Console.Error.WriteLine($"subset-guard: root {root}, {SubsetGuard.SourceFiles(root, checkedFolders).Length} file(s) in {string.Join(", ", checkedFolders)}");
        }

        Finding[] findings = SubsetGuard.CheckTree(root, checkedFolders);
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
        writer.WriteLine("usage: subset-guard [--root <repo>] [--rules] [-v|--verbose] [folders...]");
        writer.WriteLine($"  folders default to: {string.Join(" ", SubsetGuard.DefaultFolders)} (relative to the root; bin/ and obj/ skipped)");
        writer.WriteLine("  suppress a false positive with '// nf-subset: allow NF0xx <reason>' on the line above");
    }
}
