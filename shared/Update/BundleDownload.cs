using System;
using System.Text;
using Beacons.Shared.Common;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// The node's side of a bundle delivery over MQTT (docs/mqtt.md, "Bundle delivery"): a signed <c>update</c> command
    /// starts it, the manifest and then one chunk at a time are fetched by subscribing to their retained topics, each
    /// chunk's MAC is checked before it is appended to <c>dl-&lt;file&gt;.part</c> on flash, and <c>dl-progress.txt</c>
    /// records the next chunk wanted, so a reboot or a lost connection resumes where it stopped. After the last chunk
    /// every file is verified whole, moved into the free slot and staged with <see cref="BootSelector.Stage"/>; the
    /// node then reboots into it (<see cref="RebootRequested"/>). Hardware-free and single-threaded except
    /// <see cref="Offer"/>, which the MQTT receive thread calls: it only parks the one payload in flight.
    /// </summary>
    public sealed class BundleDownload
    {
        public const string ProgressFile = "dl-progress.txt";
        public const string ManifestFile = "dl-manifest.json";

        /// <summary>The last bundle this node staged (<c>seq=42</c>): what the next boots report on.</summary>
        public const string LastFile = "update-last.txt";

        /// <summary>Subscriptions a chunk (or the manifest) gets: a bad MAC or a silent 30 s each spends one.</summary>
        public const int MaxTries = 3;

        /// <summary>Wait after a bad chunk before subscribing again (the release tool may republish it meanwhile).</summary>
        public const int RetryDelayMs = 10000;

        /// <summary>How long a subscription waits for its retained message before it counts as a try.</summary>
        public const int ArrivalTimeoutMs = 30000;

        /// <summary>Largest manifest envelope accepted, bytes.</summary>
        public const int MaxManifestBytes = 4096;

        private const int Idle = 0;
        private const int Manifest = 1;
        private const int Chunks = 2;
        private const int Finish = 3;
        private const int Done = 4;

        private readonly IStorage _storage;
        private readonly IBlobStorage _blobs;
        private readonly BootSelector _selector;
        private readonly byte[] _key;
        private readonly string _fwPrefix;
        private readonly IChunkLink _link;
        private readonly object _gate = new object();
        private int _phase = Idle;
        private BundleManifest _manifest;
        private int _file;
        private int _chunk;
        private string _wanted;
        private byte[] _pendingPayload;
        private bool _subscribed;
        private long _subscribedAtMs;
        private long _retryAtMs;
        private int _tries;
        private int _flashFaults;
        private bool _resync;
        private int _reportedDecile;

        /// <param name="releaseKey">The store's release key, or null: every update is refused.</param>
        /// <param name="fwPrefix"><c>&lt;prefix&gt;/&lt;store&gt;/fw/</c>.</param>
        public BundleDownload(IStorage storage, IBlobStorage blobs, BootSelector selector, byte[] releaseKey, string fwPrefix, IChunkLink link)
        {
            _storage = storage;
            _blobs = blobs;
            _selector = selector;
            _key = releaseKey;
            _fwPrefix = fwPrefix;
            _link = link;
            State = UpdateState.Idle;
            RunningSeq = -1;
        }

        /// <summary>One of the <see cref="UpdateState"/> names, for status.</summary>
        public string State { get; private set; }

        /// <summary>Sequence number the state is about (-1: none).</summary>
        public long Seq { get; private set; } = -1;

        /// <summary>Bytes downloaded, percent of the bundle.</summary>
        public int Percent { get; private set; }

        /// <summary>The last problem (a chunk that failed its MAC, why the update failed), or null.</summary>
        public string Error { get; private set; }

        /// <summary>Chunks dropped for a bad MAC or size since boot.</summary>
        public int BadChunks { get; private set; }

        /// <summary>Set once a bundle is staged: the node should reboot into it.</summary>
        public bool RebootRequested { get; private set; }

        /// <summary>Sequence number of the bundle running now (-1: the factory bundle); updates must be newer.</summary>
        public long RunningSeq { get; set; }

        /// <summary>Free managed heap the loader will have at boot (bytes); a bundle that does not fit is refused.</summary>
        public long BootHeapBytes { get; set; } = long.MaxValue;

        private bool _changed;

        /// <summary>Whether status should be republished (a state change, an error, another 10 % done); clears the flag.</summary>
        public bool TakeChanged()
        {
            bool c = _changed;
            _changed = false;
            return c;
        }

        /// <summary>Sets the state the boot left (probation, confirmed, rolled-back) while no download runs.</summary>
        public void Report(string state, long seq, string error)
        {
            State = state;
            Seq = seq;
            Error = error;
            Percent = state == UpdateState.Idle ? 0 : 100;
            _changed = true;
        }

        /// <summary>
        /// At boot, before any download: reports what became of the bundle this node staged last: on probation now,
        /// confirmed, or rolled back (the loader's reason when it is known, <paramref name="rollbackReason"/>).
        /// </summary>
        public void ReportBoot(string rollbackReason)
        {
            string text = _storage.ReadText(LastFile);
            long seq;
            if (text == null || !text.StartsWith("seq=") || !long.TryParse(text.Substring(4).Trim(), out seq))
            {
                return;
            }

            if (_selector.OnProbation && _selector.TrialSeq == seq)
            {
                Report(UpdateState.Probation, seq, null);
            }
            else if (_selector.ActiveSeq == seq)
            {
                Report(UpdateState.Confirmed, seq, null);
            }
            else if (_selector.HasFailed(seq))
            {
                Report(UpdateState.RolledBack, seq, rollbackReason != null ? rollbackReason
                    : "bundle " + seq + " did not prove healthy; the previous bundle runs");
            }
            else if (_selector.TrialSeq == seq)
            {
                Report(UpdateState.Staged, seq, null);
            }
        }

        /// <summary>
        /// The <c>update</c> command: returns null when the download of <paramref name="seq"/> is started (or already
        /// running), else the one-line reason it is refused.
        /// </summary>
        public string Start(long seq)
        {
            if (_key == null || _key.Length < 16)
            {
                return "no release key is provisioned on this device";
            }

            if (_phase != Idle)
            {
                return _phase == Done ? "bundle " + Seq + " is staged: the node reboots into it"
                    : seq == Seq ? null : "update " + Seq + " is in progress";
            }

            if (seq <= RunningSeq || seq <= _selector.ActiveSeq)
            {
                return "bundle " + seq + " is not newer than the running bundle " + (RunningSeq > _selector.ActiveSeq ? RunningSeq : _selector.ActiveSeq);
            }

            if (_selector.HasFailed(seq))
            {
                return "bundle " + seq + " failed on this node before; publish a fix under a new sequence number";
            }

            _storage.Delete(ManifestFile);
            Begin(seq, Manifest, 0, 0);
            WriteProgress();
            return null;
        }

        /// <summary>
        /// At boot: continues a download <c>dl-progress.txt</c> describes. A part whose length is not exactly the chunks
        /// recorded (a power cut mid-append) is deleted and its file starts over.
        /// </summary>
        public void Resume()
        {
            string text = _storage.ReadText(ProgressFile);
            long seq;
            int file;
            int chunk;
            if (text == null || !ParseProgress(text, out seq, out file, out chunk))
            {
                return;
            }

            if (seq == _selector.TrialSeq || seq <= _selector.ActiveSeq || _selector.HasFailed(seq) || _key == null)
            {
                // Staged before the power went, or overtaken: nothing left to fetch.
                Clear(null);
                return;
            }

            string manifest = _storage.ReadText(ManifestFile);
            string error;
            _manifest = manifest == null ? null : BundleManifest.Open(Encoding.UTF8.GetBytes(manifest), _key, out error);
            if (_manifest == null || _manifest.Seq != seq)
            {
                Begin(seq, Manifest, 0, 0);
                return;
            }

            if (file >= _manifest.FileCount)
            {
                Begin(seq, Finish, _manifest.FileCount, 0);
                return;
            }

            for (int i = 0; i < file; i++)
            {
                if (_blobs.Length(Part(i)) != _manifest.FileSize(i))
                {
                    file = 0;
                    chunk = 0;
                    DeleteParts(0);
                    break;
                }
            }

            if (_blobs.Length(Part(file)) != (long)chunk * _manifest.ChunkBytes && !(chunk == 0 && !_blobs.Exists(Part(file))))
            {
                _blobs.Delete(Part(file));
                chunk = 0;
            }

            DeleteParts(file + 1);
            Begin(seq, Chunks, file, chunk);
            WriteProgress();
        }

        /// <summary>An inbound message (MQTT receive thread). Returns whether it was a bundle topic (consumed).</summary>
        public bool Offer(string topic, byte[] payload)
        {
            if (topic == null || !topic.StartsWith(_fwPrefix))
            {
                return false;
            }

            lock (_gate)
            {
                if (_wanted != null && topic == _wanted && _pendingPayload == null)
                {
                    _pendingPayload = payload;
                }
            }

            return true;
        }

        /// <summary>One step on the main loop: (re)subscribes, handles the payload that arrived, finishes the bundle.</summary>
        public void Tick(long nowMs, bool connected)
        {
            if (_phase == Finish)
            {
                FinishBundle();
                return;
            }

            if (_phase != Manifest && _phase != Chunks)
            {
                return;
            }

            if (!connected)
            {
                // The session's subscriptions died with it: pause, subscribe again after the reconnect.
                _subscribed = false;
                return;
            }

            if (_resync)
            {
                _resync = false;
                _blobs.Delete(Part(_file));
                if (_flashFaults >= MaxTries)
                {
                    Fail(Error + " (" + MaxTries + " tries)");
                    return;
                }

                Begin(Seq, Chunks, _file, 0);
                WriteProgress();
            }

            byte[] payload = TakePending();
            if (payload != null)
            {
                Unsubscribe();
                if (_phase == Manifest)
                {
                    OnManifest(payload);
                }
                else
                {
                    OnChunk(payload, nowMs);
                }

                return;
            }

            if (_subscribed && nowMs - _subscribedAtMs >= ArrivalTimeoutMs)
            {
                Unsubscribe();
                if (Spend(nowMs, (_phase == Manifest ? "manifest" : "chunk " + _file + "/" + _chunk) + ": not received within " + (ArrivalTimeoutMs / 1000) + " s", 0))
                {
                    return;
                }
            }

            if (!_subscribed && nowMs >= _retryAtMs && _link.Subscribe(_wanted))
            {
                _subscribed = true;
                _subscribedAtMs = nowMs;
            }
        }

        private void OnManifest(byte[] payload)
        {
            string error = "manifest: larger than " + MaxManifestBytes + " bytes";
            BundleManifest m = payload.Length > MaxManifestBytes ? null : BundleManifest.Open(payload, _key, out error);

            if (m == null)
            {
                Fail(error);
                return;
            }

            if (m.Seq != Seq)
            {
                Fail("manifest: seq " + m.Seq + " published under fw/" + Seq);
                return;
            }

            string fits = m.CheckFits(BootHeapBytes);
            if (fits != null)
            {
                Fail(fits);
                return;
            }

            _manifest = m;
            _storage.WriteText(ManifestFile, Encoding.UTF8.GetString(payload, 0, payload.Length));
            DeleteParts(0);
            Begin(Seq, Chunks, 0, 0);
            WriteProgress();
        }

        private void OnChunk(byte[] payload, long nowMs)
        {
            int dataBytes = ChunkDataBytes(_file, _chunk);
            if (!BundleChunk.Verify(_key, Seq, _file, _chunk, payload, dataBytes))
            {
                BadChunks++;
                Spend(nowMs, "chunk " + _file + "/" + _chunk + ": bad MAC", RetryDelayMs);
                return;
            }

            try
            {
                _blobs.Append(Part(_file), payload, BundleChunk.MacBytes, dataBytes);
            }
            catch (Exception ex)
            {
                // A full or failing flash: the part's length is unknown now, so the next tick starts the file over
                // (bounded). Nothing else is written here: after a real power cut nothing more would run.
                _flashFaults++;
                _resync = true;
                SetError("flash: " + ex.Message);
                return;
            }

            _chunk++;
            if (_chunk >= _manifest.ChunkCount(_file))
            {
                _file++;
                _chunk = 0;
            }

            Begin(Seq, _file >= _manifest.FileCount ? Finish : Chunks, _file, _chunk);
            WriteProgress();
        }

        /// <summary>Verifies every file whole, moves it into the free slot, stages the bundle.</summary>
        private void FinishBundle()
        {
            string slot = _selector.FreeSlot;
            for (int i = 0; i < _manifest.FileCount; i++)
            {
                string target = BundleBoot.FileName(slot, _manifest.FileName(i));
                string from = _blobs.Exists(Part(i)) ? Part(i) : target;
                byte[] bytes = _blobs.ReadAll(from);
                if (!_manifest.VerifyFile(i, bytes, _key))
                {
                    Fail("verify: " + _manifest.FileName(i) + " does not match the manifest");
                    return;
                }

                bytes = null;
                if (from != target)
                {
                    _blobs.Move(from, target);
                }
            }

            _storage.WriteText(BundleBoot.ManifestName(slot), _storage.ReadText(ManifestFile));
            _storage.WriteText(LastFile, "seq=" + Seq);
            string refused = _selector.Stage(slot, Seq);
            if (refused != null)
            {
                Fail(refused);
                return;
            }

            _storage.Delete(ProgressFile);
            _storage.Delete(ManifestFile);
            _phase = Done;
            Percent = 100;
            SetState(UpdateState.Staged, null);
            RebootRequested = true;
        }

        // Spends one try of the current chunk; returns true when the budget is gone and the update failed.
        private bool Spend(long nowMs, string problem, int delayMs)
        {
            _tries++;
            if (_tries >= MaxTries)
            {
                Fail(problem + " (" + MaxTries + " tries)");
                return true;
            }

            SetError(problem + " (try " + _tries + " of " + MaxTries + ")");
            _retryAtMs = nowMs + delayMs;
            return false;
        }

        private void Begin(long seq, int phase, int file, int chunk)
        {
            _phase = phase;
            Seq = seq;
            _file = file;
            _chunk = chunk;
            _tries = 0;
            _retryAtMs = 0;
            string wanted = phase == Manifest ? BundleChunk.ManifestTopic(_fwPrefix, seq)
                : phase == Chunks ? BundleChunk.Topic(_fwPrefix, seq, file, chunk) : null;
            lock (_gate)
            {
                _wanted = wanted;
                _pendingPayload = null;
            }

            UpdatePercent();
            if (State != UpdateState.Downloading)
            {
                SetState(UpdateState.Downloading, null);
            }
        }

        private void UpdatePercent()
        {
            long total = _manifest == null || _phase == Manifest ? 0 : _manifest.TotalBytes;
            long done = 0;
            for (int i = 0; total > 0 && i < _file && i < _manifest.FileCount; i++)
            {
                done += _manifest.FileSize(i);
            }

            if (total > 0 && _file < _manifest.FileCount)
            {
                done += (long)_chunk * _manifest.ChunkBytes;
            }

            Percent = total <= 0 ? 0 : (int)(done * 100 / total);
            if (Percent / 10 != _reportedDecile)
            {
                _reportedDecile = Percent / 10;
                _changed = true;
            }
        }

        private void Fail(string error)
        {
            Clear(error);
        }

        private void Clear(string error)
        {
            Unsubscribe();
            if (_manifest != null)
            {
                DeleteParts(0);
            }

            _storage.Delete(ProgressFile);
            _storage.Delete(ManifestFile);
            _phase = Idle;
            _manifest = null;
            lock (_gate)
            {
                _wanted = null;
                _pendingPayload = null;
            }

            if (error != null)
            {
                SetState(UpdateState.Failed, error);
            }
        }

        private void SetState(string state, string error)
        {
            State = state;
            Error = error;
            _changed = true;
        }

        private void SetError(string error)
        {
            Error = error;
            _changed = true;
        }

        private void Unsubscribe()
        {
            if (_subscribed && _wanted != null)
            {
                _link.Unsubscribe(_wanted);
            }

            _subscribed = false;
        }

        private byte[] TakePending()
        {
            lock (_gate)
            {
                byte[] p = _pendingPayload;
                _pendingPayload = null;
                return p;
            }
        }

        private int ChunkDataBytes(int file, int chunk)
        {
            int rest = _manifest.FileSize(file) - (chunk * _manifest.ChunkBytes);
            return rest < _manifest.ChunkBytes ? rest : _manifest.ChunkBytes;
        }

        private string Part(int file)
        {
            return "dl-" + _manifest.FileName(file) + ".part";
        }

        private void DeleteParts(int from)
        {
            for (int i = from; i < _manifest.FileCount; i++)
            {
                _blobs.Delete(Part(i));
            }
        }

        private void WriteProgress()
        {
            _storage.WriteText(ProgressFile, "seq=" + Seq + ";file=" + _file + ";chunk=" + _chunk);
        }

        private static bool ParseProgress(string text, out long seq, out int file, out int chunk)
        {
            seq = -1;
            file = -1;
            chunk = -1;
            string[] parts = text.Trim().Split(';');
            for (int i = 0; i < parts.Length; i++)
            {
                int eq = parts[i].IndexOf('=');
                long v;
                if (eq < 0 || !long.TryParse(parts[i].Substring(eq + 1), out v) || v < 0 || v > 2000000000)
                {
                    return false;
                }

                string key = parts[i].Substring(0, eq);
                if (key == "seq")
                {
                    seq = v;
                }
                else if (key == "file")
                {
                    file = (int)v;
                }
                else if (key == "chunk")
                {
                    chunk = (int)v;
                }
            }

            return seq > 0 && file >= 0 && chunk >= 0;
        }
    }
}
