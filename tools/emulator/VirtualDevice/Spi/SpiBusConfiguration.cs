namespace System.Device.Spi
{
    /// <summary>Bus wiring between master and slave.</summary>
    public enum SpiBusConfiguration
    {
        /// <summary>4 wires: all signals connected.</summary>
        FullDuplex,

        /// <summary>3 wires: CS, SCK and MOSI.</summary>
        HalfDuplex,

        /// <summary>2 wires: master to slave only.</summary>
        Simplex,
    }
}
