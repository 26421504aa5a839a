using System;
using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class ReconnectBackoffTests
    {
        [TestMethod]
        public void NextDelayMs_GrowsWithJitterAndCapsAt60s()
        {
            var backoff = new ReconnectBackoff(new Random(7));
            int baseMs = 1000;
            for (int attempt = 0; attempt < 12; attempt++)
            {
                int delay = backoff.NextDelayMs();
                Assert.IsTrue(delay >= baseMs / 2 && delay <= baseMs, "attempt " + attempt + ": " + delay);
                baseMs = baseMs * 2 > 60000 ? 60000 : baseMs * 2;
            }
        }

        [TestMethod]
        public void Reset_StartsOver()
        {
            var backoff = new ReconnectBackoff(new Random(1));
            for (int i = 0; i < 8; i++)
            {
                backoff.NextDelayMs();
            }

            backoff.Reset();
            Assert.IsTrue(backoff.NextDelayMs() <= 1000);
        }

        [TestMethod]
        public void NextDelayMs_Jitters()
        {
            var backoff = new ReconnectBackoff(new Random(3));
            for (int i = 0; i < 6; i++)
            {
                backoff.NextDelayMs();
            }

            bool differs = false;
            int first = -1;
            for (int i = 0; i < 10; i++)
            {
                int d = backoff.NextDelayMs();
                differs |= first >= 0 && d != first;
                first = d;
            }

            Assert.IsTrue(differs);
        }
    }
}
