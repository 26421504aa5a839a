namespace System.Device.Gpio
{
    /// <summary>Numbering schemes supported by GPIO controllers.</summary>
    public enum PinNumberingScheme
    {
        /// <summary>The logical GPIO numbers of the microcontroller (ESP32: GPIO n).</summary>
        Logical,

        /// <summary>The physical header pin numbers of a board.</summary>
        Board,
    }
}
