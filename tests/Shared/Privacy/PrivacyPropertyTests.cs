using System;
using System.Collections;
using Beacons.Shared.Common;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    /// <summary>
    /// Property tests over thousands of random phone streams (deterministic xorshift seeds): what leaves the
    /// tracker never carries an address, a token or anything derived from them unless policy and consent allow it.
    /// </summary>
    [TestClass]
    public class PrivacyPropertyTests
    {
        private const string SecretHex = "5f3c9a0b7e1d2c4f8a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
        private const int PeriodMs = 3000;

        // Consent kinds a simulated phone advertises.
        private const int NoSignal = 0;
        private const int Analytics = 1;
        private const int Both = 2;
        private const int PersonalizationOnly = 3;
        private const int Malformed = 4;
        private const int Kinds = 5;

        [TestMethod]
        public void PolicyNone_RandomStreams_NoPayloadCarriesAnythingAboutAPhone()
        {
            var rng = new TestRandom(1);
            int payloads = 0;
            for (int stream = 0; stream < 1500; stream++)
            {
                Phone[] phones = Phones(rng, 2 + rng.Next(9));
                var sink = new Sink();
                ProximityTracker tracker = Tracker(IdentifierMode.None, 2, 24, sink, rng);
                Run(tracker, phones, rng, sink, 0, 80);
                for (int i = 0; i < sink.Payloads.Count; i++)
                {
                    string p = (string)sink.Payloads[i];
                    payloads++;
                    Assert.IsTrue(p.IndexOf("\"type\":\"aggregate\"") >= 0, "policy none publishes aggregates only: " + p);
                    Assert.IsFalse(p.IndexOf("\"id\"") >= 0 || p.IndexOf("\"pid\"") >= 0, p);
                    AssertNothingAbout(p, phones, null, 0);
                }
            }

            Assert.IsTrue(payloads > 100, "the streams must produce aggregates to check (" + payloads + ")");
        }

        [TestMethod]
        public void PolicyConsented_RandomStreams_IdentifiersOnlyForConsentAndNeverRaw()
        {
            var rng = new TestRandom(2);
            var pseudonyms = new PseudonymGenerator(Hex.TryDecode(SecretHex), 1);
            int withId = 0;
            int withPid = 0;
            int withIdUuid = 0;
            for (int stream = 0; stream < 1500; stream++)
            {
                Phone[] phones = Phones(rng, 1 + rng.Next(8));
                var sink = new Sink();
                ProximityTracker tracker = Tracker(IdentifierMode.Consented, 2, 1, sink, rng);
                long startUnixMs = (long)rng.Next(1000000) * 1000;
                Run(tracker, phones, rng, sink, startUnixMs, 80);
                for (int i = 0; i < sink.Payloads.Count; i++)
                {
                    string p = (string)sink.Payloads[i];
                    long unixS = (long)sink.UnixMs[i] / 1000;
                    AssertNothingAbout(p, phones, pseudonyms, unixS);
                    if (p.IndexOf("\"type\":\"aggregate\"") >= 0)
                    {
                        Assert.IsFalse(p.IndexOf("\"id\"") >= 0, p);
                        continue;
                    }

                    string id = Field(p, "id");
                    Assert.IsNotNull(id, "a visit event always carries the consenting shopper's id: " + p);
                    Phone owner = Owner(phones, pseudonyms, id, unixS);
                    Assert.IsNotNull(owner, "the id must be the epoch pseudonym of a consenting phone: " + p);
                    Assert.IsTrue(owner.Kind == Analytics || owner.Kind == Both, "consent kind " + owner.Kind + ": " + p);
                    withId++;
                    if (owner.Uuid)
                    {
                        withIdUuid++;
                    }

                    string pid = Field(p, "pid");
                    if (owner.Kind == Both)
                    {
                        Assert.AreEqual(pseudonyms.PidHex(owner.Token, 0), pid);
                        withPid++;
                    }
                    else
                    {
                        Assert.IsNull(pid, "pid only with the personalization bit: " + p);
                    }
                }
            }

            Assert.IsTrue(withId > 100 && withPid > 20, "events to check: " + withId + " / " + withPid);

            // Both carriers grant consent: iPhones (v2, service UUID) get ids exactly as Android phones (v1) do.
            Assert.IsTrue(withIdUuid > 30 && withId - withIdUuid > 30, "ids from v2 / v1 phones: " + withIdUuid + " / " + (withId - withIdUuid));
        }

        [TestMethod]
        public void PolicyConsented_TwoNodes_SameIdWithinEpoch_DifferentAcrossEpochs()
        {
            var rng = new TestRandom(3);
            for (int trial = 0; trial < 200; trial++)
            {
                Phone phone = NewPhone(rng, Analytics);
                var sinkA = new Sink();
                var sinkB = new Sink();
                ProximityTracker a = Tracker(IdentifierMode.Consented, 2, 1, sinkA, rng);
                ProximityTracker b = Tracker(IdentifierMode.Consented, 2, 1, sinkB, rng);
                // A visit straddling an epoch boundary (epochHours 1), seen by two nodes with different boot keys.
                long start = 3600000L * (1 + rng.Next(1000)) - 30000;
                for (int w = 0; w < 40; w++)
                {
                    long t = w * (long)PeriodMs;
                    foreach (ProximityTracker node in new ProximityTracker[] { a, b })
                    {
                        Sink s = node == a ? sinkA : sinkB;
                        s.Now = start + t;
                        node.Tick(t, start + t);
                        node.BeginWindow(t);
                        node.OnAdvertisement(phone.Address, phone.AddressType, -50, phone.Ad, 0, phone.Ad.Length, t, start + t);
                    }
                }

                Assert.AreEqual(sinkA.Payloads.Count, sinkB.Payloads.Count);
                string before = null;
                string after = null;
                for (int i = 0; i < sinkA.Payloads.Count; i++)
                {
                    string idA = Field((string)sinkA.Payloads[i], "id");
                    Assert.AreEqual(idA, Field((string)sinkB.Payloads[i], "id"), "same store, same epoch: same id on every node");
                    if ((long)sinkA.UnixMs[i] < start + 30000)
                    {
                        before = idA;
                    }
                    else
                    {
                        after = idA;
                    }
                }

                Assert.IsNotNull(before);
                Assert.IsNotNull(after);
                Assert.AreNotEqual(before, after, "a new epoch must give a new id");
            }
        }

        [TestMethod]
        public void PolicyConsented_MalformedConsent_NoEvents()
        {
            var rng = new TestRandom(4);
            for (int trial = 0; trial < 500; trial++)
            {
                Phone[] phones = new Phone[] { NewPhone(rng, Malformed), NewPhone(rng, PersonalizationOnly), NewPhone(rng, NoSignal) };
                var sink = new Sink();
                ProximityTracker tracker = Tracker(IdentifierMode.Consented, 2, 24, sink, rng);
                Run(tracker, phones, rng, sink, 0, 60);
                for (int i = 0; i < sink.Payloads.Count; i++)
                {
                    Assert.IsTrue(((string)sink.Payloads[i]).IndexOf("\"type\":\"aggregate\"") >= 0, (string)sink.Payloads[i]);
                }
            }
        }

        private static ProximityTracker Tracker(IdentifierMode mode, int k, int epochHours, Sink sink, TestRandom rng)
        {
            var proximity = new ProximityOptions();
            proximity.ScanPeriodMs = PeriodMs;
            proximity.BucketS = 60;
            proximity.DwellIntervalS = 10;
            proximity.SessionTimeoutS = 10;
            var privacy = new PrivacyOptions();
            privacy.Identifiers = mode;
            privacy.KAnonymity = k;
            privacy.EpochHours = epochHours;
            if (mode == IdentifierMode.Consented)
            {
                privacy.StoreSecretHex = SecretHex;
            }

            byte[] key = new byte[16];
            rng.Fill(key);
            return new ProximityTracker(proximity, privacy, key, sink);
        }

        /// <summary>Phones wander in and out of range over <paramref name="windows"/> scan windows.</summary>
        private static void Run(ProximityTracker tracker, Phone[] phones, TestRandom rng, Sink sink, long startUnixMs, int windows)
        {
            for (int w = 0; w < windows; w++)
            {
                long t = (long)w * PeriodMs;
                sink.Now = startUnixMs + t;
                tracker.Tick(t, startUnixMs + t);
                tracker.BeginWindow(t);
                for (int p = 0; p < phones.Length; p++)
                {
                    Phone phone = phones[p];
                    phone.Rssi += rng.Next(7) - 3;
                    if (phone.Rssi > -35) phone.Rssi = -35;
                    if (phone.Rssi < -100) phone.Rssi = -100;
                    if (rng.Next(10) < 7)
                    {
                        int rssi = phone.Rssi - (rng.Next(4) == 0 ? rng.Next(20) : 0);
                        long at = t + rng.Next(PeriodMs);
                        sink.Now = startUnixMs + at;
                        tracker.OnAdvertisement(phone.Address, phone.AddressType, rssi, phone.Ad, 0, phone.Ad.Length, at, startUnixMs + at);
                    }
                }
            }

            for (int extra = 1; extra <= 40; extra++)
            {
                long t = (long)(windows + extra) * PeriodMs;
                sink.Now = startUnixMs + t;
                tracker.Tick(t, startUnixMs + t);
            }
        }

        private static Phone[] Phones(TestRandom rng, int count)
        {
            var phones = new Phone[count];
            for (int i = 0; i < count; i++)
            {
                phones[i] = NewPhone(rng, rng.Next(Kinds));
            }

            return phones;
        }

        private static Phone NewPhone(TestRandom rng, int kind)
        {
            var p = new Phone();
            p.Address = (long)(rng.NextULong() & 0xFFFFFFFFFFFFUL);
            p.AddressBytes = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                p.AddressBytes[i] = (byte)(p.Address >> (40 - 8 * i));
            }

            p.AddressType = rng.Next(2);
            p.Kind = kind;
            p.Token = new byte[8];
            rng.Fill(p.Token);
            p.Token[0] |= 0x10;
            p.Rssi = -45 - rng.Next(40);
            int flags = kind == Analytics ? 1 : kind == Both ? 3 : kind == PersonalizationOnly ? 2 : 1;
            int version = 1;
            int length = 0x0D;
            int malformation = kind == Malformed ? rng.Next(5) : -1;
            if (malformation == 0) version = 2;
            if (malformation == 1) flags = 0x05;
            if (malformation == 2) length = 0x0C;
            if (malformation == 3) flags = 0;
            // Half the phones are iPhones: consent signal version 2, a 128-bit service UUID (LSB first on air).
            bool uuid = rng.Next(2) == 0;
            p.Uuid = uuid;
            var ad = new byte[3 + 18 + 5];
            int n = 0;
            ad[n++] = 0x02; ad[n++] = 0x01; ad[n++] = 0x1A;
            if (kind != NoSignal && uuid)
            {
                int uuidVersion = malformation == 0 ? 3 : 2;
                int reserved = malformation == 2 ? 1 : 0;
                ad[n++] = 0x11; ad[n++] = 0x07;
                for (int i = 7; i >= 0; i--)
                {
                    ad[n++] = p.Token[i];
                }

                ad[n++] = (byte)reserved; ad[n++] = 0x00; ad[n++] = (byte)flags; ad[n++] = (byte)uuidVersion;
                ad[n++] = 0x1D; ad[n++] = 0xC5; ad[n++] = 0xFF; ad[n++] = 0xFF;
            }
            else if (kind != NoSignal)
            {
                ad[n++] = (byte)length; ad[n++] = 0xFF; ad[n++] = 0xFF; ad[n++] = 0xFF;
                ad[n++] = (byte)version; ad[n++] = (byte)flags;
                for (int i = 0; i < 8 && n < 3 + length + 1; i++)
                {
                    ad[n++] = p.Token[i];
                }
            }

            if (malformation == 4)
            {
                // A structure that claims more bytes than the advertisement has: broken framing.
                ad[n++] = 0x09; ad[n++] = 0x09;
            }
            else
            {
                ad[n++] = 0x02; ad[n++] = 0x0A; ad[n++] = 0xF4;
            }

            p.Ad = new byte[n];
            Array.Copy(ad, p.Ad, n);
            return p;
        }

        /// <summary>Every encoding of an address or token we can think of must be absent from the payload.</summary>
        private static void AssertNothingAbout(string payload, Phone[] phones, PseudonymGenerator allowed, long unixS)
        {
            string lower = payload.ToLower();
            for (int i = 0; i < phones.Length; i++)
            {
                Phone p = phones[i];
                AssertAbsent(payload, lower, p.AddressBytes, "address");
                AssertAbsent(payload, lower, p.Token, "token");
                Assert.IsFalse(payload.IndexOf(p.Address.ToString()) >= 0, "address as a decimal number");
                if (allowed == null)
                {
                    // Under policy none even the pseudonyms the store secret would give must not appear.
                    var g = new PseudonymGenerator(Hex.TryDecode(SecretHex), 24);
                    Assert.IsFalse(lower.IndexOf(g.IdHex(unixS, p.Token, 0)) >= 0, "derived id");
                    Assert.IsFalse(lower.IndexOf(g.PidHex(p.Token, 0)) >= 0, "derived pid");
                }
            }
        }

        private static void AssertAbsent(string payload, string lower, byte[] value, string what)
        {
            byte[] reversed = new byte[value.Length];
            for (int i = 0; i < value.Length; i++)
            {
                reversed[i] = value[value.Length - 1 - i];
            }

            foreach (byte[] b in new byte[][] { value, reversed })
            {
                string hex = Hex.Encode(b);
                Assert.IsFalse(lower.IndexOf(hex) >= 0, what + " as hex: " + payload);
                Assert.IsFalse(lower.IndexOf(Colons(hex)) >= 0, what + " as colon hex: " + payload);
                Assert.IsFalse(payload.IndexOf(Convert.ToBase64String(b)) >= 0, what + " as base64: " + payload);
                Assert.IsFalse(payload.IndexOf(Decimals(b)) >= 0, what + " as decimal bytes: " + payload);
                // Any 4-byte window in hex, so a partial or truncated encoding is caught as well.
                for (int s = 0; s + 4 <= b.Length; s++)
                {
                    Assert.IsFalse(lower.IndexOf(Hex.Encode(b, s, 4)) >= 0, what + " fragment as hex: " + payload);
                }
            }
        }

        private static string Colons(string hex)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < hex.Length; i += 2)
            {
                if (i > 0)
                {
                    sb.Append(':');
                }

                sb.Append(hex.Substring(i, 2));
            }

            return sb.ToString();
        }

        private static string Decimals(byte[] b)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < b.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(b[i]);
            }

            return sb.ToString();
        }

        private static Phone Owner(Phone[] phones, PseudonymGenerator g, string id, long unixS)
        {
            for (int i = 0; i < phones.Length; i++)
            {
                if (g.IdHex(unixS, phones[i].Token, 0) == id)
                {
                    return phones[i];
                }
            }

            return null;
        }

        private static string Field(string json, string name)
        {
            string marker = "\"" + name + "\":\"";
            int at = json.IndexOf(marker);
            if (at < 0)
            {
                return null;
            }

            int start = at + marker.Length;
            int end = json.IndexOf('"', start);
            return json.Substring(start, end - start);
        }

        private sealed class Phone
        {
            public long Address;
            public byte[] AddressBytes;
            public int AddressType;
            public int Kind;
            public byte[] Token;
            public byte[] Ad;
            public int Rssi;
            public bool Uuid;
        }

        private sealed class Sink : IProximityListener
        {
            public readonly ArrayList Payloads = new ArrayList();
            public readonly ArrayList UnixMs = new ArrayList();
            public long Now;

            public void OnProximityPayload(string payload)
            {
                Payloads.Add(payload);
                UnixMs.Add(Now);
            }
        }
    }
}
