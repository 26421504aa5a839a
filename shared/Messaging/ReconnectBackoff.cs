using System;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Exponential backoff with full jitter for broker reconnects: 1 s, 2 s, 4 s … capped at 60 s, each wait drawn
    /// uniformly from [base/2, base]. The jitter keeps a store's nodes from reconnecting in lock-step after a broker
    /// restart, which would hit a clustered broker with every node at once.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        public const int InitialDelayMs = 1000;
        public const int MaxDelayMs = 60000;

        private readonly Random _random;
        private int _attempts;

        public ReconnectBackoff(Random random)
        {
            _random = random;
        }

        /// <summary>Failed attempts since the last success.</summary>
        public int Attempts => _attempts;

        /// <summary>Delay before the next attempt, in ms; call after each failure.</summary>
        public int NextDelayMs()
        {
            int baseMs = InitialDelayMs;
            for (int i = 0; i < _attempts && baseMs < MaxDelayMs; i++)
            {
                baseMs *= 2;
            }

            if (baseMs > MaxDelayMs)
            {
                baseMs = MaxDelayMs;
            }

            _attempts++;
            int half = baseMs / 2;
            return half + _random.Next(baseMs - half + 1);
        }

        public void Reset()
        {
            _attempts = 0;
        }
    }
}
