using Beacons.Shared.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Privacy
{
    [TestClass]
    public class ConsentSignalTests
    {
        // Flags, then the consent structure: len 0x0D, type 0xFF, company 0xFFFF (LE), version 1, flags, token.
        private static byte[] Advert(int flags, int version, int companyLo, int companyHi)
        {
            return new byte[]
            {
                0x02, 0x01, 0x06,
                0x0D, 0xFF, (byte)companyLo, (byte)companyHi, (byte)version, (byte)flags, 1, 2, 3, 4, 5, 6, 7, 8,
            };
        }

        [TestMethod]
        public void Parse_ValidAnalytics_ReturnsFlagsAndCopiesToken()
        {
            var parser = new ConsentSignal(0xFFFF);
            byte[] token = new byte[10];
            byte[] ad = Advert(1, 1, 0xFF, 0xFF);
            Assert.AreEqual(1, parser.Parse(ad, 0, ad.Length, token, 2));
            Assert.AreEqual((byte)1, token[2]);
            Assert.AreEqual((byte)8, token[9]);
            Assert.AreEqual((byte)0, token[0]);
        }

        [TestMethod]
        public void Parse_BothBits_ReturnsThree()
        {
            byte[] ad = Advert(3, 1, 0xFF, 0xFF);
            Assert.AreEqual(3, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_ConfiguredCompanyId_MatchesOnlyThatId()
        {
            byte[] ad = Advert(1, 1, 0x34, 0x12);
            Assert.AreEqual(1, new ConsentSignal(0x1234).Parse(ad, 0, ad.Length, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.Absent, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        [DataRow(1, 2)]
        [DataRow(1, 0)]
        [DataRow(4, 1)]
        [DataRow(0x81, 1)]
        [DataRow(0, 1)]
        public void Parse_BadVersionOrReservedBitsOrZeroFlags_None(int flags, int version)
        {
            byte[] token = new byte[8];
            byte[] ad = Advert(flags, version, 0xFF, 0xFF);
            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, token, 0));
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual((byte)0, token[i]);
            }
        }

        [TestMethod]
        public void Parse_PayloadTooShortOrTooLong_None()
        {
            byte[] shortAd = { 0x0C, 0xFF, 0xFF, 0xFF, 1, 1, 1, 2, 3, 4, 5, 6, 7 };
            byte[] longAd = { 0x0E, 0xFF, 0xFF, 0xFF, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            var parser = new ConsentSignal(0xFFFF);
            Assert.AreEqual(ConsentSignal.None, parser.Parse(shortAd, 0, shortAd.Length, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.None, parser.Parse(longAd, 0, longAd.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_TwoConsentStructures_None()
        {
            byte[] one = Advert(1, 1, 0xFF, 0xFF);
            byte[] ad = new byte[one.Length + 14];
            for (int i = 0; i < one.Length; i++)
            {
                ad[i] = one[i];
            }

            for (int i = 0; i < 14; i++)
            {
                ad[one.Length + i] = one[3 + i];
            }

            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_TruncatedFraming_None()
        {
            byte[] ad = Advert(1, 1, 0xFF, 0xFF);
            Assert.AreEqual(ConsentSignal.Absent, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length - 1, new byte[8], 0));
            byte[] broken = { 0x0D, 0xFF, 0xFF, 0xFF, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0x09, 0x09 };
            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(broken, 0, broken.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_AllZeroOrAllOnesToken_None()
        {
            byte[] zero = { 0x0D, 0xFF, 0xFF, 0xFF, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
            byte[] ones = { 0x0D, 0xFF, 0xFF, 0xFF, 1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
            var parser = new ConsentSignal(0xFFFF);
            Assert.AreEqual(ConsentSignal.None, parser.Parse(zero, 0, zero.Length, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.None, parser.Parse(ones, 0, ones.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_NoConsentStructure_Absent()
        {
            byte[] ad = { 0x02, 0x01, 0x06, 0x03, 0xFF, 0x4C, 0x00 };
            Assert.AreEqual(ConsentSignal.Absent, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_BadArguments_NeverThrows()
        {
            var parser = new ConsentSignal(0xFFFF);
            byte[] ad = Advert(1, 1, 0xFF, 0xFF);
            Assert.AreEqual(ConsentSignal.Absent, parser.Parse(null, 0, 5, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.Absent, parser.Parse(ad, -1, 3, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.Absent, parser.Parse(ad, 3, ad.Length, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.Absent, parser.Parse(ad, 0, -4, new byte[8], 0));
            Assert.AreEqual(ConsentSignal.None, parser.Parse(ad, 0, ad.Length, null, 0));
            Assert.AreEqual(ConsentSignal.None, parser.Parse(ad, 0, ad.Length, new byte[4], 0));
        }

        [TestMethod]
        public void Parse_RandomBytes_NeverThrowsAndRarelyConsents()
        {
            var rng = new TestRandom(99);
            var parser = new ConsentSignal(0xFFFF);
            byte[] buffer = new byte[40];
            byte[] token = new byte[8];
            for (int n = 0; n < 5000; n++)
            {
                rng.Fill(buffer);
                int len = rng.Next(41);
                int flags = parser.Parse(buffer, 0, len, token, 0);
                Assert.IsTrue(flags >= -1 && flags <= 3);
            }
        }
    

        // Version 2 test vector (docs/consent-signal.md): UUID FFFFC51D-0203-0000-1122-334455667788, i.e. company
        // 0xFFFF, magic C51D, version 2, flags 3, reserved 0000, token 11 22 33 44 55 66 77 88; on air LSB first.
        private static byte[] UuidAdvert(int version, int flags, int reserved)
        {
            return new byte[]
            {
                0x02, 0x01, 0x06,
                0x11, 0x07, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, (byte)reserved, 0x00, (byte)flags, (byte)version, 0x1D, 0xC5, 0xFF, 0xFF,
            };
        }

        [TestMethod]
        public void Parse_UuidCarrier_SameFlagsAndTokenAsManufacturerData()
        {
            var parser = new ConsentSignal(0xFFFF);
            byte[] v2 = UuidAdvert(2, 3, 0);
            byte[] token = new byte[8];
            Assert.AreEqual(3, parser.Parse(v2, 0, v2.Length, token, 0));
            byte[] expected = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual(expected[i], token[i]);
            }

            // The Android frame with the same token gives the same bytes, so the pseudonyms agree.
            byte[] v1 = { 0x02, 0x01, 0x1A, 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x03, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
            byte[] token1 = new byte[8];
            Assert.AreEqual(3, parser.Parse(v1, 0, v1.Length, token1, 0));
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual(token1[i], token[i]);
            }
        }

        [TestMethod]
        public void Parse_UuidAmongOtherServiceUuids_Found()
        {
            byte[] one = UuidAdvert(2, 1, 0);
            var ad = new byte[3 + 2 + 32];
            ad[0] = 0x02;
            ad[1] = 0x01;
            ad[2] = 0x06;
            ad[3] = 33;
            ad[4] = 0x06;
            for (int i = 0; i < 16; i++)
            {
                ad[5 + i] = (byte)(0xA0 + i); // some other app's service
                ad[21 + i] = one[5 + i];
            }

            Assert.AreEqual(1, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        [DataRow(1, 3, 0)]
        [DataRow(3, 3, 0)]
        [DataRow(2, 3, 1)]
        [DataRow(2, 4, 0)]
        [DataRow(2, 0, 0)]
        public void Parse_UuidBadVersionReservedOrFlags_None(int version, int flags, int reserved)
        {
            byte[] token = { 9, 9, 9, 9, 9, 9, 9, 9 };
            byte[] ad = UuidAdvert(version, flags, reserved);
            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, token, 0));
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual((byte)0, token[i]);
            }
        }

        [TestMethod]
        public void Parse_UuidAndManufacturerDataTogether_Ambiguous_None()
        {
            byte[] v2 = UuidAdvert(2, 3, 0);
            var ad = new byte[v2.Length + 14];
            for (int i = 0; i < v2.Length; i++)
            {
                ad[i] = v2[i];
            }

            byte[] v1 = { 0x0D, 0xFF, 0xFF, 0xFF, 0x01, 0x01, 1, 2, 3, 4, 5, 6, 7, 8 };
            for (int i = 0; i < v1.Length; i++)
            {
                ad[v2.Length + i] = v1[i];
            }

            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_RaggedUuidListHoldingConsent_None()
        {
            byte[] v2 = UuidAdvert(2, 3, 0);
            var ad = new byte[v2.Length + 1];
            for (int i = 0; i < v2.Length; i++)
            {
                ad[i] = v2[i];
            }

            ad[3] = 0x12; // 17 data bytes: one UUID and a stray byte
            Assert.AreEqual(ConsentSignal.None, new ConsentSignal(0xFFFF).Parse(ad, 0, ad.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_OtherCompanyOrIosOverflowArea_Absent()
        {
            byte[] v2 = UuidAdvert(2, 3, 0);
            Assert.AreEqual(ConsentSignal.Absent, new ConsentSignal(0x1234).Parse(v2, 0, v2.Length, new byte[8], 0));

            // A backgrounded iOS app: its UUIDs become one bit of Apple's overflow bitmap (company 0x004C, type 0x01);
            // neither flags nor token survive, so the phone is counted anonymously.
            byte[] overflow = { 0x02, 0x01, 0x06, 0x14, 0xFF, 0x4C, 0x00, 0x01, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            Assert.AreEqual(ConsentSignal.Absent, new ConsentSignal(0xFFFF).Parse(overflow, 0, overflow.Length, new byte[8], 0));
        }

        [TestMethod]
        public void Parse_EveryTruncationOfAUuidAdvert_NeverThrowsNorLeaksAToken()
        {
            byte[] ad = UuidAdvert(2, 3, 0);
            var parser = new ConsentSignal(0xFFFF);
            for (int len = 0; len <= ad.Length; len++)
            {
                for (int off = 0; off <= len; off++)
                {
                    byte[] token = { 7, 7, 7, 7, 7, 7, 7, 7 };
                    int r = parser.Parse(ad, off, len - off, token, 0);
                    if (r <= 0)
                    {
                        for (int i = 0; i < 8; i++)
                        {
                            Assert.AreEqual((byte)0, token[i]);
                        }
                    }
                }
            }
        }
    }
}
