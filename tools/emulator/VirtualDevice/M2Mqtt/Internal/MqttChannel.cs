using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt;

namespace Beacons.VirtualDevice.Mqtt
{
    /// <summary>
    /// One TCP (optionally TLS) connection to the broker. Like the device's mbedTLS setup, a given CA certificate is
    /// the only trust anchor: the server chain must end at it, and the host name must match the certificate.
    /// </summary>
    internal sealed class MqttChannel : IDisposable
    {
        private readonly Socket _socket;
        private readonly Stream _stream;
        private readonly object _writeLock = new object();
        private int _closed;

        private MqttChannel(Socket socket, Stream stream)
        {
            _socket = socket;
            _stream = stream;
        }

        public Stream Stream => _stream;

        /// <summary>Connects, then runs the TLS handshake when <paramref name="secure"/>; throws on any failure.</summary>
        public static MqttChannel Open(
            string hostName,
            IPAddress address,
            int port,
            bool secure,
            X509Certificate caCert,
            X509Certificate clientCert,
            MqttSslProtocols sslProtocol,
            bool validateServerCertificate,
            int timeoutMs)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ConnectWithTimeout(socket, new IPEndPoint(address, port), timeoutMs);
                var network = new NetworkStream(socket, ownsSocket: false);
                if (!secure)
                {
                    return new MqttChannel(socket, network);
                }

                SslProtocols protocols = ToSslProtocols(sslProtocol);
                X509Certificate2 ca = caCert == null ? null : (caCert as X509Certificate2 ?? new X509Certificate2(caCert));

                // nanoFramework's ESP32 images build mbedTLS with CONFIG_MBEDTLS_HAVE_TIME_DATE=y, so certificate
                // validity is checked against the RTC: before SNTP (1970) every server certificate is "not yet valid".
                VirtualNode node = VirtualNode.CurrentOrNull;
                DateTime deviceNowUtc = node == null ? DateTime.UtcNow : node.WallClockUtc;
                var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = hostName,
                    EnabledSslProtocols = protocols,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                        IsServerCertificateValid(certificate, chain, errors, ca, validateServerCertificate, deviceNowUtc),
                };
                if (clientCert != null)
                {
                    options.ClientCertificates = new X509CertificateCollection { clientCert };
                }

                socket.ReceiveTimeout = timeoutMs;
                socket.SendTimeout = timeoutMs;
                ssl.AuthenticateAsClient(options);
                socket.ReceiveTimeout = 0;
                socket.SendTimeout = 0;
                return new MqttChannel(socket, ssl);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>Writes one whole packet; concurrent writers never interleave.</summary>
        public void Write(byte[] packet)
        {
            lock (_writeLock)
            {
                _stream.Write(packet, 0, packet.Length);
                _stream.Flush();
            }
        }

        /// <summary>Fills <paramref name="buffer"/>; returns false when the peer closed the connection first.</summary>
        public bool ReadExactly(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int read = _stream.Read(buffer, offset, count);
                if (read == 0)
                {
                    return false;
                }

                offset += read;
                count -= read;
            }

            return true;
        }

        /// <summary>Graceful close (FIN after what was written).</summary>
        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception)
            {
                // Already reset by the peer.
            }

            _stream.Dispose();
            _socket.Dispose();
        }

        /// <summary>
        /// Power cut: the socket goes away with a TCP reset and without DISCONNECT, so the broker treats the client
        /// as lost and publishes its Last Will.
        /// </summary>
        public void Abort()
        {
            if (System.Threading.Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            try
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception)
            {
                // Already closed.
            }

            _socket.Dispose();
            try
            {
                _stream.Dispose();
            }
            catch (Exception)
            {
                // The TLS close_notify cannot be written any more; that is the point.
            }
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

        private static void ConnectWithTimeout(Socket socket, EndPoint endPoint, int timeoutMs)
        {
            System.Threading.Tasks.Task connect = socket.ConnectAsync(endPoint);
            bool done;
            try
            {
                done = connect.Wait(timeoutMs);
            }
            catch (AggregateException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }

            if (!done)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }
        }
    }
}
