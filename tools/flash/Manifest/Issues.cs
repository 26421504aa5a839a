using System.Collections.Generic;
using System.Linq;

namespace Beacons.Flash.Manifest
{
    /// <summary>Where a value came from, so a technician can open the file at the right line.</summary>
    /// <param name="File">File name as the user gave it (no directory, to keep messages short).</param>
    /// <param name="Line">1-based line.</param>
    /// <param name="Where">JSON path (<c>devices[0].lanes[1].pdSckPin</c>) or CSV column (<c>column 'pdSckPin'</c>).</param>
    public sealed record SourceRef(string File, int Line, string Where)
    {
        public override string ToString() => $"{File}:{Line}: {Where}";
    }

    public enum Severity
    {
        Warning,
        Error,
    }

    /// <summary>One finding. Messages never contain the value of a secret.</summary>
    public sealed record Issue(Severity Severity, SourceRef Source, string Message)
    {
        public override string ToString() =>
            $"{(Severity == Severity.Error ? "error" : "warning")}: {Source}: {Message}";
    }

    /// <summary>Collects findings; readers keep going after an error so one run shows every problem.</summary>
    public sealed class IssueList
    {
        private readonly List<Issue> _items = new();

        public IReadOnlyList<Issue> Items => _items;

        public bool HasErrors => _items.Any(i => i.Severity == Severity.Error);

        public int ErrorCount => _items.Count(i => i.Severity == Severity.Error);

        public void Error(SourceRef at, string message) => _items.Add(new Issue(Severity.Error, at, message));

        public void Warn(SourceRef at, string message) => _items.Add(new Issue(Severity.Warning, at, message));

        public void AddRange(IssueList other) => _items.AddRange(other._items);
    }
}
