using System.Collections.Generic;

namespace Beacons.Broker
{
    /// <summary>How <see cref="MosquittoBroker"/> configures its broker. Defaults: anonymous, plain TCP only, no persistence.</summary>
    public sealed class MosquittoOptions
    {
        /// <summary>Whether clients without credentials may connect.</summary>
        public bool AllowAnonymous { get; set; } = true;

        /// <summary>User name to password; when non-empty a password file is generated with mosquitto_passwd.</summary>
        public IDictionary<string, string> Users { get; } = new Dictionary<string, string>();

        /// <summary>Path of an ACL file (mosquitto acl_file syntax), or null for none.</summary>
        public string AclFile { get; set; }

        /// <summary>Adds a TLS listener on <see cref="MosquittoBroker.TlsPort"/> with a CA and server certificate made at start.</summary>
        public bool Tls { get; set; }

        /// <summary>Names the server certificate is issued for (IP addresses become IP SANs).</summary>
        public IList<string> ServerCertificateNames { get; } = new List<string> { "127.0.0.1", "localhost" };

        /// <summary>TLS listener demands a client certificate issued by the broker's CA.</summary>
        public bool RequireClientCertificate { get; set; }

        /// <summary>Keep retained messages and sessions on disk across <see cref="MosquittoBroker.Restart"/>.</summary>
        public bool Persistence { get; set; }

        /// <summary>mosquitto.conf lines appended after the listeners, e.g. a bridge section (<c>connection</c>, <c>address</c>, <c>topic</c>).</summary>
        public IList<string> ExtraConfig { get; } = new List<string>();
    }
}
