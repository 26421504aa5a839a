namespace System.Device.Gpio
{
    /// <summary>Callback for GpioController.RegisterCallbackForPinValueChangedEvent.</summary>
    /// <param name="sender">The controller that raised the event.</param>
    /// <param name="pinValueChangedEventArgs">The pin and the edge.</param>
    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);
}
