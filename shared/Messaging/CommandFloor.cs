using System;
using Beacons.Shared.Common;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The replay floor that survives reboots: the newest <c>ts</c> of any accepted command, kept on flash. After a
    /// boot, a command signed at or before it is a replay (the nonce memory of <see cref="CommandAuthenticator"/> lives
    /// in RAM and starts empty), so a captured or retained command cannot be replayed within the ±300 s skew window
    /// after a reboot. Wear: one small write per accepted command with a newer second, and only a correctly signed
    /// command gets that far, so nobody without the command key can make the node write.
    /// </summary>
    public sealed class CommandFloor
    {
        public const string FileName = "cmd-floor.txt";

        private readonly IStorage _storage;
        private readonly long _bootFloorTs;
        private long _storedTs;

        /// <param name="storage">The node's flash; null keeps the floor in RAM only (tests, tools).</param>
        public CommandFloor(IStorage storage)
        {
            _storage = storage;
            _bootFloorTs = Load(storage);
            _storedTs = _bootFloorTs;
        }

        /// <summary>Commands with <c>ts</c> at or below this were accepted before the boot: replays.</summary>
        public long BootFloorTs
        {
            get { return _bootFloorTs; }
        }

        /// <summary>
        /// Records an accepted command before it acts. Throws when the flash cannot take the write: the command must
        /// then be refused, or a reboot would make it replayable.
        /// </summary>
        public void Accept(long ts)
        {
            if (ts <= _storedTs)
            {
                return;
            }

            if (_storage != null)
            {
                _storage.WriteText(FileName, ts.ToString());
            }

            _storedTs = ts;
        }

        // Unreadable or damaged content counts as "no command yet": refusing every command forever would lock ops out
        // of the node, and the worst case is the ±300 s window that existed before this floor.
        private static long Load(IStorage storage)
        {
            string text = storage == null ? null : storage.ReadText(FileName);
            if (text == null)
            {
                return 0;
            }

            text = text.Trim();
            if (text.Length == 0 || text.Length > 19)
            {
                return 0;
            }

            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                value = (value * 10) + (c - '0');
            }

            return value < 0 ? 0 : value;
        }
    }
}
