namespace Beacons.Shared.Shelf
{
    /// <summary>What the HX711 driver says about one sample slot (the driver reports it; the chain never guesses it).</summary>
    public enum SampleStatus
    {
        /// <summary>A conversion was read; its raw count is meaningful (it may still be a glitch or a rail code).</summary>
        Ok = 0,

        /// <summary>DOUT did not go low within the expected conversion time; the raw value is meaningless.</summary>
        ReadyTimeout = 1,

        /// <summary>The driver knows no chip answers (never ready since power-up, or the module is unplugged).</summary>
        NoSensor = 2
    }
}
