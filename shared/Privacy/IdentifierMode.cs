namespace Beacons.Shared.Privacy
{
    /// <summary>The store's policy for identifiers in proximity events (<c>privacy.identifiers</c>).</summary>
    public enum IdentifierMode
    {
        /// <summary>No identifier of any kind leaves the node; phones only feed k-anonymous aggregates (the default).</summary>
        None = 0,

        /// <summary>Shoppers who opted in through the consent signal get an epoch pseudonym (and a stable one if they asked for personalization).</summary>
        Consented = 1,
    }
}
