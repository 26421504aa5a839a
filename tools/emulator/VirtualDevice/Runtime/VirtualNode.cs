using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Beacons.VirtualDevice
{
    /// <summary>
    /// One emulated ESP32: its flash storage folder, its board (what is wired to which pin), its radio and its
    /// power state. The firmware never sees this type: the mirrored nanoFramework APIs find the node they run on
    /// through <see cref="Current"/>, which flows (as an AsyncLocal) into every thread and timer the firmware starts.
    /// That is what lets several nodes share one process without static state colliding.
    /// </summary>
    public sealed class VirtualNode
    {
        private static readonly AsyncLocal<BootContext> CurrentBoot = new AsyncLocal<BootContext>();
        private readonly List<Action> _powerLossHandlers = new List<Action>();
        private readonly object _gate = new object();
        private readonly ManualResetEventSlim _halted = new ManualResetEventSlim(false);
        private long _bootTicks;
        private int _generation;
        private Action _main;
        private bool _clockSet;

        public VirtualNode(string name, string storageFolder)
        {
            Name = name;
            StorageFolder = Path.GetFullPath(storageFolder);
            Directory.CreateDirectory(StorageFolder);
            _bootTicks = Environment.TickCount64;
        }

        /// <summary>The node this code runs on, or null outside any node (tools, tests).</summary>
        public static VirtualNode CurrentOrNull => CurrentBoot.Value?.Node;

        /// <summary>The node this code runs on; throws when firmware code runs outside a node.</summary>
        public static VirtualNode Current =>
            CurrentBoot.Value?.Node ?? throw new InvalidOperationException("No virtual node: firmware code must run inside VirtualNode.Boot or Enter.");

        public string Name { get; }

        /// <summary>Host folder that stands for the device's internal flash drive I:\.</summary>
        public string StorageFolder { get; }

        /// <summary>What is wired to the node's pins and buses (load cells, LEDs, buttons).</summary>
        public VirtualBoard Board { get; } = new VirtualBoard();

        /// <summary>The node's BLE radio: what it broadcasts is recorded, what phones send reaches its watchers.</summary>
        public VirtualRadio Radio { get; } = new VirtualRadio();

        /// <summary>Milliseconds since this node booted (nanoFramework's Environment.TickCount64 counts from boot).</summary>
        public long UptimeMs => Environment.TickCount64 - _bootTicks;

        public bool IsPoweredOff { get; private set; }

        /// <summary>Whether the store's Wi-Fi is reachable from this node (the world can take it away).</summary>
        public bool WifiAvailable { get; set; } = true;

        /// <summary>
        /// Whether an SNTP server answers this node (a store firewall blocking UDP 123 takes it away). Until the node
        /// has a network and SNTP answers, its wall clock counts up from 1970 like an ESP32's RTC after reset.
        /// </summary>
        public bool SntpAvailable { get; set; } = true;

        /// <summary>Set by the Wi-Fi mirror when the node has an IP address (SNTP starts with the network).</summary>
        internal bool NetworkUp { get; set; }

        /// <summary>
        /// DateTime.UtcNow as the firmware on this node sees it: 1970-01-01 + uptime until SNTP set the clock, then the
        /// host's time. A set clock stays set across Wi-Fi loss (the RTC keeps running) but not across a reboot.
        /// </summary>
        public DateTime WallClockUtc
        {
            get
            {
                if (!_clockSet && NetworkUp && SntpAvailable)
                {
                    _clockSet = true;
                }

                return _clockSet ? DateTime.UtcNow : DateTime.UnixEpoch.AddMilliseconds(UptimeMs);
            }
        }

        /// <summary>Handlers of nanoFramework.Runtime.Native.Power.OnRebootEvent registered by this node's firmware.</summary>
        internal List<Action> RebootHandlers { get; } = new List<Action>();

        /// <summary>Why the current boot started: "power-on" for the first, "reboot" after Power.RebootDevice.</summary>
        public string LastResetCause { get; private set; } = "power-on";

        /// <summary>How many times the node booted in this process, the first boot included.</summary>
        public int BootCount { get; private set; }

        /// <summary>
        /// App bundle bytes the virtual loader loaded in this boot: they stay resident in the managed heap, as
        /// Assembly.Load's do on the device, so the free heap the node reports shrinks by them. RAM: a reboot clears it.
        /// </summary>
        public long ResidentBundleBytes { get; set; }

        /// <summary>Exception that ended the last firmware run, if it crashed.</summary>
        public Exception LastCrash { get; private set; }

        /// <summary>Sets this node as current for the calling thread and what it starts; used by Boot and by tests.</summary>
        public IDisposable Enter()
        {
            BootContext previous = CurrentBoot.Value;
            CurrentBoot.Value = new BootContext(this, _generation);
            return new Scope(() => CurrentBoot.Value = previous);
        }

        /// <summary>Boots the firmware entry point on a thread of its own, as nanoCLR runs Main.</summary>
        public void Boot(Action main)
        {
            lock (_gate)
            {
                _main = main;
                IsPoweredOff = false;
                LastResetCause = "power-on";
                StartGeneration();
            }
        }

        /// <summary>
        /// Power.RebootDevice: peripherals drop, the firmware starts over from Main on a fresh thread, and every
        /// thread of the previous boot (the caller included) freezes at its next hardware access.
        /// </summary>
        public void Reboot()
        {
            LastResetCause = "reboot";
            PowerLoss();
            lock (_gate)
            {
                if (IsPoweredOff)
                {
                    return;
                }

                StartGeneration();
            }
        }

        private void StartGeneration()
        {
            lock (RebootHandlers)
            {
                // Event subscriptions live in RAM: a reboot forgets them.
                RebootHandlers.Clear();
            }

            _generation++;
            BootCount++;
            ResidentBundleBytes = 0;
            _clockSet = false;
            NetworkUp = false;
            _bootTicks = Environment.TickCount64;
            var context = new BootContext(this, _generation);
            Action main = _main;
            var thread = new Thread(() =>
            {
                CurrentBoot.Value = context;
                try
                {
                    main();
                }
                catch (Exception ex)
                {
                    // An unhandled exception ends the app on the device; nanoCLR then sits idle.
                    if (!IsStale(context))
                    {
                        LastCrash = ex;
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"node {Name} boot {_generation}",
            };
            thread.Start();
        }

        /// <summary>Registers what must happen to a peripheral when power is cut (a socket dies without goodbye).</summary>
        public void OnPowerLoss(Action handler)
        {
            lock (_gate)
            {
                _powerLossHandlers.Add(handler);
            }
        }

        /// <summary>Cuts power: peripherals drop dead and every firmware thread freezes at its next hardware access.</summary>
        public void PowerOff()
        {
            lock (_gate)
            {
                IsPoweredOff = true;
            }

            PowerLoss();
        }

        /// <summary>
        /// Called by every mirrored API on entry. A powered-off CPU executes nothing, so a firmware thread that
        /// touches hardware after power-off blocks here for good (it is a background thread; the process can exit).
        /// </summary>
        public void HaltIfPoweredOff()
        {
            if (IsPoweredOff || IsStale(CurrentBoot.Value))
            {
                _halted.Wait();
            }
        }

        private bool IsStale(BootContext context) => context != null && context.Node == this && context.Generation != _generation;

        private void PowerLoss()
        {
            Action[] handlers;
            lock (_gate)
            {
                handlers = _powerLossHandlers.ToArray();
                _powerLossHandlers.Clear();
            }

            foreach (Action handler in handlers)
            {
                try
                {
                    handler();
                }
                catch (Exception)
                {
                    // A dying peripheral has nobody to report to.
                }
            }
        }

        private sealed class Scope : IDisposable
        {
            private Action _exit;

            public Scope(Action exit) => _exit = exit;

            public void Dispose()
            {
                _exit?.Invoke();
                _exit = null;
            }
        }
    }

    internal sealed class BootContext
    {
        public BootContext(VirtualNode node, int generation)
        {
            Node = node;
            Generation = generation;
        }

        public VirtualNode Node { get; }

        public int Generation { get; }
    }
}
