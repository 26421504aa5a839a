namespace Beacons.SubsetGuard;

/// <summary>One construct the stable nanoFramework runtime (CoreLibrary 1.17.x) cannot run.</summary>
/// <param name="Path">File path relative to the repository root, '/'-separated (or the path given to Check).</param>
/// <param name="Line">1-based line of the construct.</param>
/// <param name="Column">1-based column of the construct.</param>
/// <param name="RuleId">Rule id, NF001..NF050 (see <see cref="Rules"/>).</param>
/// <param name="Message">What is wrong and what to use instead.</param>
public sealed record Finding(string Path, int Line, int Column, string RuleId, string Message)
{
    /// <summary>The compiler-style line the CLI prints: <c>path:line:col: NF0xx message</c>.</summary>
    public override string ToString() => $"{Path}:{Line}:{Column}: {RuleId} {Message}";
}
