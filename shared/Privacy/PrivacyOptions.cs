using Beacons.Shared.Common;
using Beacons.Shared.Configuration;

namespace Beacons.Shared.Privacy
{
    /// <summary>
    /// The <c>privacy</c> section of the device config: the store's identifier policy (docs/privacy.md). The store
    /// secret is a credential: it is never published, logged, echoed in an error or written by the manifest.
    /// </summary>
    public sealed class PrivacyOptions
    {
        /// <summary>Default company id of the consent signal: 0xFFFF, the SIG's id reserved for tests and internal use.</summary>
        public const int DefaultCompanyId = 0xFFFF;

        public PrivacyOptions()
        {
            Identifiers = IdentifierMode.None;
            KAnonymity = 5;
            EpochHours = 24;
            ConsentCompanyId = DefaultCompanyId;
        }

        /// <summary><c>privacy.identifiers</c>: none (default) or consented.</summary>
        public IdentifierMode Identifiers { get; set; }

        /// <summary><c>privacy.kAnonymity</c>: aggregates with fewer distinct visitors are not published; 2–1000, default 5.</summary>
        public int KAnonymity { get; set; }

        /// <summary><c>privacy.epochHours</c>: lifetime of an analytics pseudonym, 1–168 h, default 24.</summary>
        public int EpochHours { get; set; }

        /// <summary><c>privacy.storeSecret</c>: HMAC key shared by the store's nodes, 32–128 hex digits; required when consented.</summary>
        public string StoreSecretHex { get; set; }

        /// <summary><c>privacy.consentCompanyId</c>: Bluetooth SIG company id the retailer's app advertises under, 0–65535.</summary>
        public int ConsentCompanyId { get; set; }

        /// <summary>The wire name of <see cref="Identifiers"/> (enum names are numbers on the device).</summary>
        public string ModeName
        {
            get { return Identifiers == IdentifierMode.Consented ? "consented" : "none"; }
        }

        /// <summary>Reads and validates the <c>privacy</c> section; null section = all defaults.</summary>
        public static PrivacyOptions Read(ConfigSection s)
        {
            var o = new PrivacyOptions();
            if (s == null)
            {
                return o;
            }

            string mode = s.GetString("identifiers", "none");
            if (mode == "none")
            {
                o.Identifiers = IdentifierMode.None;
            }
            else if (mode == "consented")
            {
                o.Identifiers = IdentifierMode.Consented;
            }
            else
            {
                throw new ConfigException(s.KeyPath("identifiers"), "must be \"none\" or \"consented\"");
            }

            // Range checks happen in Validate (one place for the rules); read wide here so the message is the same.
            o.KAnonymity = s.GetInt("kAnonymity", 5, int.MinValue, int.MaxValue);
            o.EpochHours = s.GetInt("epochHours", 24, int.MinValue, int.MaxValue);
            o.ConsentCompanyId = s.GetInt("consentCompanyId", DefaultCompanyId, int.MinValue, int.MaxValue);
            o.StoreSecretHex = s.GetString("storeSecret", null);
            s.RejectUnknownKeys();
            o.Validate();
            return o;
        }

        /// <summary>
        /// The policy a <c>set-privacy</c> command asks for: <c>identifiers</c>, <c>kAnonymity</c> and <c>epochHours</c>
        /// may change; the store secret and company id stay as provisioned (a secret never travels in a command).
        /// Validated in full before anything changes; a bad argument is a <see cref="Messaging.CommandRejectedException"/>.
        /// </summary>
        public static PrivacyOptions FromCommand(System.Collections.Hashtable body, PrivacyOptions current)
        {
            var next = new PrivacyOptions();
            next.Identifiers = current.Identifiers;
            next.KAnonymity = current.KAnonymity;
            next.EpochHours = current.EpochHours;
            next.ConsentCompanyId = current.ConsentCompanyId;
            next.StoreSecretHex = current.StoreSecretHex;
            string id = body["id"] as string;
            object mode = body["identifiers"];
            if (mode != null)
            {
                if ("none".Equals(mode))
                {
                    next.Identifiers = IdentifierMode.None;
                }
                else if ("consented".Equals(mode))
                {
                    next.Identifiers = IdentifierMode.Consented;
                }
                else
                {
                    throw new Messaging.CommandRejectedException(id, "invalid", "identifiers must be \"none\" or \"consented\"");
                }
            }

            next.KAnonymity = WholeNumber(body, "kAnonymity", next.KAnonymity, id);
            next.EpochHours = WholeNumber(body, "epochHours", next.EpochHours, id);
            try
            {
                next.Validate();
            }
            catch (ConfigException ex)
            {
                throw new Messaging.CommandRejectedException(id, "invalid", ex.Message);
            }

            return next;
        }

        private static int WholeNumber(System.Collections.Hashtable body, string key, int current, string id)
        {
            object raw = body[key];
            if (raw == null)
            {
                return current;
            }

            if (!(raw is double) || !Common.ExactMath.IsWhole((double)raw) || (double)raw > int.MaxValue || (double)raw < int.MinValue)
            {
                throw new Messaging.CommandRejectedException(id, "invalid", key + " must be a whole number");
            }

            return (int)(double)raw;
        }

        /// <summary>Checks every rule; throws <see cref="ConfigException"/> with the key <c>privacy.*</c>.</summary>
        public void Validate()
        {
            if (Identifiers != IdentifierMode.None && Identifiers != IdentifierMode.Consented)
            {
                throw new ConfigException("privacy.identifiers", "must be \"none\" or \"consented\"");
            }

            if (KAnonymity < 2 || KAnonymity > 1000)
            {
                throw new ConfigException("privacy.kAnonymity", "must be between 2 and 1000");
            }

            if (EpochHours < 1 || EpochHours > 168)
            {
                throw new ConfigException("privacy.epochHours", "must be between 1 and 168");
            }

            if (ConsentCompanyId < 0 || ConsentCompanyId > 0xFFFF)
            {
                throw new ConfigException("privacy.consentCompanyId", "must be between 0 and 65535");
            }

            if (StoreSecretHex != null || Identifiers == IdentifierMode.Consented)
            {
                // The message never contains the value: a secret must not reach logs through an error.
                if (StoreSecretHex == null || StoreSecretHex.Length == 0)
                {
                    throw new ConfigException("privacy.storeSecret", "is required when identifiers is \"consented\"");
                }

                byte[] key = Hex.TryDecode(StoreSecretHex);
                if (key == null || key.Length < 16 || key.Length > 64)
                {
                    throw new ConfigException("privacy.storeSecret", "must be 32 to 128 hex digits");
                }
            }
        }

        /// <summary>The decoded store secret, or null when none is configured.</summary>
        public byte[] StoreSecretBytes()
        {
            return StoreSecretHex == null ? null : Hex.TryDecode(StoreSecretHex);
        }
    }
}
