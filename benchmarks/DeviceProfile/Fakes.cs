using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using Beacons.Shared.Messaging;
using Beacons.Shared.Proximity;

namespace Beacons.DeviceProfile
{
    /// <summary>
    /// The node's flash as the profile sees it: device.json is there, everything written goes to "flash" (counted,
    /// not kept), so no file content stays in the managed heap — as on the device, where I:\ is littlefs, not RAM.
    /// </summary>
    public sealed class FlashStub : IStorage
    {
        private readonly string _deviceJson;

        public FlashStub(string deviceJson)
        {
            _deviceJson = deviceJson;
        }

        /// <summary>Characters written or appended (journal records, boot counter, last-good copy).</summary>
        public long WrittenChars { get; private set; }

        public string ReadText(string name)
        {
            return name == ConfigStore.ConfigFile ? _deviceJson : null;
        }

        public void WriteText(string name, string text)
        {
            WrittenChars += text.Length;
        }

        public void AppendText(string name, string text)
        {
            WrittenChars += text.Length;
        }

        public bool Exists(string name)
        {
            return name == ConfigStore.ConfigFile;
        }

        public void Delete(string name)
        {
        }
    }

    /// <summary>
    /// A broker connection that takes every message (QoS 1 ids from 1) and acknowledges the oldest unacknowledged ones
    /// when asked, like a healthy broker a little behind. <see cref="Connected"/> false = broker outage.
    /// </summary>
    public sealed class AckingTransport : IMessageTransport
    {
        private readonly int[] _pending = new int[64];
        private int _pendingCount;
        private int _nextId = 1;
        private ITransportListener _listener;

        public bool Connected = true;

        public long Published { get; private set; }

        public long PayloadBytes { get; private set; }

        public bool IsConnected
        {
            get { return Connected; }
        }

        public int Publish(string topic, byte[] payload, bool atLeastOnce, bool retain)
        {
            if (!Connected || (atLeastOnce && _pendingCount == _pending.Length))
            {
                return -1;
            }

            Published++;
            PayloadBytes += payload.Length;
            if (!atLeastOnce)
            {
                return 0;
            }

            int id = _nextId++;
            if (_nextId > 65535)
            {
                _nextId = 1;
            }

            _pending[_pendingCount++] = id;
            return id;
        }

        public void SetListener(ITransportListener listener)
        {
            _listener = listener;
        }

        /// <summary>Acknowledges every message published so far (PUBACKs arriving).</summary>
        public void AckAll()
        {
            int n = _pendingCount;
            _pendingCount = 0;
            for (int i = 0; i < n; i++)
            {
                _listener.OnDelivered(_pending[i]);
            }
        }
    }

    /// <summary>The BLE publisher: takes every frame, counts starts.</summary>
    public sealed class NullAdvertiser : IAdvertiser
    {
        public long Starts { get; private set; }

        public long Bytes { get; private set; }

        public bool Start(byte[] advertisingData, int length)
        {
            Starts++;
            Bytes += length;
            return true;
        }

        public void Stop()
        {
        }

        public void LeaveServerMode()
        {
        }
    }

    /// <summary>The BLE watcher's windows: a window start is a new scan session for the tracker, as BleWatcherScanner does.</summary>
    public sealed class ScanWindowStub : IScanWindow
    {
        private readonly ProximityTracker _tracker;

        public ScanWindowStub(ProximityTracker tracker)
        {
            _tracker = tracker;
        }

        public long NowMs;

        public bool Scanning { get; private set; }

        public long Windows { get; private set; }

        public void StartWindow()
        {
            _tracker.BeginWindow(NowMs);
            Scanning = true;
            Windows++;
        }

        public void StopWindow()
        {
            Scanning = false;
        }

        public void LeaveClientMode()
        {
            StopWindow();
        }
    }
}
