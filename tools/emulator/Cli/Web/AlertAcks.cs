using System;
using System.Collections.Generic;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// Which alerts (by their index in <see cref="Monitor.StoreView.Alerts"/>, which only grows) someone acknowledged
    /// on the page. In memory: alerts themselves are rebuilt from the broker after a restart.
    /// </summary>
    public sealed class AlertAcks
    {
        /// <summary>Acknowledgements kept; beyond it the oldest are forgotten (the page shows the newest alerts only).</summary>
        public const int Capacity = 10_000;

        private readonly object _gate = new object();
        private readonly HashSet<int> _acked = new HashSet<int>();
        private readonly Queue<int> _order = new Queue<int>();

        /// <summary>Raised after an acknowledgement, so live pages refresh.</summary>
        public event Action Changed;

        /// <returns>False when <paramref name="id"/> names no alert (the caller answers 404).</returns>
        public bool Acknowledge(int id, int alertCount)
        {
            if (id < 0 || id >= alertCount)
            {
                return false;
            }

            lock (_gate)
            {
                if (_acked.Add(id))
                {
                    _order.Enqueue(id);
                    if (_order.Count > Capacity)
                    {
                        _acked.Remove(_order.Dequeue());
                    }
                }
            }

            Changed?.Invoke();
            return true;
        }

        public bool IsAcknowledged(int id)
        {
            lock (_gate)
            {
                return _acked.Contains(id);
            }
        }
    }
}
