using System;

namespace Beacons.Shared.Configuration
{
    /// <summary>A document that is not valid JSON; carries the 1-based line and column of the problem.</summary>
    public class JsonFormatException : Exception
    {
        public JsonFormatException(string problem, int line, int column)
            : base("invalid JSON at line " + line + ", column " + column + ": " + problem)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }
}
