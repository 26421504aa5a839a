namespace System.Device.Gpio
{
    /// <summary>Pin modes supported by the GPIO controllers and drivers (mirror of nanoFramework System.Device.Gpio).</summary>
    public enum PinMode
    {
        /// <summary>Floating input, high impedance.</summary>
        Input,

        /// <summary>Input with a pull-down resistor to ground.</summary>
        InputPullDown,

        /// <summary>Input with a pull-up resistor to VCC.</summary>
        InputPullUp,

        /// <summary>Push-pull output.</summary>
        Output,

        /// <summary>Open-drain output.</summary>
        OutputOpenDrain,

        /// <summary>Open-drain output with a pull-up.</summary>
        OutputOpenDrainPullUp,

        /// <summary>Open-source (open collector) output.</summary>
        OutputOpenSource,

        /// <summary>Open-source output with a pull-down.</summary>
        OutputOpenSourcePullDown,
    }
}
