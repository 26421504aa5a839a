using Beacons.Shared.Common;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// The loader's A/B decision: which app bundle slot (A or B on I:\) to load at boot, the probation of a newly
    /// staged bundle, and the fallback when it never proves healthy. The state is one small file written atomically
    /// (<see cref="IStorage.WriteText"/>: a power cut leaves the old or the new state), so every decision survives any
    /// reset.
    /// </summary>
    /// <remarks>
    /// <para>A staged bundle runs on <b>probation</b>: each boot of it counts an attempt before the app starts. The app
    /// confirms health (<see cref="Confirm"/>: broker connected, loop running, no loop faults) and the bundle becomes the
    /// active one. A boot that finds <see cref="MaxTrialBoots"/> attempts already spent without a confirmation (a crash
    /// loop, a hang the watchdog reset, a bundle that never connects) marks the bundle failed and boots the previous
    /// one. Two attempts, not one, so a single power cut during probation does not condemn a good bundle.</para>
    /// <para>A failed bundle is never retried automatically: its sequence number is remembered (the last
    /// <see cref="MaxFailed"/>) and <see cref="Stage"/> refuses it; a fix ships under a new sequence number. Sequence
    /// numbers only go up: a bundle at or below the active one is refused (no silent downgrade).</para>
    /// </remarks>
    public sealed class BootSelector
    {
        /// <summary>The state file on the node's storage.</summary>
        public const string FileName = "boot-slots.txt";

        /// <summary>Boots a bundle on probation gets before it is declared failed.</summary>
        public const int MaxTrialBoots = 2;

        /// <summary>Failed bundle sequence numbers remembered.</summary>
        public const int MaxFailed = 8;

        /// <summary>Slot names: the two bundle folders on I:\.</summary>
        public const string SlotA = "A";
        public const string SlotB = "B";

        private const long NoSeq = -1;

        private readonly IStorage _storage;
        private readonly long[] _failed = new long[MaxFailed];
        private int _failedCount;
        private int _failedNext;
        private string _activeSlot;
        private long _activeSeq = NoSeq;
        private string _trialSlot;
        private long _trialSeq = NoSeq;
        private int _attempts;
        private bool _runningTrial;

        /// <param name="storage">The node's flash (null: state in RAM only, for tools and tests).</param>
        public BootSelector(IStorage storage)
        {
            _storage = storage;
            Load();
        }

        /// <summary>Slot of the confirmed bundle, or null before the first bundle is installed.</summary>
        public string ActiveSlot
        {
            get { return _activeSlot; }
        }

        /// <summary>Sequence number of the confirmed bundle (-1 when none).</summary>
        public long ActiveSeq
        {
            get { return _activeSeq; }
        }

        /// <summary>Slot of the bundle on probation or staged for it, or null.</summary>
        public string TrialSlot
        {
            get { return _trialSlot; }
        }

        /// <summary>Sequence number of the staged or probation bundle (-1 when none).</summary>
        public long TrialSeq
        {
            get { return _trialSeq; }
        }

        /// <summary>Boots of the trial bundle so far.</summary>
        public int TrialAttempts
        {
            get { return _attempts; }
        }

        /// <summary>Whether this boot runs the bundle on probation (the app must <see cref="Confirm"/>).</summary>
        public bool OnProbation
        {
            get { return _runningTrial; }
        }

        /// <summary>Why the last boot fell back, or null (for status: <c>update</c> state "rolled-back").</summary>
        public string LastRollback { get; private set; }

        /// <summary>Whether the bundle with <paramref name="seq"/> failed before (it is never retried automatically).</summary>
        public bool HasFailed(long seq)
        {
            for (int i = 0; i < _failedCount; i++)
            {
                if (_failed[i] == seq)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The slot a new bundle is written to: the one that is not active (A when nothing is).</summary>
        public string FreeSlot
        {
            get { return _activeSlot == SlotA ? SlotB : SlotA; }
        }

        /// <summary>
        /// The loader's call at boot: returns the slot to load, or null when no bundle is installed (the loader then
        /// stays in its own safe mode). Counts a probation attempt before returning the trial slot, and falls back to
        /// the active slot once the trial has spent its attempts.
        /// </summary>
        public string SelectForBoot()
        {
            _runningTrial = false;
            LastRollback = null;
            if (_trialSlot != null)
            {
                if (_attempts >= MaxTrialBoots)
                {
                    LastRollback = "bundle " + _trialSeq + " was not confirmed healthy in " + MaxTrialBoots + " boots";
                    MarkFailed(_trialSeq);
                    ClearTrial();
                    Save();
                    return _activeSlot;
                }

                _attempts++;
                _runningTrial = true;
                Save();
                return _trialSlot;
            }

            return _activeSlot;
        }

        /// <summary>
        /// A downloaded, verified bundle in <see cref="FreeSlot"/> becomes the trial for the next boot. Returns null
        /// when staged, else the one-line reason it is refused (a failed bundle, not newer than the active one, the
        /// active slot).
        /// </summary>
        public string Stage(string slot, long seq)
        {
            if (slot != SlotA && slot != SlotB)
            {
                return "slot must be A or B";
            }

            if (slot == _activeSlot)
            {
                return "slot " + slot + " holds the running bundle";
            }

            if (seq <= _activeSeq)
            {
                return "bundle " + seq + " is not newer than the active bundle " + _activeSeq;
            }

            if (HasFailed(seq))
            {
                return "bundle " + seq + " failed on this node before; publish a fix under a new sequence number";
            }

            _trialSlot = slot;
            _trialSeq = seq;
            _attempts = 0;
            Save();
            return null;
        }

        /// <summary>
        /// The app's health confirmation during probation: the trial becomes the active bundle. Does nothing outside
        /// probation (a confirmation of the already active bundle).
        /// </summary>
        public void Confirm()
        {
            if (!_runningTrial || _trialSlot == null)
            {
                return;
            }

            _activeSlot = _trialSlot;
            _activeSeq = _trialSeq;
            ClearTrial();
            _runningTrial = false;
            Save();
        }

        /// <summary>
        /// The loader could not use the selected trial bundle (a file's MAC, the manifest's signature or the load
        /// failed): it is failed at once, without spending its attempts. Returns the slot to load instead.
        /// </summary>
        public string Reject(string reason)
        {
            if (_trialSlot == null || !_runningTrial)
            {
                return _activeSlot;
            }

            LastRollback = "bundle " + _trialSeq + " rejected: " + reason;
            MarkFailed(_trialSeq);
            ClearTrial();
            _runningTrial = false;
            Save();
            return _activeSlot;
        }

        /// <summary>
        /// The app's call at start-up, in a bundle the loader booted: whether this boot runs the trial (the loader's
        /// <see cref="SelectForBoot"/> counted an attempt for it; the count is on flash). Makes <see cref="Confirm"/>
        /// work in the app's own selector, which cannot share the loader's object.
        /// </summary>
        public bool ResumeProbation()
        {
            _runningTrial = _trialSlot != null && _attempts >= 1;
            return _runningTrial;
        }

        private void ClearTrial()
        {
            _trialSlot = null;
            _trialSeq = NoSeq;
            _attempts = 0;
        }

        private void MarkFailed(long seq)
        {
            if (seq == NoSeq || HasFailed(seq))
            {
                return;
            }

            _failed[_failedNext] = seq;
            _failedNext = (_failedNext + 1) % MaxFailed;
            if (_failedCount < MaxFailed)
            {
                _failedCount++;
            }
        }

        // Format, one line: active=A:41;trial=B:42:1;failed=40,39 (any part may be missing).
        private void Save()
        {
            if (_storage == null)
            {
                return;
            }

            string text = "active=" + (_activeSlot == null ? "" : _activeSlot + ":" + _activeSeq)
                + ";trial=" + (_trialSlot == null ? "" : _trialSlot + ":" + _trialSeq + ":" + _attempts)
                + ";failed=";
            for (int i = 0; i < _failedCount; i++)
            {
                text += (i == 0 ? "" : ",") + _failed[i];
            }

            _storage.WriteText(FileName, text);
        }

        private void Load()
        {
            string text = _storage == null ? null : _storage.ReadText(FileName);
            if (text == null)
            {
                return;
            }

            // A damaged file keeps whatever parts parse: a lost trial is harmless (the active bundle boots), a lost
            // failed list only allows a retry the ops tool would still see as a rollback.
            string[] parts = text.Trim().Split(';');
            for (int p = 0; p < parts.Length; p++)
            {
                string part = parts[p];
                int eq = part.IndexOf('=');
                if (eq < 0)
                {
                    continue;
                }

                string key = part.Substring(0, eq);
                string[] v = part.Substring(eq + 1).Split(part.StartsWith("failed") ? ',' : ':');
                if (key == "active" && v.Length == 2 && IsSlot(v[0]))
                {
                    long seq;
                    if (TryLong(v[1], out seq))
                    {
                        _activeSlot = v[0];
                        _activeSeq = seq;
                    }
                }
                else if (key == "trial" && v.Length == 3 && IsSlot(v[0]))
                {
                    long seq;
                    long attempts;
                    if (TryLong(v[1], out seq) && TryLong(v[2], out attempts) && attempts >= 0 && attempts <= MaxTrialBoots)
                    {
                        _trialSlot = v[0];
                        _trialSeq = seq;
                        _attempts = (int)attempts;
                    }
                }
                else if (key == "failed")
                {
                    for (int i = 0; i < v.Length; i++)
                    {
                        long seq;
                        if (TryLong(v[i], out seq))
                        {
                            MarkFailed(seq);
                        }
                    }
                }
            }

            if (_trialSlot != null && _trialSlot == _activeSlot)
            {
                ClearTrial();
            }
        }

        private static bool IsSlot(string s)
        {
            return s == SlotA || s == SlotB;
        }

        private static bool TryLong(string s, out long value)
        {
            return long.TryParse(s, out value) && value >= 0;
        }
    }
}
