namespace System.Device.Spi
{
    /// <summary>Thrown when the chip select line of a new SpiDevice is already used by another device.</summary>
    public class SpiDeviceAlreadyInUseException : Exception
    {
        /// <summary>The message.</summary>
        public override string ToString() => Message;
    }
}
