using Beacons.Shared.Configuration;

namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// How the node's lanes share the ESP32's two SPI buses, decided from the config alone (no hardware): at most
    /// <see cref="MaxLanesPerBus"/> lanes per bus, each GPIO used once, and each lane's slot on its bus (the order in
    /// which the firmware's shared bus re-muxes between them). Pin plan and reasons: hardware/pinouts.md, "HX711 lanes".
    /// </summary>
    /// <remarks>
    /// On the ESP32 a bus takes its pins when its first device opens (spi_bus_initialize) and keeps them until the last
    /// device closes; a second device without chip select on an open bus is refused (SpiDeviceAlreadyInUseException).
    /// So two lanes on one bus are served by freeing the bus and opening it again with the other lane's pins between
    /// reads. Two lanes per bus is the limit this node promises: a lane on a shared bus is read in turns, and at 10 SPS
    /// two lanes already take each bus's whole window.
    /// </remarks>
    public static class LaneBusPlan
    {
        /// <summary>SPI buses for applications on an ESP32 (nanoFramework SPI1 and SPI2).</summary>
        public const int BusCount = 2;

        /// <summary>Lanes one bus serves by re-muxing between reads.</summary>
        public const int MaxLanesPerBus = 2;

        /// <summary>
        /// Checks the lanes' bus assignment and pins. Each lane must already be valid on its own (LaneOptions.Validate).
        /// </summary>
        /// <param name="lanes">The lanes in config order.</param>
        /// <param name="keyPrefix">Path of the array in the device JSON, normally "lanes".</param>
        /// <exception cref="ConfigException">A bus is over-committed (names <c>lanes[i].spiBus</c>) or a GPIO is used twice.</exception>
        public static void Check(LaneOptions[] lanes, string keyPrefix)
        {
            for (int i = 0; i < lanes.Length; i++)
            {
                LaneOptions lane = lanes[i];
                int before = SlotOnBus(lanes, i);
                if (before >= MaxLanesPerBus)
                {
                    throw new ConfigException(keyPrefix + "[" + i + "].spiBus",
                        "bus " + lane.SpiBus + " already serves " + MaxLanesPerBus + " lanes (" + LanesOnBus(lanes, lane.SpiBus, i, keyPrefix)
                        + "); an SPI bus re-muxes between at most " + MaxLanesPerBus + " HX711s, use the other bus");
                }

                CheckPin(lanes, i, lane.DoutPin, "doutPin", keyPrefix);
                CheckPin(lanes, i, lane.PdSckPin, "pdSckPin", keyPrefix);
            }
        }

        /// <summary>Lanes before <paramref name="index"/> on the same bus: the lane's slot on its bus (0 or 1 in a valid plan).</summary>
        public static int SlotOnBus(LaneOptions[] lanes, int index)
        {
            int slot = 0;
            for (int j = 0; j < index; j++)
            {
                if (lanes[j].SpiBus == lanes[index].SpiBus)
                {
                    slot++;
                }
            }

            return slot;
        }

        /// <summary>Number of lanes on <paramref name="busId"/>.</summary>
        public static int LanesOn(LaneOptions[] lanes, int busId)
        {
            int count = 0;
            for (int j = 0; j < lanes.Length; j++)
            {
                if (lanes[j].SpiBus == busId)
                {
                    count++;
                }
            }

            return count;
        }

        private static string LanesOnBus(LaneOptions[] lanes, int busId, int before, string keyPrefix)
        {
            string list = "";
            for (int j = 0; j < before; j++)
            {
                if (lanes[j].SpiBus == busId)
                {
                    list = list.Length == 0 ? keyPrefix + "[" + j + "]" : list + ", " + keyPrefix + "[" + j + "]";
                }
            }

            return list;
        }

        private static void CheckPin(LaneOptions[] lanes, int index, int pin, string key, string keyPrefix)
        {
            if (pin < 0)
            {
                return;
            }

            for (int j = 0; j < index; j++)
            {
                string other = lanes[j].DoutPin == pin ? "doutPin" : lanes[j].PdSckPin == pin ? "pdSckPin" : null;
                if (other != null)
                {
                    throw new ConfigException(keyPrefix + "[" + index + "]." + key,
                        "GPIO " + pin + " is already " + keyPrefix + "[" + j + "]." + other + " (each pin serves one lane)");
                }
            }
        }
    }
}
