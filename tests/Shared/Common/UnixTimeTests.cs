using System;
using Beacons.Shared.Common;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Common
{
    [TestClass]
    public class UnixTimeTests
    {
        [TestMethod]
        public void ToIso_KnownInstants()
        {
            Assert.AreEqual("1970-01-01T00:00:00Z", UnixTime.ToIso(0));
            Assert.AreEqual("2026-11-22T13:05:09.007Z", UnixTime.ToIso(1795352709007));
            Assert.AreEqual("2000-02-29T23:59:59Z", UnixTime.ToIso(951868799000));
        }

        [TestMethod]
        public void ToUnixMs_RoundTrips()
        {
            var t = new DateTime(2026, 11, 22, 13, 5, 9, 7);
            Assert.AreEqual(1795352709007L, UnixTime.ToUnixMs(t));
            Assert.AreEqual(t.Ticks, UnixTime.FromUnixMs(1795352709007).Ticks);
        }
    }
}
