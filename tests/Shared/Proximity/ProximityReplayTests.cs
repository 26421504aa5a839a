using System.Collections;
using Beacons.Shared.Configuration;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class ProximityReplayTests
    {
        private sealed class Lines : IProximityListener
        {
            public readonly ArrayList All = new ArrayList();

            public void OnProximityPayload(string payload)
            {
                All.Add(payload);
            }
        }

        private const string Config = "{\"schema\":1,\"store\":\"s1\",\"device\":\"n1\",\"mqtt\":{\"broker\":\"mqtt://h\"},"
            + "\"proximity\":{\"sessionTimeoutS\":10,\"bucketS\":60,\"dwellIntervalS\":60},"
            + "\"privacy\":{\"identifiers\":\"consented\",\"kAnonymity\":2,\"storeSecret\":\"000102030405060708090a0b0c0d0e0f\"}}";

        [TestMethod]
        public void PushLine_BadRows_CountedWithReasons()
        {
            var replay = new ProximityReplay(new ProximityOptions(), new PrivacyOptions(), 0, new byte[16], new Lines());
            Assert.IsNull(replay.PushLine("time_ms,address,address_type,rssi,adv_hex"));
            Assert.IsNull(replay.PushLine(""));
            Assert.IsNull(replay.PushLine("# comment"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEFF,public,-60"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEF,public,-60,"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEFG,public,-60,"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEFF,static,-60,"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEFF,public,-200,"));
            Assert.IsNotNull(replay.PushLine("100,AABBCCDDEEFF,public,-60,0201F"));
            Assert.IsNotNull(replay.PushLine("-5,AABBCCDDEEFF,public,-60,"));
            Assert.IsNull(replay.PushLine("100,AABBCCDDEEFF,random,-60,020106"));
            Assert.AreEqual("time_ms goes backwards (rows must be in time order)", replay.PushLine("99,AABBCCDDEEFF,random,-60,020106"));
            Assert.AreEqual(8L, replay.BadRows);
            Assert.AreEqual(1L, replay.Rows);
        }

        [TestMethod]
        public void Replay_ConsentingPhone_EventsCarryTraceTime()
        {
            ProximityOptions proximity;
            PrivacyOptions privacy;
            ProximityReplay.ReadConfig(Config, out proximity, out privacy);
            var lines = new Lines();
            var replay = new ProximityReplay(proximity, privacy, 1795000000000L, null, lines);
            for (int s = 0; s < 20; s++)
            {
                long t = s * 3000L + 500;
                Assert.IsNull(replay.PushLine(t + ",A1B2C3D4E5F6,random,-60,0201060DFFFFFF01010102030405060708"));
            }

            replay.Finish();
            Assert.IsTrue(lines.All.Count >= 2);
            string enter = (string)lines.All[0];
            Assert.IsTrue(enter.StartsWith("{\"type\":\"enter\",\"zone\":\"near\",\"seq\":1,\"ts\":\"2026-11-18T"), enter);
            Assert.IsTrue(enter.EndsWith(",\"tMs\":3500}"), enter);
            string exit = (string)lines.All[lines.All.Count - 1];
            Assert.IsTrue(exit.StartsWith("{\"type\":\"exit\""), exit);
            Assert.IsTrue(exit.IndexOf("\"dwellS\":54") > 0, exit);
            Assert.IsFalse(exit.IndexOf("a1b2c3") >= 0 || exit.IndexOf("A1B2C3") >= 0);
        }

        [TestMethod]
        public void Replay_IphoneUuidConsent_SameEventsAsAndroidWithTheSameToken()
        {
            // Token 01..08 with analytics: v1 manufacturer data (Android) and v2 service UUID (iPhone,
            // FFFFC51D-0201-0000-0102-030405060708, least significant byte first on air).
            string android = RunConsentingPhone("0201060DFFFFFF01010102030405060708");
            string iphone = RunConsentingPhone("02010611070807060504030201000001021DC5FFFF");
            Assert.IsTrue(android.IndexOf("\"id\":") > 0, android);
            Assert.AreEqual(android, iphone);
        }

        private static string RunConsentingPhone(string adHex)
        {
            ProximityOptions proximity;
            PrivacyOptions privacy;
            ProximityReplay.ReadConfig(Config, out proximity, out privacy);
            var lines = new Lines();
            var replay = new ProximityReplay(proximity, privacy, 1795000000000L, new byte[16], lines);
            for (int s = 0; s < 20; s++)
            {
                Assert.IsNull(replay.PushLine((s * 3000L + 500) + ",A1B2C3D4E5F6,random,-60," + adHex));
            }

            replay.Finish();
            var all = new System.Text.StringBuilder();
            for (int i = 0; i < lines.All.Count; i++)
            {
                all.Append((string)lines.All[i]).Append('\n');
            }

            return all.ToString();
        }

        [TestMethod]
        public void Replay_Start_DefaultsToUnixEpoch_AndFinishClosesBucket()
        {
            var lines = new Lines();
            var privacy = new PrivacyOptions();
            privacy.KAnonymity = 2;
            var replay = new ProximityReplay(new ProximityOptions(), privacy, 0, new byte[16], lines);
            for (int s = 0; s < 10; s++)
            {
                replay.PushLine((s * 3000) + ",000000000001,public,-60,020106");
                replay.PushLine((s * 3000 + 10) + ",000000000002,random,-62,");
            }

            replay.Finish();
            Assert.AreEqual(1, lines.All.Count);
            string aggregate = (string)lines.All[0];
            Assert.IsTrue(aggregate.IndexOf("\"bucket\":\"1970-01-01T00:00:00Z\"") > 0, aggregate);
            Assert.IsTrue(aggregate.IndexOf("\"count\":2") > 0, aggregate);
            Assert.IsTrue(aggregate.EndsWith("\"tMs\":300000}"), aggregate);
        }

        [TestMethod]
        public void ReadConfig_BadPrivacy_ConfigException()
        {
            ProximityOptions proximity;
            PrivacyOptions privacy;
            Assert.ThrowsException(typeof(ConfigException), () => ProximityReplay.ReadConfig("{\"privacy\":{\"identifiers\":\"consented\"}}", out proximity, out privacy));
        }
    }
}
