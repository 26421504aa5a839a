using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Beacons.SubsetGuard;

/// <summary>
/// NF050: what does not bind against the real nanoFramework assemblies. The same syntax tree is bound twice, against the
/// host BCL (with the emulator's stand-ins) and against <see cref="NanoAssemblies"/>; an error only the second binding
/// reports is an API the device lacks (a missing type or member, an overload that is not there, a predefined type such
/// as IsVolatile or Decimal that mscorlib does not define).
/// </summary>
internal static class NanoBinding
{
    // Errors a missing or different API produces. Anything else (syntax, flow analysis) the BCL binding reports too.
    private static readonly HashSet<string> MissingName = new(StringComparer.Ordinal) { "CS0103", "CS0246", "CS0234", "CS0400" };

    public static IEnumerable<Finding> Check(SemanticModel bcl, SemanticModel nano, NanoAssemblies assemblies, string path)
    {
        var onHost = new HashSet<(string, int)>(bcl.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => (d.Id, d.Location.SourceSpan.Start)));

        SyntaxNode root = nano.SyntaxTree.GetRoot();
        foreach (Diagnostic diagnostic in nano.GetDiagnostics())
        {
            if (diagnostic.Severity != DiagnosticSeverity.Error || onHost.Contains((diagnostic.Id, diagnostic.Location.SourceSpan.Start)))
            {
                continue;
            }

            SyntaxNode at = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (assemblies.Manifest != null && MissingName.Contains(diagnostic.Id) && assemblies.Manifest.Declares(NameAt(at)))
            {
                continue; // lives in a nanoFramework library this run has no toolchain for
            }

            yield return At(path, diagnostic.Location, Message(diagnostic, at, assemblies));
        }

        // Roslyn reports a missing IsVolatile only when it emits the field's modreq, never while binding: ask for the type.
        if (nano.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.IsVolatile") == null)
        {
            foreach (SyntaxToken modifier in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.VolatileKeyword)))
            {
                yield return At(path, modifier.GetLocation(),
                    "volatile needs System.Runtime.CompilerServices.IsVolatile, which nanoFramework's mscorlib does not define " +
                    "(the device build fails with CS0518); guard the field with lock, or keep it an int and use Interlocked [CS0518]");
            }
        }

        if (assemblies.Manifest != null)
        {
            foreach (Finding finding in CheckStaticMembers(nano, assemblies, path))
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// Without the toolchain, a type of another nanoFramework library does not bind, so neither do its members: check
    /// static member accesses (Environment.NewLine, GC.Collect...) by name against the manifest.
    /// </summary>
    private static IEnumerable<Finding> CheckStaticMembers(SemanticModel nano, NanoAssemblies assemblies, string path)
    {
        foreach (MemberAccessExpressionSyntax access in nano.SyntaxTree.GetRoot().DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Expression is not IdentifierNameSyntax receiver)
            {
                continue;
            }

            IReadOnlyList<string> types = assemblies.Manifest.TypesNamed(receiver.Identifier.ValueText);
            if (types.Count == 0 || nano.GetSymbolInfo(receiver).Symbol != null || nano.GetSymbolInfo(receiver).CandidateSymbols.Length > 0)
            {
                continue;
            }

            string member = access.Name.Identifier.ValueText;
            if (types.Any(t => assemblies.Manifest.HasMember(t, member)))
            {
                continue;
            }

            string type = types[0];
            string has = string.Join(", ", assemblies.Manifest.MembersOf(type).Take(12));
            yield return At(path, access.Name.GetLocation(),
                $"'{receiver.Identifier.ValueText}.{member}' does not exist on the device: {type} ({assemblies.Manifest.AssemblyOf(type)}) has only {has}");
        }
    }

    private static Finding At(string path, Location location, string message)
    {
        FileLinePositionSpan span = location.GetLineSpan();
        return new Finding(path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, Rules.NanoApi, message);
    }

    private static string NameAt(SyntaxNode node)
    {
        // 'Text' in 'using System.Text;' is reported on the right-hand name: the namespace is the whole dotted name.
        while (node.Parent is QualifiedNameSyntax q && q.Right == node || node.Parent is MemberAccessExpressionSyntax m && m.Name == node)
        {
            node = node.Parent;
        }

        return WrittenName(node);
    }

    private static string WrittenName(SyntaxNode node) => node switch
    {
        QualifiedNameSyntax q => q.ToString().Replace(" ", string.Empty),
        MemberAccessExpressionSyntax m => m.ToString().Replace(" ", string.Empty),
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => node.ToString().Trim(),
    };

    private static string Message(Diagnostic diagnostic, SyntaxNode at, NanoAssemblies assemblies)
    {
        string compiler = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        if (diagnostic.Id == "CS0518" && compiler.Contains("System.Decimal", StringComparison.Ordinal))
        {
            return "decimal (System.Decimal) does not exist in nanoFramework's mscorlib; count whole minor units in a long, or use double [CS0518]";
        }

        SyntaxNode call = (SyntaxNode)at.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.Expression ?? at;
        return $"not in the {assemblies.Description}: {compiler} [{diagnostic.Id}]{Hint(compiler + " " + call)}";
    }

    // What to use instead, for the gaps code here has hit; the compiler message says what is missing.
    private static string Hint(string context)
    {
        if (context.Contains("Interlocked", StringComparison.Ordinal) && context.Contains("long", StringComparison.Ordinal))
        {
            return "; nanoFramework's Interlocked has int overloads only: keep the counter an int, or guard a long with lock";
        }

        if (context.Contains("Stopwatch", StringComparison.Ordinal))
        {
            return "; use Environment.TickCount64 (nanoFramework.Runtime.Native, milliseconds) or DateTime.UtcNow.Ticks";
        }

        if (context.Contains("Environment", StringComparison.Ordinal))
        {
            return "; on nanoFramework, System.Environment (nanoFramework.Runtime.Native) has TickCount64 only";
        }

        if (context.Contains("'string' does not contain a definition for 'Insert'", StringComparison.Ordinal))
        {
            return "; nanoFramework's string has no Insert: s.Substring(0, i) + value + s.Substring(i), or a StringBuilder";
        }

        return "; write it with what the nanoFramework assemblies provide";
    }
}
