namespace Beacons.Firmware.Shelf
{
    /// <summary>Outcome of <see cref="Hx711Scale.ReadRaw"/>.</summary>
    public enum Hx711ReadStatus
    {
        /// <summary>A conversion was read at the configured gain.</summary>
        Ok = 0,

        /// <summary>
        /// DOUT did not go low within the timeout, but it has not been high for longer than a working chip can take
        /// (settling after power-up or a gain change is 400 ms at 10 SPS): try again.
        /// </summary>
        NotReady = 1,

        /// <summary>
        /// Nothing answers: DOUT stayed high for longer than any conversion takes (module unplugged, unpowered or
        /// dead; the pull-up holds the line), or a read returned all ones and DOUT never came back low.
        /// </summary>
        SensorMissing = 2,

        /// <summary>The driver powered the chip down; call <see cref="Hx711Scale.PowerUp"/>.</summary>
        PoweredDown = 3,
    }
}
