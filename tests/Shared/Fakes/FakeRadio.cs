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

        /// <summary>Whether the stack is in advertising (server) mode: from a Start until Release.</summary>
        public bool ServerMode { get; private set; }

        /// <summary>Whether the stack is in scanning (client) mode: from a window start until Release.</summary>
        public bool ClientMode { get; private set; }

        /// <summary>Stack mode changes (server on, server off, client on, client off): each a NimBLE restart on the device.</summary>
        public int ModeSwitches { get; private set; }

        /// <summary>Scan windows started while the stack was still in server mode (the device throws).</summary>
        public int ModeConflicts { get; private set; }

        public bool Start(byte[] advertisingData, int length)
        {
            if (Scanning || ClientMode)
            {
                ModeConflicts++;
            }

            if (!ServerMode)
            {
                ServerMode = true;
                ModeSwitches++;
            }

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

        public void LeaveServerMode()
        {
            Advertising = false;
            if (ServerMode)
            {
                ServerMode = false;
                ModeSwitches++;
            }
        }

        public void StartWindow()
        {
            if (ServerMode)
            {
                ModeConflicts++;
            }

            if (!ClientMode)
            {
                ClientMode = true;
                ModeSwitches++;
            }

            ScanWindows++;
            Scanning = true;
            Overlapped |= Advertising;
        }

        public void StopWindow()
        {
            Scanning = false;
        }

        public void LeaveClientMode()
        {
            Scanning = false;
            if (ClientMode)
            {
                ClientMode = false;
                ModeSwitches++;
            }
        }
    }
}
