using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    /// <summary>Arguments of a pin value change (nanoFramework derives them from Runtime.Events.BaseEvent).</summary>
    public class PinValueChangedEventArgs : BaseEvent
    {
        /// <summary>Initializes a new instance of the <see cref="PinValueChangedEventArgs"/> class.</summary>
        /// <param name="changeType">The edge that triggered the event.</param>
        /// <param name="pinNumber">The pin that triggered the event.</param>
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
        {
            ChangeType = changeType;
            PinNumber = pinNumber;
        }

        /// <summary>The edge that triggered the event.</summary>
        public PinEventTypes ChangeType { get; }

        /// <summary>The pin that triggered the event.</summary>
        public int PinNumber { get; }
    }
}
