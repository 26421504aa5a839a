using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using Beacons.Shared.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class EddystoneUrlCodecTests
    {
        [TestMethod]
        [DataRow("http://www.shop.nl", 0x00)]
        [DataRow("https://www.shop.nl", 0x01)]
        [DataRow("http://shop.nl", 0x02)]
        [DataRow("https://shop.nl", 0x03)]
        public void Encode_EveryScheme_LongestPrefixAndRoundTrips(string url, int scheme)
        {
            byte[] encoded = new byte[18];
            int n = EddystoneUrlCodec.Encode(url, encoded, 0);
            Assert.AreEqual(scheme, (int)encoded[0]);
            Assert.AreEqual(1 + 7, n); // "shop.nl"
            Assert.AreEqual(url, EddystoneUrlCodec.Decode(encoded, 0, n));
        }

        [TestMethod]
        [DataRow("https://a.com/x", 0x00)]
        [DataRow("https://a.org/x", 0x01)]
        [DataRow("https://a.edu/x", 0x02)]
        [DataRow("https://a.net/x", 0x03)]
        [DataRow("https://a.info/x", 0x04)]
        [DataRow("https://a.biz/x", 0x05)]
        [DataRow("https://a.gov/x", 0x06)]
        [DataRow("https://a.com", 0x07)]
        [DataRow("https://a.org", 0x08)]
        [DataRow("https://a.edu", 0x09)]
        [DataRow("https://a.net", 0x0A)]
        [DataRow("https://a.info", 0x0B)]
        [DataRow("https://a.biz", 0x0C)]
        [DataRow("https://a.gov", 0x0D)]
        public void Encode_EveryExpansion_OneByteAndRoundTrips(string url, int code)
        {
            byte[] encoded = new byte[18];
            int n = EddystoneUrlCodec.Encode(url, encoded, 0);
            Assert.AreEqual((byte)'a', encoded[1]);
            Assert.AreEqual(code, (int)encoded[2]);
            Assert.AreEqual(code < 7 ? 4 : 3, n);
            Assert.AreEqual(url, EddystoneUrlCodec.Decode(encoded, 0, n));
        }

        [TestMethod]
        public void Encode_WwwAndDotComSlash_ShortestEncoding()
        {
            byte[] encoded = new byte[18];
            int n = EddystoneUrlCodec.Encode("https://www.example.com/", encoded, 0);
            Assert.AreEqual("01" + "6578616d706c65" + "00", Hex.Encode(encoded, 0, n));
        }

        [TestMethod]
        public void Encode_ExpansionTextInPath_StillCompressed()
        {
            byte[] encoded = new byte[18];
            int n = EddystoneUrlCodec.Encode("http://x.org/a.com", encoded, 0);
            Assert.AreEqual("02" + "78" + "01" + "61" + "07", Hex.Encode(encoded, 0, n));
            Assert.AreEqual("http://x.org/a.com", EddystoneUrlCodec.Decode(encoded, 0, n));
        }

        [TestMethod]
        public void Encode_Exactly17Bytes_AcceptedAndFrameIs31()
        {
            string url = "https://abcdefghijklmnop.com"; // 16 characters + ".com" = 17 bytes
            byte[] encoded = new byte[18];
            int n = EddystoneUrlCodec.Encode(url, encoded, 0);
            Assert.AreEqual(18, n);
            byte[] frame = new byte[31];
            Assert.AreEqual(31, EddystoneFrame.WriteUrl(frame, 0, -18, encoded, 0, n));
            Assert.AreEqual(FrameKind.EddystoneUrl, FrameClassifier.Classify(frame, 31));
            Assert.AreEqual(url, EddystoneUrlCodec.Decode(encoded, 0, n));
        }

        [TestMethod]
        [DataRow("https://abcdefghijklmnopq.com")]
        [DataRow("https://www.a-rather-long-store-name.example/offers")]
        [DataRow("https://shop.example/a b")]
        [DataRow("https://shop.example/caf\u00e9")]
        [DataRow("ftp://shop.example")]
        [DataRow("HTTPS://shop.example")]
        [DataRow("https://")]
        [DataRow("shop.example")]
        [DataRow("")]
        public void Encode_Unencodable_ConfigExceptionNamingUrlKey(string url)
        {
            try
            {
                EddystoneUrlCodec.Encode(url, new byte[18], 0);
                Assert.IsTrue(false, "accepted: " + url);
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual("beacon.eddystone.url", ex.Key);
            }
        }

        [TestMethod]
        [DataRow("04616263")]
        [DataRow("03610e")]
        [DataRow("036120")]
        [DataRow("03617f")]
        [DataRow("0361ff")]
        [DataRow("")]
        public void Decode_ReservedOrEmpty_ReturnsNull(string hex)
        {
            byte[] data = Hex.TryDecode(hex);
            Assert.IsNull(EddystoneUrlCodec.Decode(data, 0, data.Length));
        }

        [TestMethod]
        public void SchemeAndExpansionText_Tables_MatchSpec()
        {
            Assert.AreEqual("https://", EddystoneUrlCodec.SchemeText(3));
            Assert.AreEqual(".gov", EddystoneUrlCodec.ExpansionText(13));
            Assert.IsNull(EddystoneUrlCodec.ExpansionText(14));
        }
    }
}
