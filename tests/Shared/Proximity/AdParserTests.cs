using Beacons.Shared.Proximity;
using Beacons.Tests.Privacy;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class AdParserTests
    {
        [TestMethod]
        public void Parse_TypicalPhoneAdvert_ExtractsFields()
        {
            byte[] ad =
            {
                0x02, 0x01, 0x1A,
                0x02, 0x0A, 0xF4,
                0x05, 0x16, 0x0A, 0x18, 0x01, 0x02,
                0x04, 0x08, (byte)'a', (byte)'b', (byte)'c',
                0x03, 0x09, (byte)'x', (byte)'y',
                0x05, 0xFF, 0x34, 0x12, 0xAA, 0xBB,
            };
            var p = new AdParser();
            Assert.IsTrue(p.Parse(ad, 0, ad.Length));
            Assert.AreEqual(6, p.SectionCount);
            Assert.AreEqual(0x1A, p.Flags);
            Assert.IsTrue(p.HasTxPower);
            Assert.AreEqual(-12, p.TxPowerDbm);
            Assert.AreEqual(0x180A, p.ServiceUuid16);
            Assert.AreEqual(2, p.ServiceDataLength);
            Assert.AreEqual(19, p.NameOffset, "the complete name wins over the shortened one");
            Assert.AreEqual(2, p.NameLength);
            Assert.AreEqual(0x1234, p.CompanyId);
            Assert.AreEqual(25, p.ManufacturerOffset);
            Assert.AreEqual(2, p.ManufacturerLength);
            Assert.AreEqual(0xFF, p.SectionType(5));
            Assert.AreEqual(-1, p.SectionType(6));
        }

        [TestMethod]
        public void Parse_ZeroLengthTerminator_StopsAndIsWellFormed()
        {
            byte[] ad = { 0x02, 0x01, 0x06, 0x00, 0xFF, 0xFF, 0xFF };
            var p = new AdParser();
            Assert.IsTrue(p.Parse(ad, 0, ad.Length));
            Assert.AreEqual(1, p.SectionCount);
        }

        [TestMethod]
        public void Parse_OverlongStructure_NotWellFormed_KeepsEarlierSections()
        {
            byte[] ad = { 0x02, 0x01, 0x06, 0x1F, 0xFF, 0x01 };
            var p = new AdParser();
            Assert.IsFalse(p.Parse(ad, 0, ad.Length));
            Assert.AreEqual(1, p.SectionCount);
            Assert.AreEqual(6, p.Flags);
            Assert.AreEqual(-1, p.CompanyId);
        }

        [TestMethod]
        public void Parse_SubRange_ReadsOnlyInside()
        {
            byte[] ad = { 0x99, 0x02, 0x01, 0x06, 0x05 };
            var p = new AdParser();
            Assert.IsTrue(p.Parse(ad, 1, 3));
            Assert.AreEqual(6, p.Flags);
            Assert.IsFalse(p.Parse(ad, 1, 4), "the trailing 0x05 claims bytes outside the range");
        }

        [TestMethod]
        public void Parse_BadArguments_NeverThrow()
        {
            var p = new AdParser();
            Assert.IsFalse(p.Parse(null, 0, 0));
            Assert.IsFalse(p.Parse(new byte[4], -1, 2));
            Assert.IsFalse(p.Parse(new byte[4], 2, 3));
            Assert.IsFalse(p.Parse(new byte[4], 0, -1));
            Assert.IsFalse(p.Parse(new byte[4], 5, 0));
            Assert.IsTrue(p.Parse(new byte[4], 4, 0));
            Assert.AreEqual(0, p.SectionCount);
        }

        [TestMethod]
        public void Parse_ShortManufacturerAndServiceData_Ignored()
        {
            byte[] ad = { 0x02, 0xFF, 0x01, 0x02, 0x16, 0x01, 0x01, 0x0A };
            var p = new AdParser();
            Assert.IsTrue(p.Parse(ad, 0, ad.Length));
            Assert.AreEqual(-1, p.CompanyId);
            Assert.AreEqual(-1, p.ServiceUuid16);
            Assert.IsFalse(p.HasTxPower, "an empty TX power structure carries no value");
        }

        [TestMethod]
        public void Parse_ManyStructures_BoundedRecording()
        {
            byte[] ad = new byte[100];
            for (int i = 0; i < 100; i += 2)
            {
                ad[i] = 0x01;
                ad[i + 1] = 0x30;
            }

            var p = new AdParser();
            Assert.IsTrue(p.Parse(ad, 0, ad.Length));
            Assert.AreEqual(AdParser.MaxSections, p.SectionCount);
        }

        [TestMethod]
        public void Parse_RandomAndTruncatedInputs_Total()
        {
            var rng = new TestRandom(7);
            var p = new AdParser();
            byte[] buffer = new byte[64];
            for (int n = 0; n < 20000; n++)
            {
                rng.Fill(buffer);
                int offset = rng.Next(70) - 3;
                int length = rng.Next(70) - 3;
                bool inRange = offset >= 0 && length >= 0 && offset + length <= buffer.Length;
                bool ok = p.Parse(buffer, offset, length);
                if (!inRange)
                {
                    Assert.IsFalse(ok);
                    continue;
                }

                for (int s = 0; s < p.SectionCount; s++)
                {
                    Assert.IsTrue(p.SectionOffset(s) >= offset && p.SectionOffset(s) + p.SectionLength(s) <= offset + length);
                }

                if (p.NameOffset >= 0)
                {
                    Assert.IsTrue(p.NameOffset + p.NameLength <= offset + length);
                }

                if (p.ManufacturerOffset >= 0)
                {
                    Assert.IsTrue(p.ManufacturerOffset + p.ManufacturerLength <= offset + length);
                }
            }
        }
    }
}
