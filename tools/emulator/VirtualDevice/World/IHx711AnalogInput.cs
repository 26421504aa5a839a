namespace Beacons.VirtualDevice.World
{
    /// <summary>
    /// The analog side of a simulated HX711: what its differential inputs carry. <see cref="Hx711Chip"/> handles the
    /// protocol and timing and asks this for the conversion result whenever a conversion completes; a load-cell model
    /// (bridge, excitation, noise, drift, creep) implements it.
    /// </summary>
    public interface IHx711AnalogInput
    {
        /// <summary>
        /// Whether the HX711 module is plugged in and powered. False: DOUT floats and the pin plan's pull-up holds it
        /// high (never ready; a read clocks out all ones). Going from false to true is a power-on reset of the chip.
        /// </summary>
        bool Connected { get; }

        /// <summary>
        /// The ADC output code of a conversion that completed at <paramref name="tMs"/> with the given input selection:
        /// the differential input voltage times the gain, in LSB of the 24-bit converter (full scale ±0.5·AVDD/gain =
        /// ±8388608 counts). The chip clamps the result to [-8388608, 8388607] as the real one saturates.
        /// </summary>
        /// <param name="tMs">Board time of the conversion in milliseconds (VirtualBoard.NowUs / 1000, floored).</param>
        /// <param name="channelGain">128 or 64 (channel A) or 32 (channel B).</param>
        int CountsAt(long tMs, int channelGain);
    }
}
