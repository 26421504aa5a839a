using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using Beacons.Emulator.Monitor;
using Beacons.Tests.Integration.Infrastructure;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Mqtt
{
    /// <summary>
    /// The store-ops monitor over mqtts://: TLS with the broker's certificate checked against the given CA, never a
    /// silent fallback to plain text. The monitor's MQTT client is MQTTnet's; the publisher here is the virtual device's.
    /// </summary>
    [TestClass]
    public sealed class MonitorTlsTests
    {
        private static MosquittoBroker _broker;

        [ClassInitialize]
        public static void StartBroker(TestContext context)
        {
            _broker = MosquittoBroker.Start(new MosquittoOptions { Tls = true });
        }

        [ClassCleanup]
        public static void StopBroker()
        {
            _broker?.Dispose();
        }

        [TestMethod]
        public void Mqtts_WithTheBrokersCa_SeesRetainedStatus()
        {
            using (MqttProbe publisher = MqttProbe.Plain(_broker.Port))
            {
                Assert.AreEqual(MqttReasonCode.Success, publisher.Client.Connect(MqttProbe.NewId("pub")));
                publisher.Client.Publish("retail/v1/s077/n01/status", Encoding.UTF8.GetBytes("{\"state\":\"online\",\"fw\":\"1.0.0\",\"uptimeS\":5,\"boot\":3}"), null, null, MqttQoSLevel.AtLeastOnce, true);
                publisher.NextPublished();
            }

            var view = new StoreView();
            using var subscriber = new StoreSubscriber($"mqtts://{_broker.Host}:{_broker.TlsPort}", "retail/v1", "s077", view, caFile: _broker.CaFile);

            var clock = Stopwatch.StartNew();
            while (!view.Nodes.Any(n => n.Key.EndsWith("n01", StringComparison.Ordinal) && n.State == "online") && clock.Elapsed < MqttProbe.Patience)
            {
                Thread.Sleep(50);
            }

            Assert.IsTrue(view.Nodes.Any(n => n.State == "online"), "status over TLS: " + string.Join(", ", view.Nodes.Select(n => n.Key + "=" + n.State)));
        }

        [TestMethod]
        public void Mqtts_ToThePlainListener_Fails()
        {
            // A TLS client against a plain-text port cannot complete a handshake: proof the monitor does speak TLS.
            Assert.ThrowsExactly<MqttConnectionException>(() =>
                new StoreSubscriber($"mqtts://{_broker.Host}:{_broker.Port}", "retail/v1", "s077", new StoreView(), caFile: _broker.CaFile));
        }

        [TestMethod]
        public void Mqtts_WithoutTheCa_RejectsTheTestCertificate()
        {
            var ex = Assert.ThrowsExactly<MqttConnectionException>(() =>
                new StoreSubscriber($"mqtts://{_broker.Host}:{_broker.TlsPort}", "retail/v1", "s077", new StoreView()));
            Assert.IsInstanceOfType<AuthenticationException>(ex.InnerException, ex.ToString());
        }

        [TestMethod]
        public void Mqtts_WithAnotherCa_RejectsTheBrokersCertificate()
        {
            using MosquittoCertificates stranger = MosquittoCertificates.CreateAuthority("Somebody Else CA");
            string strangerFile = Path.Combine(Path.GetTempPath(), "stranger-ca-" + Guid.NewGuid().ToString("N") + ".pem");
            File.WriteAllText(strangerFile, stranger.AuthorityPem);
            try
            {
                var ex = Assert.ThrowsExactly<MqttConnectionException>(() =>
                    new StoreSubscriber($"mqtts://{_broker.Host}:{_broker.TlsPort}", "retail/v1", "s077", new StoreView(), caFile: strangerFile));
                Assert.AreEqual("Exception connecting to the broker", ex.Message);
                Assert.IsInstanceOfType<AuthenticationException>(ex.InnerException, ex.ToString());
            }
            finally
            {
                File.Delete(strangerFile);
            }
        }

        [TestMethod]
        public void Mqtt_CaFileWithoutTls_IsAnArgumentError()
        {
            var ex = Assert.ThrowsExactly<ArgumentException>(() =>
                new StoreSubscriber($"mqtt://{_broker.Host}:{_broker.Port}", "retail/v1", "s077", new StoreView(), caFile: _broker.CaFile));
            StringAssert.Contains(ex.Message, "mqtts://");
        }

        [TestMethod]
        [DataRow("http://broker:1883")]
        [DataRow("mqtt//broker")]
        [DataRow("broker:1883")]
        public void BadBrokerUrl_OneLineArgumentError(string url)
        {
            var ex = Assert.ThrowsExactly<ArgumentException>(() => new StoreSubscriber(url, "retail/v1", null, new StoreView()));
            StringAssert.Contains(ex.Message, "mqtts://host");
        }
    }
}
