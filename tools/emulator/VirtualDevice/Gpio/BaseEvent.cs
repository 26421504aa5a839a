namespace nanoFramework.Runtime.Events
{
    /// <summary>
    /// Mirror of nanoFramework.Runtime.Events.BaseEvent, the base class of PinValueChangedEventArgs on the device.
    /// </summary>
    public class BaseEvent
    {
        /// <summary>Source of the event.</summary>
        public ushort Source;

        /// <summary>A byte characterizing the event message.</summary>
        public byte Message;
    }
}
