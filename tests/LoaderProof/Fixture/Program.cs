using System;

namespace Beacons.LoaderFixture
{
    /// <summary>The app of the loader's interpreter proof: it only says that its entry point ran, and from which bytes.</summary>
    public static class Program
    {
        public static int Runs;

        public static void Main()
        {
            Runs++;
            Console.WriteLine("fixture: entry point of Beacons.LoaderFixture ran (run " + Runs + ")");
        }
    }
}
