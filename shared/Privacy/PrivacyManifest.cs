using Beacons.Shared.Messaging;
using Beacons.Shared.Proximity;

namespace Beacons.Shared.Privacy
{
    /// <summary>
    /// The retained privacy manifest (<c>&lt;prefix&gt;/&lt;store&gt;/&lt;device&gt;/privacy</c>, docs/privacy.md): what the
    /// node does with phones, so a store, an auditor or a shopper's advocate can check the active policy. It states
    /// the policy and the retention of on-device state; it never contains the store secret, the boot key, or anything
    /// derived from them (the writer is not given them).
    /// </summary>
    public static class PrivacyManifest
    {
        /// <summary>
        /// Writes the manifest into <paramref name="json"/> (cleared first) and returns it. Example:
        /// <c>{"mode":"none","epochHours":24,"k":5,"consentVersion":1,"companyId":65535,"bucketS":300,
        /// "retention":{"addresses":"per-boot-keyed-hash","tokens":"ram-during-session","persisted":"none",
        /// "sessionTimeoutS":20,"maxSessions":64}}</c>.
        /// </summary>
        public static string Write(JsonWriter json, PrivacyOptions privacy, ProximityOptions proximity)
        {
            json.Clear().BeginObject()
                .String("mode", privacy.ModeName)
                .Number("epochHours", privacy.EpochHours)
                .Number("k", privacy.KAnonymity)
                .Number("consentVersion", ConsentSignal.Version)
                .Number("companyId", privacy.ConsentCompanyId)
                .String("events", privacy.Identifiers == IdentifierMode.Consented ? "consented-only" : "aggregates-only");
            if (privacy.Identifiers == IdentifierMode.Consented)
            {
                json.String("pseudonym", "hmac-sha256-64");
            }

            json.Number("bucketS", proximity.BucketS)
                .Name("retention").BeginObject()
                .String("addresses", "per-boot-keyed-hash")
                .String("tokens", privacy.Identifiers == IdentifierMode.Consented ? "ram-during-session" : "not-read")
                .String("persisted", "none")
                .Number("sessionTimeoutS", proximity.SessionTimeoutS)
                .Number("maxSessions", proximity.MaxSessions)
                .EndObject()
                .EndObject();
            return json.ToString();
        }
    }
}
