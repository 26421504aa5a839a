using System;
using System.Device.Gpio;
using System.IO;
using Beacons.Firmware.Shelf;
using Beacons.VirtualDevice;
using Beacons.VirtualDevice.World;

namespace Beacons.Tests.Integration.Hx711
{
    /// <summary>The analog side reduced to a table: fixed counts per gain, or a function of the conversion time.</summary>
    internal sealed class ScriptedInput : IHx711AnalogInput
    {
        public bool Connected { get; set; } = true;

        public int CountsA128 { get; set; }

        public int CountsA64 { get; set; }

        public int CountsB32 { get; set; }

        /// <summary>When set, counts = this(tMs) whatever the gain.</summary>
        public Func<long, int> Ramp { get; set; }

        public int CountsAt(long tMs, int channelGain)
        {
            if (Ramp != null)
            {
                return Ramp(tMs);
            }

            return channelGain == 128 ? CountsA128 : channelGain == 64 ? CountsA64 : CountsB32;
        }
    }

    /// <summary>
    /// One virtual node with HX711 lanes wired per hardware/pinouts.md ("HX711 lanes"): lane 1 on SPI1
    /// (DOUT 19, PD_SCK 23, SCK 18), lane 2 on SPI2 (DOUT 34, PD_SCK 26, SCK 14), lane 3 re-muxed on SPI1 (DOUT 35, PD_SCK 32).
    /// The test thread runs as firmware on the node (Enter).
    /// </summary>
    internal sealed class Hx711TestRig : IDisposable
    {
        public static readonly int[] Dout = { 19, 34, 35, 36 };
        public static readonly int[] PdSck = { 23, 26, 32, 33 };
        public static readonly int[] Bus = { 1, 2, 1, 2 };
        public static readonly int[] Sck = { 18, 14, 18, 14 };

        private readonly string _folder;
        private readonly IDisposable _scope;

        public Hx711TestRig()
        {
            _folder = Path.Combine(Path.GetTempPath(), "hx711-" + Guid.NewGuid().ToString("N"));
            Node = new VirtualNode("hx", _folder);
            _scope = Node.Enter();
            Gpio = new GpioController();
        }

        public VirtualNode Node { get; }

        public GpioController Gpio { get; }

        public Hx711Chip Plug(int lane, ScriptedInput input, int samplesPerSecond = 10)
        {
            var chip = new Hx711Chip(input, samplesPerSecond);
            chip.AttachTo(Node.Board, Dout[lane], PdSck[lane]);
            return chip;
        }

        /// <summary>Routes the lane's bus and makes a scale as the board code would.</summary>
        public Hx711Scale Scale(int lane)
        {
            Hx711Wiring.Route(Bus[lane], Dout[lane], PdSck[lane], Sck[lane]);
            return new Hx711Scale(Hx711Wiring.OpenBus(Bus[lane]), shouldDispose: false);
        }

        public void Dispose()
        {
            Gpio.Dispose();
            _scope.Dispose();
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
