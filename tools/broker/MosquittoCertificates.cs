using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Beacons.Broker
{
    /// <summary>
    /// A throw-away certificate authority made with <see cref="CertificateRequest"/> at test time: it issues the
    /// broker's server certificate and client certificates, and writes PEM files mosquitto can read.
    /// </summary>
    public sealed class MosquittoCertificates : IDisposable
    {
        private readonly ECDsa _caKey;

        private MosquittoCertificates(X509Certificate2 ca, ECDsa caKey)
        {
            Authority = ca;
            _caKey = caKey;
        }

        /// <summary>The CA certificate (public part only, as a device would carry it).</summary>
        public X509Certificate2 Authority { get; }

        /// <summary>The CA certificate as PEM text.</summary>
        public string AuthorityPem => Authority.ExportCertificatePem();

        /// <summary>Makes a new self-signed CA.</summary>
        public static MosquittoCertificates CreateAuthority(string commonName = "Beacons Test CA")
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 withKey = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
            return new MosquittoCertificates(publicOnly, key);
        }

        /// <summary>Issues a server certificate for the given names; IP literals go in as IP SANs.</summary>
        public X509Certificate2 IssueServer(params string[] names)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (string name in names)
            {
                if (IPAddress.TryParse(name, out IPAddress ip))
                {
                    san.AddIpAddress(ip);
                }
                else
                {
                    san.AddDnsName(name);
                }
            }

            return Issue(names.Length > 0 ? names[0] : "server", san.Build(), "1.3.6.1.5.5.7.3.1");
        }

        /// <summary>Issues a client certificate (with its private key) for mutual TLS.</summary>
        public X509Certificate2 IssueClient(string commonName)
        {
            return Issue(commonName, null, "1.3.6.1.5.5.7.3.2");
        }

        /// <summary>Writes a certificate as PEM.</summary>
        public static void WriteCertificatePem(X509Certificate2 certificate, string path)
        {
            File.WriteAllText(path, certificate.ExportCertificatePem());
        }

        /// <summary>Writes a certificate's private key as PKCS#8 PEM (mode 0600).</summary>
        public static void WritePrivateKeyPem(X509Certificate2 certificate, string path)
        {
            using ECDsa key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("certificate has no EC private key");
            File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        public void Dispose()
        {
            _caKey.Dispose();
            Authority.Dispose();
        }

        private X509Certificate2 Issue(string commonName, X509Extension san, string usageOid)
        {
            // Not disposed: the returned certificate keeps using this key.
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(usageOid) }, false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
            if (san != null)
            {
                request.CertificateExtensions.Add(san);
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            byte[] serial = new byte[12];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            var generator = X509SignatureGenerator.CreateForECDsa(_caKey);
            using X509Certificate2 issued = request.Create(Authority.SubjectName, generator, now.AddDays(-1), now.AddDays(30), serial);
            return issued.CopyWithPrivateKey(key);
        }
    }
}
