namespace System.Device.Gpio
{
    /// <summary>Event types that can be triggered by the GPIO, also used to report them back.</summary>
    [Flags]
    public enum PinEventTypes
    {
        /// <summary>None.</summary>
        None = 0,

        /// <summary>The pin went from low to high.</summary>
        Rising = 1,

        /// <summary>The pin went from high to low.</summary>
        Falling = 2,
    }
}
