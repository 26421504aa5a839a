using Beacons.VirtualDevice;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Mirror of the ESP32 pin matrix configuration. Assignments are kept per node (on its <see cref="VirtualBoard"/>)
    /// and, as on the device, take effect when a bus is next opened.
    /// </summary>
    public class Configuration
    {
        /// <summary>Assigns <paramref name="value"/> (e.g. SPI1_MOSI) to GPIO <paramref name="pin"/>.</summary>
        public static void SetPinFunction(int pin, DeviceFunction value)
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            node.Board.SetPinFunction(pin, value);
        }

        /// <summary>The GPIO assigned to <paramref name="function"/>, or -1.</summary>
        public static int GetFunctionPin(DeviceFunction function)
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            return node.Board.GetFunctionPin(function);
        }
    }
}
