namespace Beacons.Shared.Proximity
{
    /// <summary>
    /// Receives every proximity payload exactly as it is to be published on <c>events/proximity</c> (compact JSON).
    /// The firmware enqueues it into the outbox as <c>OutboxClass.Proximity</c>; the replay prints it.
    /// </summary>
    public interface IProximityListener
    {
        void OnProximityPayload(string payload);
    }
}
