namespace Beacons.Firmware.Shelf
{
    /// <summary>Input channel and gain of an HX711 (the value is the gain).</summary>
    public enum Hx711Gain
    {
        /// <summary>Channel A, gain 128: ±20 mV full scale at 5 V AVDD (the load-cell channel).</summary>
        A128 = 128,

        /// <summary>Channel A, gain 64: ±40 mV full scale at 5 V AVDD.</summary>
        A64 = 64,

        /// <summary>Channel B, gain 32: ±80 mV full scale at 5 V AVDD.</summary>
        B32 = 32,
    }
}
