namespace Beacons.Shared.Update
{
    /// <summary>
    /// The subscriptions a <see cref="BundleDownload"/> needs: one retained topic at a time (the manifest, then each
    /// chunk). The firmware implements it over its MQTT client; messages come back through
    /// <see cref="BundleDownload.Offer"/>.
    /// </summary>
    public interface IChunkLink
    {
        /// <summary>Subscribes at QoS 1; false when the session cannot take it now (the download retries).</summary>
        bool Subscribe(string topic);

        bool Unsubscribe(string topic);
    }
}
