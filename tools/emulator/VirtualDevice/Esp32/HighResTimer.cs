using System;
using System.Threading;
using Beacons.VirtualDevice;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Raised when a <see cref="HighResTimer"/> expires.</summary>
    public delegate void HighResTimerExpiredEventHandler(HighResTimer sender, object e);

    /// <summary>
    /// Mirror of the ESP32 high resolution timer. <see cref="GetCurrent"/> counts microseconds since the node booted;
    /// the timers run on host timers (millisecond granularity on the host, which the firmware must not rely on anyway).
    /// </summary>
    public class HighResTimer : IDisposable
    {
        private readonly object _syncLock = new object();
        private Timer _timer;
        private bool _disposedValue;

        /// <summary>Creates a timer (the device allows at most 10).</summary>
        public HighResTimer()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
        }

        /// <summary>Raised when the timer expires.</summary>
        public event HighResTimerExpiredEventHandler OnHighResTimerExpired;

        /// <summary>Microseconds since the node booted.</summary>
        public static ulong GetCurrent()
        {
            VirtualNode node = VirtualNode.Current;
            node.HaltIfPoweredOff();
            return node.Board.MicrosecondsSinceBoot(node);
        }

        /// <summary>Stops the timer.</summary>
        public void Stop()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }

        /// <summary>Fires once after <paramref name="timeout_us"/> microseconds.</summary>
        public void StartOneShot(ulong timeout_us)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Start(timeout_us, Timeout.Infinite);
        }

        /// <summary>Fires every <paramref name="period_us"/> microseconds.</summary>
        public void StartOnePeriodic(ulong period_us)
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            Start(period_us, (long)Math.Max(1, period_us / 1000));
        }

        /// <summary>Stops and releases the timer.</summary>
        public void Dispose()
        {
            VirtualNode.CurrentOrNull?.HaltIfPoweredOff();
            lock (_syncLock)
            {
                _disposedValue = true;
                _timer?.Dispose();
                _timer = null;
            }
        }

        private void Start(ulong dueUs, long periodMs)
        {
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    throw new ObjectDisposedException(nameof(HighResTimer));
                }

                _timer?.Dispose();

                // Timer callbacks flow the ExecutionContext, so the handler runs inside this node.
                _timer = new Timer(_ => Fire(), null, (long)Math.Max(0, dueUs / 1000), periodMs);
            }
        }

        private void Fire()
        {
            HighResTimerExpiredEventHandler handler;
            lock (_syncLock)
            {
                handler = _disposedValue ? null : OnHighResTimerExpired;
            }

            handler?.Invoke(this, EventArgs.Empty);
        }
    }
}
