namespace System.Device.Spi
{
    /// <summary>Bit order on the wire.</summary>
    public enum DataFlow
    {
        /// <summary>Most significant bit first.</summary>
        MsbFirst,

        /// <summary>Least significant bit first.</summary>
        LsbFirst,
    }
}
