using Beacons.Shared.Common;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// The persisted boot counter and the reason for the last reset. Consumers use <c>boot</c> with the per-boot
    /// <c>seq</c> to tell a reboot (seq restarts, boot grows) from lost messages (a gap in seq within one boot). The
    /// firmware records the reason of a reboot it decides itself (a command, a config change) before rebooting; any
    /// other start is reported as power-on (a brown-out, a crash and a watchdog reset look alike from managed code).
    /// One small write per boot keeps flash wear negligible.
    /// </summary>
    public sealed class BootRecord
    {
        public const string CounterFile = "boot.txt";
        public const string PendingReasonFile = "reset-reason.txt";

        private readonly IStorage _storage;

        public BootRecord(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>This boot's number, starting at 1 on a fresh device.</summary>
        public long Boot { get; private set; }

        /// <summary>power-on, or the reason recorded by <see cref="RecordPlannedReset"/> before the last reset.</summary>
        public string ResetReason { get; private set; }

        /// <summary>Counts this boot and reads why it happened. Storage failures leave boot 0 rather than stopping boot.</summary>
        public void Start()
        {
            long previous = 0;
            string text = _storage.ReadText(CounterFile);
            if (text != null)
            {
                long parsed;
                if (long.TryParse(text.Trim(), out parsed) && parsed >= 0)
                {
                    previous = parsed;
                }
            }

            Boot = previous + 1;
            string reason = _storage.ReadText(PendingReasonFile);
            ResetReason = reason == null || reason.Length == 0 ? "power-on" : reason;
            try
            {
                _storage.WriteText(CounterFile, Boot.ToString());
                if (reason != null)
                {
                    _storage.Delete(PendingReasonFile);
                }
            }
            catch (System.Exception)
            {
                Boot = 0;
            }
        }

        /// <summary>Records why the node is about to reset itself, for the next boot's status message.</summary>
        public void RecordPlannedReset(string reason)
        {
            try
            {
                _storage.WriteText(PendingReasonFile, reason);
            }
            catch (System.Exception)
            {
                // Losing the reason only makes the next boot say power-on.
            }
        }
    }
}
