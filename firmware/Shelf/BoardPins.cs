using Beacons.Shared.Shelf;

namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// Board-level pin plan for the ESP32-DevKitC reference board (hardware/pinouts.md): the SPI clock pin each bus
    /// needs assigned (the HX711 ignores it, so it stays unconnected) and the lane's own DOUT / PD_SCK from the config.
    /// The only place pin muxing happens; drivers and the core never call SetPinFunction.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>Unconnected SCK pin of SPI bus 1 (GPIO 18) and bus 2 (GPIO 14).</summary>
        public static int SpiClockPin(int busId)
        {
            return busId == 2 ? 14 : 18;
        }

        public static void RouteLane(LaneOptions lane)
        {
            Hx711Wiring.Route(lane.SpiBus, lane.DoutPin, lane.PdSckPin, SpiClockPin(lane.SpiBus));
        }
    }
}
