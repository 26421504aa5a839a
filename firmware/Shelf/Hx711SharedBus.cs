using System;
using System.Device.Spi;
using Beacons.Shared.Shelf;

namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// Several HX711 lanes on one SPI bus (at most <see cref="MaxLanesPerBus"/>): <see cref="Select"/> re-muxes the
    /// bus to a lane's pins when the lane changes. Pass the returned device to the lane's
    /// <see cref="Hx711Scale.Bind"/> before each read. Scales on a shared bus are created with shouldDispose false;
    /// this object owns the bus device.
    /// </summary>
    public sealed class Hx711SharedBus : IDisposable
    {
        /// <summary>Lanes one bus serves.</summary>
        public const int MaxLanesPerBus = LaneBusPlan.MaxLanesPerBus;

        private readonly int _busId;
        private readonly int _clockPin;
        private readonly int _clockFrequencyHz;
        private readonly int[] _doutPins = new int[MaxLanesPerBus];
        private readonly int[] _pdSckPins = new int[MaxLanesPerBus];
        private int _laneCount;
        private int _selected = -1;
        private SpiDevice _device;

        /// <summary>A bus for lanes, with its unconnected clock pin.</summary>
        /// <param name="busId">1 or 2.</param>
        /// <param name="clockPin">Free GPIO for SPIn_CLOCK (left unconnected).</param>
        /// <param name="clockFrequencyHz">SPI clock, default 700 kHz.</param>
        /// <exception cref="ArgumentOutOfRangeException">The bus is not 1 or 2.</exception>
        public Hx711SharedBus(int busId, int clockPin, int clockFrequencyHz = Hx711Scale.DefaultClockFrequencyHz)
        {
            if (busId != 1 && busId != 2)
            {
                throw new ArgumentOutOfRangeException("busId");
            }

            _busId = busId;
            _clockPin = clockPin;
            _clockFrequencyHz = clockFrequencyHz;
        }

        /// <summary>Number of lanes added.</summary>
        public int LaneCount
        {
            get { return _laneCount; }
        }

        /// <summary>Adds a lane and returns its index on this bus.</summary>
        /// <exception cref="InvalidOperationException">The bus already has <see cref="MaxLanesPerBus"/> lanes.</exception>
        public int AddLane(int doutPin, int pdSckPin)
        {
            if (_laneCount >= MaxLanesPerBus)
            {
                throw new InvalidOperationException("an SPI bus serves at most 2 HX711 lanes");
            }

            _doutPins[_laneCount] = doutPin;
            _pdSckPins[_laneCount] = pdSckPin;
            _laneCount++;
            return _laneCount - 1;
        }

        /// <summary>
        /// The bus device wired to <paramref name="lane"/>. Allocation-free while the lane stays selected; a switch
        /// frees the bus (the old PD_SCK line falls to its pull-down), re-routes the pins and opens the bus again.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">No such lane.</exception>
        public SpiDevice Select(int lane)
        {
            if (lane < 0 || lane >= _laneCount)
            {
                throw new ArgumentOutOfRangeException("lane");
            }

            if (lane != _selected || _device == null)
            {
                if (_device != null)
                {
                    _device.Dispose();
                    _device = null;
                }

                Hx711Wiring.Route(_busId, _doutPins[lane], _pdSckPins[lane], _clockPin);
                _device = Hx711Wiring.OpenBus(_busId, _clockFrequencyHz);
                _selected = lane;
            }

            return _device;
        }

        /// <summary>Frees the bus.</summary>
        public void Dispose()
        {
            if (_device != null)
            {
                _device.Dispose();
                _device = null;
            }

            _selected = -1;
        }
    }
}
