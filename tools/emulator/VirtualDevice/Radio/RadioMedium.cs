using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Device.Bluetooth;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// The air of one store: the node radios attached to it, the phones and other sources the world puts on it, one
    /// clock, and the path-loss hook that decides who hears whom. Thread-safe (one lock for the medium and its radios).
    /// </summary>
    /// <remarks>
    /// Scanning follows the ESP32 NimBLE watcher (nf-interpreter ..._BluetoothLEAdvertisementWatcher.cpp:
    /// filter_duplicates = 1, controller duplicate cache CONFIG_BTDM_SCAN_DUPL_CACHE_SIZE = 200, filtered by device
    /// address): a started watcher gets at most one report per advertiser address per scan session, the first time it
    /// is heard; a new session (watcher Stop then Start) hears everyone again. Active scanning adds at most one
    /// ScanResponse report per address per session when the advertiser has scan response data.
    /// </remarks>
    public sealed class RadioMedium
    {
        /// <summary>RSSI used when no <see cref="RssiModel"/> is set: every advertiser is heard at this level.</summary>
        public const int DefaultRssiDbm = -60;

        private readonly List<VirtualRadio> _radios = new List<VirtualRadio>();
        private readonly Dictionary<ulong, RadioAdvertiser> _advertisers = new Dictionary<ulong, RadioAdvertiser>();
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private readonly object _deliveryGate = new object();
        private int _pendingDeliveries;

        /// <summary>Lock shared by the medium and every attached radio.</summary>
        internal object Gate { get; } = new object();

        /// <summary>
        /// Clock in ms for session timestamps and the fast-cycle check. Defaults to real elapsed time since the medium
        /// was created; a world can install a simulated clock.
        /// </summary>
        public Func<long> Clock { get; set; }

        /// <summary>
        /// Path-loss hook: given the receiving node and an advertiser, the RSSI in dBm the node's radio measures, or
        /// null when out of range (then nothing is reported and the duplicate filter is untouched). Null hook: every
        /// advertiser is heard at <see cref="DefaultRssiDbm"/>. Called under the medium's lock: keep it quick and do
        /// not call back into the medium.
        /// </summary>
        public Func<VirtualNode, RadioAdvertiser, int?> RssiModel { get; set; }

        /// <summary>Now on the medium's clock (ms).</summary>
        public long NowMs => Clock != null ? Clock() : _stopwatch.ElapsedMilliseconds;

        /// <summary>Radios attached to this medium.</summary>
        public VirtualRadio[] Radios
        {
            get
            {
                lock (Gate)
                {
                    return _radios.ToArray();
                }
            }
        }

        /// <summary>Advertisers currently on the air (world sources and advertising nodes).</summary>
        public RadioAdvertiser[] Advertisers
        {
            get
            {
                lock (Gate)
                {
                    return new List<RadioAdvertiser>(_advertisers.Values).ToArray();
                }
            }
        }

        /// <summary>Puts <paramref name="node"/>'s radio on this medium (it leaves its previous one).</summary>
        /// <exception cref="InvalidOperationException">The radio is advertising or scanning.</exception>
        public void Attach(VirtualNode node)
        {
            if (node == null)
            {
                throw new ArgumentNullException(nameof(node));
            }

            VirtualRadio radio = node.Radio;
            radio.Bind(node);
            radio.MoveTo(this);
        }

        /// <summary>
        /// Starts (or updates) a continuous advertiser, e.g. a phone: scanning nodes that have not reported its
        /// address in their current scan session hear it now (if in range), and every scan session started later does.
        /// </summary>
        public void SetAdvertiser(RadioAdvertiser advertiser)
        {
            if (advertiser == null)
            {
                throw new ArgumentNullException(nameof(advertiser));
            }

            lock (Gate)
            {
                _advertisers[advertiser.Address] = advertiser;
                OfferToAll(advertiser);
            }
        }

        /// <summary>Takes the advertiser with <paramref name="address"/> off the air.</summary>
        public bool RemoveAdvertiser(ulong address)
        {
            lock (Gate)
            {
                return _advertisers.Remove(address);
            }
        }

        /// <summary>One advertising event heard by whoever is scanning now (not remembered for later sessions).</summary>
        public void Inject(RadioAdvertiser advertiser)
        {
            if (advertiser == null)
            {
                throw new ArgumentNullException(nameof(advertiser));
            }

            lock (Gate)
            {
                OfferToAll(advertiser);
            }
        }

        /// <summary>Offers every continuous advertiser to every scanner again (after the world moved things:
        /// an advertiser that came into range is reported if its address was not yet reported this session).</summary>
        public void Refresh()
        {
            lock (Gate)
            {
                foreach (RadioAdvertiser advertiser in _advertisers.Values)
                {
                    OfferToAll(advertiser);
                }
            }
        }

        /// <summary>Waits until every queued watcher report has been handed to the firmware's handlers.</summary>
        /// <returns>False on timeout.</returns>
        public bool WaitForDeliveries(int timeoutMs)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            lock (_deliveryGate)
            {
                while (_pendingDeliveries > 0)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0)
                    {
                        return false;
                    }

                    Monitor.Wait(_deliveryGate, (int)Math.Min(left, 100));
                }
            }

            return true;
        }

        internal void DeliveryQueued()
        {
            lock (_deliveryGate)
            {
                _pendingDeliveries++;
            }
        }

        internal void DeliveryDone()
        {
            lock (_deliveryGate)
            {
                _pendingDeliveries--;
                Monitor.PulseAll(_deliveryGate);
            }
        }

        /// <summary>Called with Gate held.</summary>
        internal void AddRadio(VirtualRadio radio)
        {
            if (!_radios.Contains(radio))
            {
                _radios.Add(radio);
            }
        }

        /// <summary>Called with Gate held.</summary>
        internal void RemoveRadio(VirtualRadio radio) => _radios.Remove(radio);

        /// <summary>A node radio began advertising (Gate held).</summary>
        internal void NodeAdvertiserOn(RadioAdvertiser advertiser)
        {
            _advertisers[advertiser.Address] = advertiser;
            OfferToAll(advertiser);
        }

        /// <summary>A node radio stopped advertising (Gate held).</summary>
        internal void NodeAdvertiserOff(ulong address) => _advertisers.Remove(address);

        /// <summary>A radio began a scan session: it hears everything already on the air (Gate held).</summary>
        internal void OfferAllTo(VirtualRadio scanner)
        {
            foreach (RadioAdvertiser advertiser in _advertisers.Values)
            {
                Offer(scanner, advertiser);
            }
        }

        private void OfferToAll(RadioAdvertiser advertiser)
        {
            foreach (VirtualRadio radio in _radios)
            {
                Offer(radio, advertiser);
            }
        }

        private void Offer(VirtualRadio scanner, RadioAdvertiser advertiser)
        {
            if (!scanner.IsScanningLocked || (advertiser.SourceNode != null && advertiser.SourceNode.Radio == scanner))
            {
                return;
            }

            int? rssi = RssiModel != null ? RssiModel(scanner.Node, advertiser) : DefaultRssiDbm;
            if (!rssi.HasValue)
            {
                return;
            }

            scanner.HearLocked(advertiser, (short)Math.Max(-127, Math.Min(20, rssi.Value)));
        }
    }
}
