using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.LowLevelClient;
using MQTTnet.Packets;
using nanoFramework.M2Mqtt;
using MqttNetProtocolVersion = MQTTnet.Formatter.MqttProtocolVersion;

namespace Beacons.VirtualDevice.Mqtt
{
    /// <summary>
    /// One connection to the broker: MQTTnet's low-level client does the wire codec and the TLS channel; the socket
    /// under it is ours (<see cref="SocketProvider"/>), so a power cut can reset it. Like the device's mbedTLS setup,
    /// a given CA certificate is the only trust anchor, the host name must match the certificate, and validity is
    /// checked against the node's own clock.
    /// </summary>
    internal sealed class BrokerConnection : IDisposable
    {
        private readonly ILowLevelMqttClient _client;
        private readonly SocketProvider _sockets;
        private int _closed;

        private BrokerConnection(ILowLevelMqttClient client, SocketProvider sockets)
        {
            _client = client;
            _sockets = sockets;
        }

        /// <summary>
        /// Connects (TCP, then the TLS handshake when <paramref name="secure"/>); throws the underlying
        /// <see cref="SocketException"/>, <see cref="AuthenticationException"/>, <see cref="ArgumentException"/>...
        /// rather than MQTTnet's wrapper, so the caller can map it as M2Mqtt does.
        /// </summary>
        public static BrokerConnection Open(
            string hostName,
            IPAddress address,
            int port,
            MqttProtocolVersion version,
            bool secure,
            X509Certificate caCert,
            X509Certificate clientCert,
            MqttSslProtocols sslProtocol,
            bool validateServerCertificate,
            int timeoutMs)
        {
            var sockets = new SocketProvider();
            var tcp = new MqttClientTcpOptions
            {
                RemoteEndpoint = new IPEndPoint(address, port),
                StreamProvider = sockets,
            };

            if (secure)
            {
                SslProtocols protocols = ToSslProtocols(sslProtocol);
                X509Certificate2 ca = caCert == null ? null : (caCert as X509Certificate2 ?? new X509Certificate2(caCert));

                // nanoFramework's ESP32 images build mbedTLS with CONFIG_MBEDTLS_HAVE_TIME_DATE=y, so certificate
                // validity is checked against the RTC: before SNTP (1970) every server certificate is "not yet valid".
                VirtualNode node = VirtualNode.CurrentOrNull;
                DateTime deviceNowUtc = node == null ? DateTime.UtcNow : node.WallClockUtc;
                tcp.TlsOptions = new MqttClientTlsOptions
                {
                    UseTls = true,
                    TargetHost = hostName,
                    SslProtocol = protocols,
                    IgnoreCertificateRevocationErrors = true,
                    RevocationMode = X509RevocationMode.NoCheck,
                    CertificateValidationHandler = e =>
                        IsServerCertificateValid(e.Certificate, e.Chain, e.SslPolicyErrors, ca, validateServerCertificate, deviceNowUtc),
                };
                if (clientCert != null)
                {
                    tcp.TlsOptions.ClientCertificatesProvider = new DefaultMqttCertificatesProvider(new[] { clientCert });
                }
            }

            var options = new MqttClientOptions
            {
                ChannelOptions = tcp,
                ProtocolVersion = version == MqttProtocolVersion.Version_3_1 ? MqttNetProtocolVersion.V310 : MqttNetProtocolVersion.V311,
                Timeout = TimeSpan.FromMilliseconds(timeoutMs),
            };
            ILowLevelMqttClient client = new MqttClientFactory().CreateLowLevelMqttClient();
            try
            {
                using var timeout = new CancellationTokenSource(timeoutMs);
                client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
                return new BrokerConnection(client, sockets);
            }
            catch (OperationCanceledException)
            {
                client.Dispose();
                sockets.Abort();
                throw new SocketException((int)SocketError.TimedOut);
            }
            catch (Exception ex)
            {
                client.Dispose();
                sockets.Abort();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(Unwrap(ex)).Throw();
                throw;
            }
        }

        /// <summary>Writes one whole packet; MQTTnet serialises concurrent writers.</summary>
        public void Send(MqttPacket packet)
        {
            _client.SendAsync(packet, CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>The next packet from the broker; throws when the connection ends or a packet is malformed.</summary>
        public MqttPacket Receive()
        {
            return _client.ReceiveAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>Graceful close (FIN after what was written).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            _sockets.Shutdown();
            _client.Dispose();
        }

        /// <summary>
        /// Power cut: the socket goes away with a TCP reset and without DISCONNECT, so the broker treats the client
        /// as lost and publishes its Last Will.
        /// </summary>
        public void Abort()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            _sockets.Abort();
            try
            {
                _client.Dispose();
            }
            catch (Exception)
            {
                // The TLS close_notify cannot be written any more; that is the point.
            }
        }

        /// <summary>MQTTnet wraps transport failures in its MqttCommunicationException; M2Mqtt reports the cause.</summary>
        private static Exception Unwrap(Exception ex)
        {
            while ((ex is MQTTnet.Exceptions.MqttCommunicationException || ex is AggregateException || ex is IOException) && ex.InnerException != null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }

        /// <summary>M2Mqtt maps only these three; any other value fails the connection with ArgumentException.</summary>
        private static SslProtocols ToSslProtocols(MqttSslProtocols protocol)
        {
            switch (protocol)
            {
                case MqttSslProtocols.None:
                    return SslProtocols.None;
                case MqttSslProtocols.TLSv1_2:
                    return SslProtocols.Tls12;
                case MqttSslProtocols.TLSv1_3:
                    return SslProtocols.Tls13;
                default:
                    throw new ArgumentException("SSL/TLS protocol version not supported");
            }
        }

        private static bool IsServerCertificateValid(
            X509Certificate certificate, X509Chain presented, SslPolicyErrors errors, X509Certificate2 ca, bool validate, DateTime deviceNowUtc)
        {
            if (!validate)
            {
                return true;
            }

            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return false;
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            var server = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            if (deviceNowUtc < server.NotBefore.ToUniversalTime() || deviceNowUtc > server.NotAfter.ToUniversalTime())
            {
                return false; // MBEDTLS_X509_BADCERT_FUTURE / _EXPIRED against the device's clock
            }

            if (ca == null)
            {
                // No CA given: the device falls back to its stored root bundle; the host's system roots stand for it.
                return errors == SslPolicyErrors.None;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
            chain.ChainPolicy.VerificationTime = deviceNowUtc.ToLocalTime();
            if (presented != null)
            {
                // Intermediates the server sent may complete the path; they are never trusted on their own.
                foreach (X509ChainElement element in presented.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return chain.Build(server);
        }

        /// <summary>
        /// The TCP socket under MQTTnet's channel: IPv4 (the device's lwIP), no Nagle, a plain FIN on close, and a
        /// reset on <see cref="Abort"/>.
        /// </summary>
        private sealed class SocketProvider : MQTTnet.Channel.IMqttClientStreamProvider
        {
            private Socket _socket;

            public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                _socket = socket;
                try
                {
                    await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    socket.Dispose();
                    throw new SocketException((int)SocketError.TimedOut);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                return new NetworkStream(socket, ownsSocket: true);
            }

            public void Shutdown()
            {
                try
                {
                    _socket?.Shutdown(SocketShutdown.Both);
                }
                catch (Exception)
                {
                    // Already reset by the peer, or never connected.
                }
            }

            public void Abort()
            {
                Socket socket = _socket;
                if (socket == null)
                {
                    return;
                }

                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception)
                {
                    // Already closed.
                }

                socket.Dispose();
            }
        }
    }
}
