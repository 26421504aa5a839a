using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using Beacons.Tests.Fakes;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Update
{
    /// <summary>
    /// The node's download of a bundle over retained MQTT topics: a fake broker holds the retained manifest and chunks
    /// and delivers one when it is subscribed, as mosquitto does. A new download over the same storage stands for the
    /// next boot.
    /// </summary>
    [TestClass]
    public class BundleDownloadTests
    {
        private const string Prefix = "retail/v1/s001/fw/";
        private const int Chunk = 256;
        private static readonly byte[] Key = Hex.TryDecode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

        private static byte[] Bytes(int count, int seed)
        {
            var b = new byte[count];
            for (int i = 0; i < count; i++)
            {
                b[i] = (byte)((i * 31) + seed);
            }

            return b;
        }

        private static readonly byte[] SharedPe = Bytes(700, 1);
        private static readonly byte[] AppPe = Bytes(300, 7);

        private static string FileEntry(string name, byte[] bytes)
        {
            return "{\"name\":\"" + name + "\",\"size\":" + bytes.Length + ",\"mac\":\"" + Hex.Encode(HMACSHA256.HashData(Key, bytes)) + "\"}";
        }

        private static byte[] ManifestEnvelope(long seq, byte[] key)
        {
            string body = "{\"bundle\":\"1.5.0\",\"seq\":" + seq + ",\"entry\":\"Beacons.Firmware\",\"heapKB\":10,\"chunkBytes\":" + Chunk
                + ",\"files\":[" + FileEntry("Beacons.Shared.pe", SharedPe) + "," + FileEntry("Beacons.Firmware.pe", AppPe) + "]}";
            return Encoding.UTF8.GetBytes(SignedEnvelope.Seal(key, body));
        }

        /// <summary>Publishes a bundle's retained topics as the release tool does.</summary>
        private static FakeBroker Published(long seq)
        {
            var broker = new FakeBroker();
            broker.Retained[BundleChunk.ManifestTopic(Prefix, seq)] = ManifestEnvelope(seq, Key);
            PublishFile(broker, seq, 0, SharedPe);
            PublishFile(broker, seq, 1, AppPe);
            return broker;
        }

        private static void PublishFile(FakeBroker broker, long seq, int file, byte[] bytes)
        {
            for (int c = 0; c * Chunk < bytes.Length; c++)
            {
                int n = bytes.Length - (c * Chunk) < Chunk ? bytes.Length - (c * Chunk) : Chunk;
                broker.Retained[BundleChunk.Topic(Prefix, seq, file, c)] = BundleChunk.Seal(Key, seq, file, c, bytes, c * Chunk, n);
            }
        }

        private static BundleDownload Node(MemoryStorage flash, FakeBroker broker, byte[] key)
        {
            var d = new BundleDownload(flash, flash, new BootSelector(flash), key, Prefix, broker);
            broker.Target = d;
            return d;
        }

        /// <summary>Ticks every 100 ms until the state is <paramref name="until"/> or the ticks run out; returns the time.</summary>
        private static long Run(BundleDownload d, long nowMs, string until, int maxTicks)
        {
            for (int i = 0; i < maxTicks && d.State != until; i++)
            {
                d.Tick(nowMs, true);
                nowMs += 100;
            }

            return nowMs;
        }

        private static void AssertStaged(MemoryStorage flash, BundleDownload d, long seq)
        {
            Assert.AreEqual(UpdateState.Staged, d.State, d.Error);
            Assert.IsTrue(d.RebootRequested);
            var next = new BootSelector(flash);
            Assert.AreEqual(seq, next.TrialSeq);
            string slot = next.TrialSlot;
            AssertBytes(SharedPe, flash.ReadAll(slot + "-Beacons.Shared.pe"));
            AssertBytes(AppPe, flash.ReadAll(slot + "-Beacons.Firmware.pe"));
            string error;
            Assert.IsNotNull(BundleManifest.Open(Encoding.UTF8.GetBytes(flash.ReadText(slot + "-manifest.json")), Key, out error), error);
            Assert.IsFalse(flash.Exists(BundleDownload.ProgressFile));
            Assert.IsFalse(flash.Exists("dl-Beacons.Shared.pe.part"));
            Assert.AreEqual(100, d.Percent);
        }

        private static void AssertBytes(byte[] expected, byte[] actual)
        {
            Assert.IsNotNull(actual);
            Assert.AreEqual(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i]);
            }
        }

        [TestMethod]
        public void Download_AllChunksOneAtATime_StagedInTheFreeSlot()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            Assert.AreEqual(UpdateState.Downloading, d.State);
            Assert.IsNull(d.Start(42), "the same update again is accepted (idempotent)");
            Assert.Contains("in progress", d.Start(43));
            Run(d, 0, UpdateState.Staged, 100);
            AssertStaged(flash, d, 42);
            Assert.AreEqual(1 + 3 + 2, broker.Subscriptions, "the manifest, 3 + 2 chunks, each subscribed once");
            Assert.AreEqual(1, broker.MostAtOnce, "one chunk in flight");
            Assert.AreEqual(0, broker.Subscribed.Count, "every subscription ended");
            Assert.IsTrue(d.TakeChanged());
        }

        [TestMethod]
        public void CorruptedChunk_DroppedAndRetriedAfterTheDelay_ThenStaged()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            string topic = BundleChunk.Topic(Prefix, 42, 0, 1);
            var good = (byte[])broker.Retained[topic];
            var bad = (byte[])good.Clone();
            bad[100] ^= 0x01;
            broker.Retained[topic] = bad;
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            long now = 0;
            for (int i = 0; i < 50 && d.BadChunks == 0; i++)
            {
                d.Tick(now, true);
                now += 100;
            }

            Assert.AreEqual(1, d.BadChunks);
            Assert.AreEqual("chunk 0/1: bad MAC (try 1 of 3)", d.Error);
            Assert.AreEqual(0L, flash.Length("dl-Beacons.Shared.pe.part") - Chunk, "the bad chunk never reached flash");
            int subscriptions = broker.Subscriptions;
            d.Tick(now + BundleDownload.RetryDelayMs - 500, true);
            Assert.AreEqual(subscriptions, broker.Subscriptions, "no retry before the delay");

            broker.Retained[topic] = good; // the release tool republished it
            Run(d, now + BundleDownload.RetryDelayMs, UpdateState.Staged, 100);
            AssertStaged(flash, d, 42);
        }

        [TestMethod]
        public void ChunkCorruptedThreeTimes_Failed_NothingStaged()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            string topic = BundleChunk.Topic(Prefix, 42, 1, 0);
            var bad = (byte[])((byte[])broker.Retained[topic]).Clone();
            bad[0] ^= 0x80;
            broker.Retained[topic] = bad;
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            Run(d, 0, UpdateState.Failed, 500);
            Assert.AreEqual(UpdateState.Failed, d.State);
            Assert.AreEqual("chunk 1/0: bad MAC (3 tries)", d.Error);
            Assert.AreEqual(3, d.BadChunks);
            Assert.AreEqual(-1L, new BootSelector(flash).TrialSeq);
            Assert.IsFalse(flash.Exists("dl-Beacons.Shared.pe.part"));
            Assert.IsFalse(flash.Exists(BundleDownload.ProgressFile));
            Assert.IsFalse(d.RebootRequested);
            Assert.IsNull(d.Start(42), "a new command retries the failed download");
        }

        [TestMethod]
        public void ManifestSignedWithAnotherKey_Failed_NoChunkFetched()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            broker.Retained[BundleChunk.ManifestTopic(Prefix, 42)] = ManifestEnvelope(42, Hex.TryDecode("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"));
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            Run(d, 0, UpdateState.Failed, 50);
            Assert.AreEqual(UpdateState.Failed, d.State);
            Assert.AreEqual("manifest: bad signature", d.Error);
            Assert.AreEqual(1, broker.Subscriptions);
        }

        [TestMethod]
        public void ManifestUnderAnotherSeq_Failed()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            broker.Retained[BundleChunk.ManifestTopic(Prefix, 43)] = broker.Retained[BundleChunk.ManifestTopic(Prefix, 42)];
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(43));
            Run(d, 0, UpdateState.Failed, 50);
            Assert.Contains("seq 42", d.Error);
        }

        [TestMethod]
        public void BundleTooBigForTheBootHeap_RefusedBeforeAnyChunk()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            d.BootHeapBytes = 8 * 1024;
            Assert.IsNull(d.Start(42));
            Run(d, 0, UpdateState.Failed, 50);
            Assert.Contains("KB of heap", d.Error);
            Assert.AreEqual(1, broker.Subscriptions);
        }

        [TestMethod]
        public void PowerCutMidAppend_NextBootDeletesThePartialPartAndResumes()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            flash.AppendBudgetBytes = (2 * Chunk) + 100; // the power fails 100 bytes into the third chunk
            long now = 0;
            for (int i = 0; i < 100 && (d.Error == null || !d.Error.StartsWith("flash")); i++)
            {
                d.Tick(now, true);
                now += 100;
            }

            Assert.AreEqual((2L * Chunk) + 100, flash.Length("dl-Beacons.Shared.pe.part"), "the cut append left a prefix");
            Assert.AreEqual("seq=42;file=0;chunk=2", flash.ReadText(BundleDownload.ProgressFile));

            // Power back: the next boot.
            flash.AppendBudgetBytes = -1;
            broker = Published(42);
            BundleDownload next = Node(flash, broker, Key);
            next.Resume();
            Assert.AreEqual(UpdateState.Downloading, next.State);
            Assert.AreEqual(-1L, flash.Length("dl-Beacons.Shared.pe.part"), "the partial part was deleted");
            Run(next, now, UpdateState.Staged, 100);
            AssertStaged(flash, next, 42);
        }

        [TestMethod]
        public void Reboot_MidDownload_ResumesAtTheNextChunk()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            long now = 0;
            for (int i = 0; i < 100 && flash.ReadText(BundleDownload.ProgressFile) != "seq=42;file=1;chunk=0"; i++)
            {
                d.Tick(now, true);
                now += 100;
            }

            broker = Published(42);
            BundleDownload next = Node(flash, broker, Key);
            next.Resume();
            Assert.AreEqual(70, next.Percent);
            Run(next, now, UpdateState.Staged, 100);
            AssertStaged(flash, next, 42);
            Assert.AreEqual(2, broker.Subscriptions, "only the two chunks of the second file were fetched again");
        }

        [TestMethod]
        public void ChunkNeverArrives_ResubscribedEvery30s_ThenFailed()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            broker.Retained.Remove(BundleChunk.Topic(Prefix, 42, 0, 2));
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            long now = Run(d, 0, UpdateState.Failed, 1000);
            Assert.AreEqual(UpdateState.Failed, d.State);
            Assert.AreEqual("chunk 0/2: not received within 30 s (3 tries)", d.Error);
            Assert.AreEqual(1 + 2 + 3, broker.Subscriptions);
            Assert.IsTrue(now >= 3 * BundleDownload.ArrivalTimeoutMs);
        }

        [TestMethod]
        public void BrokerConnectionLost_DownloadPauses_ThenContinues()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            d.Tick(0, true);
            d.Tick(100, true);
            int subscriptions = broker.Subscriptions;
            for (int i = 0; i < 20; i++)
            {
                d.Tick(200 + (i * 100), false);
            }

            Assert.AreEqual(subscriptions, broker.Subscriptions);
            Run(d, 5000, UpdateState.Staged, 100);
            AssertStaged(flash, d, 42);
        }

        [TestMethod]
        public void NotNewerThanTheRunningBundle_Refused()
        {
            var flash = new MemoryStorage();
            var s = new BootSelector(flash);
            Assert.IsNull(s.Stage(s.FreeSlot, 42));
            s = new BootSelector(flash);
            s.SelectForBoot();
            s.Confirm();
            BundleDownload d = Node(flash, Published(42), Key);
            Assert.Contains("not newer", d.Start(42));
            Assert.Contains("not newer", d.Start(7));
            d.RunningSeq = 50;
            Assert.Contains("not newer", d.Start(45));
            Assert.AreEqual(UpdateState.Idle, d.State);
        }

        [TestMethod]
        public void BundleThatFailedBefore_Refused()
        {
            var flash = new MemoryStorage();
            var s = new BootSelector(flash);
            Assert.IsNull(s.Stage(s.FreeSlot, 43));
            s = new BootSelector(flash);
            s.SelectForBoot();
            s.Reject("crashed");
            BundleDownload d = Node(flash, Published(43), Key);
            Assert.Contains("failed on this node before", d.Start(43));
        }

        [TestMethod]
        public void NoReleaseKey_EveryUpdateRefused()
        {
            var flash = new MemoryStorage();
            BundleDownload d = Node(flash, Published(42), null);
            Assert.AreEqual("no release key is provisioned on this device", d.Start(42));
            Assert.IsFalse(flash.Exists(BundleDownload.ProgressFile));
        }

        [TestMethod]
        public void PowerCutAfterTheFilesMoved_NextBootStagesTheBundle()
        {
            var flash = new MemoryStorage();
            FakeBroker broker = Published(42);
            BundleDownload d = Node(flash, broker, Key);
            Assert.IsNull(d.Start(42));
            long now = 0;
            for (int i = 0; i < 100 && flash.ReadText(BundleDownload.ProgressFile) != "seq=42;file=2;chunk=0"; i++)
            {
                d.Tick(now, true);
                now += 100;
            }

            // The switch moved the first file, then the power went.
            flash.Move("dl-Beacons.Shared.pe.part", "A-Beacons.Shared.pe");
            BundleDownload next = Node(flash, broker, Key);
            next.Resume();
            next.Tick(now, true);
            AssertStaged(flash, next, 42);
        }

        [TestMethod]
        public void ChunkCodec_MovedChunk_FailsItsMac()
        {
            byte[] payload = BundleChunk.Seal(Key, 42, 0, 1, SharedPe, Chunk, Chunk);
            Assert.IsTrue(BundleChunk.Verify(Key, 42, 0, 1, payload, Chunk));
            Assert.IsFalse(BundleChunk.Verify(Key, 42, 0, 2, payload, Chunk), "another place");
            Assert.IsFalse(BundleChunk.Verify(Key, 43, 0, 1, payload, Chunk), "another bundle");
            Assert.IsFalse(BundleChunk.Verify(Key, 42, 0, 1, payload, Chunk - 1), "another length");
            Assert.IsFalse(BundleChunk.Verify(Key, 42, 0, 1, new byte[3], 1), "too short");
            Assert.IsFalse(BundleChunk.Verify(Key, 42, 0, 1, null, Chunk));
        }

        /// <summary>Retained messages and subscriptions of a broker; a subscription delivers the retained copy at once.</summary>
        private sealed class FakeBroker : IChunkLink
        {
            public readonly Hashtable Retained = new Hashtable();
            public readonly ArrayList Subscribed = new ArrayList();
            public BundleDownload Target;
            public int Subscriptions;
            public int MostAtOnce;

            public bool Subscribe(string topic)
            {
                Subscriptions++;
                if (!Subscribed.Contains(topic))
                {
                    Subscribed.Add(topic);
                }

                if (Subscribed.Count > MostAtOnce)
                {
                    MostAtOnce = Subscribed.Count;
                }

                if (Retained.Contains(topic))
                {
                    Target.Offer(topic, (byte[])Retained[topic]);
                }

                return true;
            }

            public bool Unsubscribe(string topic)
            {
                Subscribed.Remove(topic);
                return true;
            }
        }
    }
}
