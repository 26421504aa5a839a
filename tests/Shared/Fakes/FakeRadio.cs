using System.Collections;
using Beacons.Shared.Advertising;
using Beacons.Shared.Proximity;

namespace Beacons.Tests.Fakes
{
    /// <summary>Records publisher starts/stops and scan windows with the time they happened.</summary>
    public sealed class FakeRadio : IAdvertiser, IScanWindow
    {
        public long NowMs { get; set; }

        public bool RefuseStarts { get; set; }

        /// <summary>Start times, ms.</summary>
        public ArrayList Starts { get; } = new ArrayList();

        public ArrayList StartedFrames { get; } = new ArrayList();

        public int ScanWindows { get; private set; }

        public bool Advertising { get; private set; }

        public bool Scanning { get; private set; }

        /// <summary>True if advertising and scanning were ever on at once (impossible on nanoFramework).</summary>
        public bool Overlapped { get; private set; }

        public bool Start(byte[] advertisingData, int length)
        {
            if (RefuseStarts)
            {
                return false;
            }

            Starts.Add(NowMs);
            byte[] copy = new byte[length];
            System.Array.Copy(advertisingData, copy, length);
            StartedFrames.Add(copy);
            Advertising = true;
            Overlapped |= Scanning;
            return true;
        }

        public void Stop()
        {
            Advertising = false;
        }

        public void StartWindow()
        {
            ScanWindows++;
            Scanning = true;
            Overlapped |= Advertising;
        }

        public void StopWindow()
        {
            Scanning = false;
        }
    }
}
