namespace System.Device.Gpio
{
    /// <summary>Value of a pin (mirror of nanoFramework's readonly struct, same operators and conversions).</summary>
    public readonly struct PinValue
    {
        private readonly byte _value;

        private PinValue(byte value) => _value = value;

        /// <summary>The pin is high.</summary>
        public static PinValue High => new PinValue(1);

        /// <summary>The pin is low.</summary>
        public static PinValue Low => new PinValue(0);

        /// <summary>0 means <see cref="Low"/>, anything else <see cref="High"/>.</summary>
        public static implicit operator PinValue(int value) => value == 0 ? Low : High;

        /// <summary>false means <see cref="Low"/>, true <see cref="High"/>.</summary>
        public static implicit operator PinValue(bool value) => value ? High : Low;

        /// <summary>1 for <see cref="High"/>, 0 for <see cref="Low"/>.</summary>
        public static explicit operator byte(PinValue value) => value._value;

        /// <summary>1 for <see cref="High"/>, 0 for <see cref="Low"/>.</summary>
        public static explicit operator int(PinValue value) => value._value;

        /// <summary>true for <see cref="High"/>, false for <see cref="Low"/>.</summary>
        public static explicit operator bool(PinValue value) => value._value != 0;

        /// <summary>Whether both values are the same level.</summary>
        public static bool operator ==(PinValue a, PinValue b) => a.Equals(b);

        /// <summary>Whether the values differ.</summary>
        public static bool operator !=(PinValue a, PinValue b) => !a.Equals(b);

        /// <summary>Whether <paramref name="other"/> is the same level.</summary>
        public bool Equals(PinValue other) => other._value == _value;

        /// <inheritdoc/>
        public override bool Equals(object obj) => obj is PinValue other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => _value.GetHashCode();

        /// <summary>"Low" or "High".</summary>
        public override string ToString() => _value == 0 ? "Low" : "High";
    }
}
