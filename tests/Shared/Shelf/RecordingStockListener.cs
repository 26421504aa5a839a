using System.Collections;
using Beacons.Shared.Shelf;

namespace Beacons.Tests.Shelf
{
    /// <summary>Keeps a copy of every stock event a lane emits.</summary>
    public sealed class RecordingStockListener : IStockListener
    {
        private readonly ArrayList _events = new ArrayList();

        public int Count
        {
            get { return _events.Count; }
        }

        public void OnStockEvent(StockEvent e)
        {
            var copy = new StockEvent();
            copy.CopyFrom(e);
            _events.Add(copy);
        }

        public StockEvent At(int index)
        {
            return (StockEvent)_events[index];
        }

        /// <summary>Events of <paramref name="kind"/>.</summary>
        public int CountOf(StockEventKind kind)
        {
            int n = 0;
            for (int i = 0; i < _events.Count; i++)
            {
                if (At(i).Kind == kind)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The last event of <paramref name="kind"/>, or null.</summary>
        public StockEvent Last(StockEventKind kind)
        {
            for (int i = _events.Count - 1; i >= 0; i--)
            {
                if (At(i).Kind == kind)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>Pick and restock events together.</summary>
        public int StockChanges
        {
            get { return CountOf(StockEventKind.Pick) + CountOf(StockEventKind.Restock); }
        }

        public void Clear()
        {
            _events.Clear();
        }
    }
}
