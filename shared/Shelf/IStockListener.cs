namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Receives the stock events a lane decides, synchronously inside <see cref="LaneProcessor.Push"/>. The event
    /// instance is reused: format or copy it before returning. The firmware formats it into the outbox; the replay
    /// prints it.
    /// </summary>
    public interface IStockListener
    {
        void OnStockEvent(StockEvent e);
    }
}
