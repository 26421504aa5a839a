using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Beacons.Tests.Integration.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>MQTT over TLS with a test CA as the only trust anchor, as the device is provisioned.</summary>
    [TestClass]
    [DoNotParallelize]
    public sealed class MqttTlsTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext _)
        {
            _broker = MosquittoBroker.Start(new MosquittoOptions { Tls = true });
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
        }

        [TestMethod]
        [DataRow("127.0.0.1")]
        [DataRow("localhost")]
        public void Connect_TestCa_RoundTripsOverTls(string host)
        {
            string topic = MqttProbe.NewTopic();
            using MqttProbe client = MqttProbe.Tls(host, _broker.TlsPort, PemCertificate(_broker.Certificates.AuthorityPem));

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect(MqttProbe.NewId("tls")));
            client.SubscribeAndWait(topic, MqttQoSLevel.ExactlyOnce);
            client.Client.Publish(topic, Encoding.UTF8.GetBytes("secret"), null, null, MqttQoSLevel.ExactlyOnce, false);

            Assert.AreEqual("secret", MqttProbe.Text(client.NextMessage()));
            Assert.IsTrue(client.NextPublished().IsPublished);
        }

        [TestMethod]
        public void Init_PemBytes_ConnectsOverTls()
        {
            using MqttProbe client = MqttProbe.Plain(_broker.Port);

            client.Client.Init("127.0.0.1", _broker.TlsPort, true, Encoding.ASCII.GetBytes(_broker.Certificates.AuthorityPem), null, MqttSslProtocols.TLSv1_2);

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect(MqttProbe.NewId("init")));
            Assert.AreEqual(_broker.TlsPort, client.Client.Settings.SslPort);
        }

        [TestMethod]
        public void Connect_ServerCertFromAnotherCa_IsRefused()
        {
            using MosquittoCertificates stranger = MosquittoCertificates.CreateAuthority("Somebody Else CA");
            using MqttProbe client = MqttProbe.Tls("127.0.0.1", _broker.TlsPort, PemCertificate(stranger.AuthorityPem));

            var ex = Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect(MqttProbe.NewId("stranger")));

            Assert.AreEqual("Exception connecting to the broker", ex.Message);
            Assert.IsInstanceOfType<AuthenticationException>(ex.InnerException);
            Assert.IsFalse(client.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_ValidationOff_AcceptsAnyServerCertificate()
        {
            using var settings = new MqttSettingsOverride();
            settings.Settings.ValidateServerCertificate = false;
            using MosquittoCertificates stranger = MosquittoCertificates.CreateAuthority("Somebody Else CA");
            using MqttProbe client = MqttProbe.Tls("127.0.0.1", _broker.TlsPort, PemCertificate(stranger.AuthorityPem));

            Assert.AreEqual(MqttReasonCode.Success, client.Client.Connect(MqttProbe.NewId("novalidate")));
        }

        [TestMethod]
        public void Connect_HostNameNotInCertificate_IsRefused()
        {
            var options = new MosquittoOptions { Tls = true };
            options.ServerCertificateNames.Clear();
            options.ServerCertificateNames.Add("broker.example");
            using MosquittoBroker misnamed = MosquittoBroker.Start(options);
            using MqttProbe client = MqttProbe.Tls("127.0.0.1", misnamed.TlsPort, PemCertificate(misnamed.Certificates.AuthorityPem));

            var ex = Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect(MqttProbe.NewId("misnamed")));
            Assert.IsInstanceOfType<AuthenticationException>(ex.InnerException);
        }

        [TestMethod]
        public void Connect_UnsupportedTlsVersion_ThrowsConnectionException()
        {
            using MqttProbe client = new MqttProbe(new MqttClient("127.0.0.1", _broker.TlsPort, true, PemCertificate(_broker.Certificates.AuthorityPem), null, MqttSslProtocols.TLSv1_0));

            var ex = Assert.ThrowsExactly<MqttConnectionException>(() => client.Client.Connect(MqttProbe.NewId("tls10")));
            Assert.IsInstanceOfType<System.ArgumentException>(ex.InnerException);
        }

        [TestMethod]
        public void Connect_ClientCertificateRequired_MutualTlsWorks_AndMissingCertIsRefused()
        {
            using MosquittoBroker mutual = MosquittoBroker.Start(new MosquittoOptions { Tls = true, RequireClientCertificate = true });
            X509Certificate ca = PemCertificate(mutual.Certificates.AuthorityPem);
            using X509Certificate2 deviceCert = mutual.Certificates.IssueClient("device-001");

            using (MqttProbe withCert = MqttProbe.Tls("127.0.0.1", mutual.TlsPort, ca, deviceCert))
            {
                Assert.AreEqual(MqttReasonCode.Success, withCert.Client.Connect(MqttProbe.NewId("mtls")));
            }

            // TLS 1.2 fails the handshake; under TLS 1.3 the server would drop the link before the CONNACK instead.
            using MqttProbe without = MqttProbe.Tls("127.0.0.1", mutual.TlsPort, ca);
            System.Exception refused = Assert.Throws<System.Exception>(() => without.Client.Connect(MqttProbe.NewId("nocert")));
            Assert.IsTrue(refused is MqttConnectionException || refused is MqttCommunicationException, refused.ToString());
            Assert.IsFalse(without.Client.IsConnected);
        }

        [TestMethod]
        public void Connect_DeviceClockStill1970_IsRefusedUntilSntpSetsIt()
        {
            // ESP32 images build mbedTLS with CONFIG_MBEDTLS_HAVE_TIME_DATE: a certificate is "not yet valid" at 1970.
            string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tls-clock-" + System.Guid.NewGuid().ToString("N"));
            var node = new Beacons.VirtualDevice.VirtualNode("clock", folder);
            try
            {
                using (node.Enter())
                {
                    Assert.AreEqual(1970, node.WallClockUtc.Year);
                    using (MqttProbe early = MqttProbe.Tls("127.0.0.1", _broker.TlsPort, PemCertificate(_broker.Certificates.AuthorityPem)))
                    {
                        var ex = Assert.ThrowsExactly<MqttConnectionException>(() => early.Client.Connect(MqttProbe.NewId("early")));
                        Assert.IsInstanceOfType<AuthenticationException>(ex.InnerException);
                    }

                    node.NetworkUp = true; // Wi-Fi joined and SNTP answers: the RTC is set
                    Assert.IsTrue(node.WallClockUtc.Year >= 2021);
                    using MqttProbe late = MqttProbe.Tls("127.0.0.1", _broker.TlsPort, PemCertificate(_broker.Certificates.AuthorityPem));
                    Assert.AreEqual(MqttReasonCode.Success, late.Client.Connect(MqttProbe.NewId("late")));
                }
            }
            finally
            {
                node.PowerOff();
                if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, true);
            }
        }

        private static X509Certificate PemCertificate(string pem)
        {
            // What firmware does with the CA file read from flash.
#pragma warning disable SYSLIB0057
            return new X509Certificate(Encoding.ASCII.GetBytes(pem));
#pragma warning restore SYSLIB0057
        }
    }
}
