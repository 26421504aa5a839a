using Beacons.Shared.Advertising;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class FrameClassifierTests
    {
        [TestMethod]
        [DataRow(GoldenFrames.IBeaconSample, "ibeacon")]
        [DataRow(GoldenFrames.UidSpecNamespace, "eddystone-uid")]
        [DataRow(GoldenFrames.UrlSpecExample, "eddystone-url")]
        [DataRow(GoldenFrames.TlmExample, "eddystone-tlm")]
        [DataRow(GoldenFrames.EidVector, "eddystone-eid")]
        [DataRow(GoldenFrames.AltBeaconExample, "altbeacon")]
        public void Classify_GoldenFrames_RightKind(string hex, string name)
        {
            byte[] ad = Hex.TryDecode(hex);
            Assert.AreEqual(name, FrameKindNames.Name(FrameClassifier.Classify(ad, ad.Length)));
        }

        [TestMethod]
        public void Classify_PaddedTo31_StillRecognised()
        {
            byte[] ad = new byte[31];
            byte[] eid = Hex.TryDecode(GoldenFrames.EidVector);
            for (int i = 0; i < eid.Length; i++)
            {
                ad[i] = eid[i];
            }

            Assert.AreEqual((int)FrameKind.EddystoneEid, (int)FrameClassifier.Classify(ad, 31));
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("020106")]
        [DataRow("0201060303aafe")]
        [DataRow("0201061aff4c000215e2c5")]
        [DataRow("0201060aff590001020304050607")]
        [DataRow("0201060303aafe0616aafe400000")]
        [DataRow("0201060303aafe0416aafe00")]
        [DataRow("0201060909414243444546474849")]
        public void Classify_TruncatedOrForeign_None(string hex)
        {
            byte[] ad = Hex.TryDecode(hex);
            Assert.AreEqual((int)FrameKind.None, (int)FrameClassifier.Classify(ad, ad.Length));
        }

        [TestMethod]
        public void Classify_LengthShorterThanBuffer_OnlyLooksAtLength()
        {
            byte[] ad = Hex.TryDecode(GoldenFrames.IBeaconSample);
            Assert.AreEqual((int)FrameKind.None, (int)FrameClassifier.Classify(ad, 20));
        }

        [TestMethod]
        public void Classify_Null_None()
        {
            Assert.AreEqual((int)FrameKind.None, (int)FrameClassifier.Classify(null, 0));
        }
    }
}
