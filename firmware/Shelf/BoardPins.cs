namespace Beacons.Firmware.Shelf
{
    /// <summary>
    /// Board-level pin plan for the ESP32-DevKitC reference board (hardware/pinouts.md): the SPI clock pin each bus
    /// needs assigned (the HX711 ignores it, so it stays unconnected); the lanes' own DOUT / PD_SCK come from the config.
    /// Pins are muxed only by <see cref="Hx711SharedBus"/> (through <see cref="Hx711Wiring.Route"/>); drivers and the
    /// core never call SetPinFunction.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>Unconnected SCK pin of SPI bus 1 (GPIO 18) and bus 2 (GPIO 14).</summary>
        public static int SpiClockPin(int busId)
        {
            return busId == 2 ? 14 : 18;
        }
    }
}
