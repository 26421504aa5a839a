using System.Threading;

namespace Beacons.Firmware
{
    /// <summary>Composition root: the node is built and run here; Main never returns.</summary>
    public static class Program
    {
        public static void Main()
        {
            new StoreNode().Run();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
