namespace Beacons.Shared.Shelf
{
    /// <summary>Receives each stock payload exactly as it would be published (compact JSON, one event per call).</summary>
    public interface IStockPayloadListener
    {
        void OnStockPayload(string payload);
    }
}
