using System;
using Beacons.VirtualDevice;

namespace nanoFramework.Runtime.Native
{
    /// <summary>Represents the method that will handle the <see cref="Power.OnRebootEvent"/> event.</summary>
    public delegate void RebootEventHandler();

    /// <summary>
    /// Mirror of nanoFramework.Runtime.Native.Power. The event is static on the device; here its handlers live on the
    /// node that registered them, so nodes sharing a process do not reboot each other.
    /// </summary>
    public class Power
    {
        /// <summary>Occurs before the device reboots.</summary>
        public static event RebootEventHandler OnRebootEvent
        {
            add
            {
                VirtualNode node = VirtualNode.Current;
                lock (node.RebootHandlers)
                {
                    node.RebootHandlers.Add(new Action(value));
                }
            }

            remove
            {
                VirtualNode node = VirtualNode.Current;
                lock (node.RebootHandlers)
                {
                    node.RebootHandlers.RemoveAll(a => a.Target == value.Target && a.Method == value.Method);
                }
            }
        }

        /// <summary>Forces a reboot of the device.</summary>
        public static void RebootDevice()
        {
            RebootDevice(-1);
        }

        /// <summary>Forces a reboot of the device with an execution constraint timeout for event handlers.</summary>
        public static void RebootDevice(int exeConstraintTimeout)
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            Action[] handlers;
            lock (node.RebootHandlers)
            {
                handlers = node.RebootHandlers.ToArray();
            }

            foreach (Action handler in handlers)
            {
                try
                {
                    if (exeConstraintTimeout < 0)
                    {
                        handler();
                    }
                    else
                    {
                        var t = new System.Threading.Thread(() => handler()) { IsBackground = true };
                        t.Start();
                        t.Join(exeConstraintTimeout);
                    }
                }
                catch (Exception)
                {
                    // The device swallows exceptions from reboot handlers too.
                }
            }

            node.Reboot();

            // This thread belongs to the previous boot now: it freezes like the old CPU context.
            node.HaltIfPoweredOff();
        }
    }

    /// <summary>Mirror of nanoFramework.Runtime.Native.GC.</summary>
    public static class GC
    {
        /// <summary>Runs garbage collection; returns the free managed heap in bytes.</summary>
        public static uint Run(bool compactHeap)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            return VirtualHeap.FreeBytes();
        }

        /// <summary>Specifies whether GC messages are enabled (no effect on the virtual device).</summary>
        public static void EnableGCMessages(bool enable)
        {
        }
    }
}
