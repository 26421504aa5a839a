using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Beacons.SubsetGuard;

/// <summary>
/// NF046/NF047: code that compiles for the device but computes differently there. Every ESP32 image builds System.Math
/// in single precision (Math.Floor(16777217.0) is 16777216), and nanoFramework's Math has no long overloads, so a long
/// passed to Abs/Max/Min silently binds to the float overload (long converts to float implicitly) and loses digits.
/// </summary>
internal static class MathPrecisionRules
{
    private static readonly HashSet<string> Rounders = new(StringComparer.Ordinal) { "Floor", "Ceiling", "Truncate", "Round" };

    // nanoFramework's System.Math overloads of these take int, float or double only.
    private static readonly HashSet<string> NoLongOverload = new(StringComparer.Ordinal) { "Abs", "Max", "Min", "Sign" };

    public static IEnumerable<Finding> Check(SemanticModel bcl, SemanticModel nano, string path)
    {
        SyntaxNode root = bcl.SyntaxTree.GetRoot();
        foreach (BinaryExpressionSyntax compare in root.DescendantNodes().OfType<BinaryExpressionSyntax>()
            .Where(b => b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression)))
        {
            InvocationExpressionSyntax rounded = MathCall(compare.Left, Rounders) ?? MathCall(compare.Right, Rounders);
            if (rounded != null)
            {
                yield return At(path, compare.OperatorToken, Rules.MathExactness,
                    $"exactness check through Math.{Name(rounded)}: System.Math is single precision on every ESP32 image, so whole numbers above 2^24 " +
                    "(epoch seconds, dates as numbers) compare wrong on the device; use ExactMath.IsWhole (shared/Common) or (double)(long)d == d");
            }
        }

        foreach (InvocationExpressionSyntax call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (MathCall(call, NoLongOverload) == null)
            {
                continue;
            }

            // With the toolchain the device binding shows the double overload it picks; without it, the argument types do.
            var onDevice = nano.GetSymbolInfo(call).Symbol as IMethodSymbol;
            bool widened = call.ArgumentList.Arguments.Any(a => IsWideInteger(bcl.GetTypeInfo(a.Expression).Type)) &&
                (onDevice == null || onDevice.Parameters.Any(p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single));
            if (widened)
            {
                yield return At(path, ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier, Rules.MathLongArgument,
                    $"Math.{Name(call)} has no long overload on nanoFramework: the long converts to the float (or double) overload and keeps " +
                    "~7 digits; use ExactMath.Abs (shared/Common) for Abs, compare the longs (a > b ? a : b) for Max/Min");
            }
        }
    }

    private static InvocationExpressionSyntax MathCall(ExpressionSyntax expression, HashSet<string> names)
    {
        while (expression is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            expression = expression is ParenthesizedExpressionSyntax p ? p.Expression : ((CastExpressionSyntax)expression).Expression;
        }

        return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call &&
            access.Expression.ToString().Replace(" ", string.Empty) is "Math" or "System.Math" &&
            names.Contains(access.Name.Identifier.ValueText)
            ? call
            : null;
    }

    private static string Name(InvocationExpressionSyntax call) => ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;

    private static bool IsWideInteger(ITypeSymbol type) =>
        type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_UInt32;

    private static Finding At(string path, SyntaxToken token, string rule, string message)
    {
        FileLinePositionSpan span = token.GetLocation().GetLineSpan();
        return new Finding(path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, rule, message);
    }
}
