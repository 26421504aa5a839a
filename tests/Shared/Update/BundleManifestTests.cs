using System.Security.Cryptography;
using System.Text;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;
using Beacons.Shared.Update;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Update
{
    [TestClass]
    public class BundleManifestTests
    {
        private static readonly byte[] Key = Hex.TryDecode("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        private static readonly byte[] Shared = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        private static readonly byte[] App = { 0x4E, 0x46, 0x4D, 0x52, 0x4B, 0x32 };

        private static string FileEntry(string name, byte[] bytes)
        {
            return "{\"name\":\"" + name + "\",\"size\":" + bytes.Length + ",\"mac\":\"" + Hex.Encode(HMACSHA256.HashData(Key, bytes)) + "\"}";
        }

        private static string Body(string files)
        {
            return "{\"bundle\":\"1.4.2\",\"seq\":42,\"entry\":\"Beacons.Firmware\",\"heapKB\":44,\"files\":[" + files + "]}";
        }

        private static byte[] Sealed(string body)
        {
            return Encoding.UTF8.GetBytes(SignedEnvelope.Seal(Key, body));
        }

        private static BundleManifest Valid()
        {
            string error;
            BundleManifest m = BundleManifest.Open(Sealed(Body(FileEntry("Beacons.Shared.pe", Shared) + "," + FileEntry("Beacons.Firmware.pe", App))), Key, out error);
            Assert.IsNotNull(m, error);
            return m;
        }

        [TestMethod]
        public void Open_SignedManifest_FieldsInLoadOrder()
        {
            BundleManifest m = Valid();
            Assert.AreEqual("1.4.2", m.Version);
            Assert.AreEqual(42L, m.Seq);
            Assert.AreEqual("Beacons.Firmware", m.Entry);
            Assert.AreEqual(2, m.FileCount);
            Assert.AreEqual("Beacons.Shared.pe", m.FileName(0));
            Assert.AreEqual(16L, m.TotalBytes);
        }

        [TestMethod]
        public void Open_OtherKeyOrEditedBody_BadSignature()
        {
            string error;
            byte[] other = Hex.TryDecode("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
            byte[] env = Encoding.UTF8.GetBytes(SignedEnvelope.Seal(other, Body(FileEntry("a.pe", App))));
            Assert.IsNull(BundleManifest.Open(env, Key, out error));
            Assert.AreEqual("manifest: bad signature", error);

            string sealedText = SignedEnvelope.Seal(Key, Body(FileEntry("a.pe", App)));
            string edited = sealedText.Substring(0, sealedText.IndexOf("42")) + "43" + sealedText.Substring(sealedText.IndexOf("42") + 2);
            Assert.IsNull(BundleManifest.Open(Encoding.UTF8.GetBytes(edited), Key, out error));
            Assert.AreEqual("manifest: bad signature", error);
        }

        [TestMethod]
        [DataRow("{\"bundle\":\"1\",\"seq\":0,\"entry\":\"A\",\"heapKB\":1,\"files\":[]}")]
        [DataRow("{\"bundle\":\"1\",\"seq\":1.5,\"entry\":\"A\",\"heapKB\":1,\"files\":[]}")]
        [DataRow("{\"bundle\":\"1\",\"seq\":1,\"entry\":\"../A\",\"heapKB\":1,\"files\":[]}")]
        [DataRow("{\"bundle\":\"1\",\"seq\":1,\"entry\":\"A\",\"heapKB\":-1,\"files\":[]}")]
        [DataRow("{\"bundle\":\"1\",\"seq\":1,\"entry\":\"A\",\"heapKB\":1,\"files\":[]}")]
        [DataRow("{\"bundle\":\"1\",\"seq\":1,\"entry\":\"A\",\"heapKB\":1,\"files\":[{\"name\":\"a.dll\",\"size\":1,\"mac\":\"00\"}]}")]
        [DataRow("[1,2,3]")]
        [DataRow("not json")]
        public void Open_SignedButInvalidBody_OneLineError(string body)
        {
            string error;
            Assert.IsNull(BundleManifest.Open(Sealed(body), Key, out error));
            Assert.IsNotNull(error);
            Assert.IsTrue(error.StartsWith("manifest: ") && error.IndexOf('\n') < 0, error);
        }

        [TestMethod]
        public void Open_RepeatedFileOrGarbageEnvelopeOrNoKey_Refused()
        {
            string error;
            Assert.IsNull(BundleManifest.Open(Sealed(Body(FileEntry("a.pe", App) + "," + FileEntry("a.pe", App))), Key, out error));
            Assert.IsTrue(error.IndexOf("repeats") > 0, error);
            Assert.IsNull(BundleManifest.Open(new byte[] { 0xFF, 0x00, 0x7B }, Key, out error));
            Assert.IsNull(BundleManifest.Open(null, Key, out error));
            Assert.IsNull(BundleManifest.Open(Sealed(Body(FileEntry("a.pe", App))), new byte[4], out error));
            Assert.AreEqual("no release key is provisioned on this device", error);
        }

        [TestMethod]
        public void VerifyFile_ExactBytesOnly()
        {
            BundleManifest m = Valid();
            Assert.IsTrue(m.VerifyFile(0, Shared, Key));
            Assert.IsTrue(m.VerifyFile(1, App, Key));
            byte[] corrupted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11 };
            Assert.IsFalse(m.VerifyFile(0, corrupted, Key), "one flipped bit");
            Assert.IsFalse(m.VerifyFile(0, App, Key), "another file");
            Assert.IsFalse(m.VerifyFile(2, App, Key), "no such file");
            Assert.IsFalse(m.VerifyFile(0, null, Key));
        }

        [TestMethod]
        public void CheckFits_CountsResidentBytesAndTheAppsHeap()
        {
            BundleManifest m = Valid();
            long need = 16 + (44 * 1024);
            Assert.IsNull(m.CheckFits(need));
            string refusal = m.CheckFits(need - 1);
            Assert.IsNotNull(refusal);
            Assert.IsTrue(refusal.StartsWith("bundle 1.4.2 needs 44 KB of heap"), refusal);
        }
    }
}
