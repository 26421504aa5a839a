using Beacons.Shared.Advertising;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class FrameKindNamesTests
    {
        [TestMethod]
        [DataRow(1, "ibeacon")]
        [DataRow(2, "eddystone-uid")]
        [DataRow(3, "eddystone-url")]
        [DataRow(4, "eddystone-tlm")]
        [DataRow(5, "eddystone-eid")]
        [DataRow(6, "altbeacon")]
        [DataRow(0, "none")]
        [DataRow(99, "none")]
        public void Name_EachKind_LowerCaseName(int kind, string name)
        {
            Assert.AreEqual(name, FrameKindNames.Name((FrameKind)kind));
        }

        [TestMethod]
        public void Parse_EveryName_RoundTrips()
        {
            for (int i = 1; i < FrameKindNames.Count; i++)
            {
                Assert.AreEqual(i, (int)FrameKindNames.Parse(FrameKindNames.Name((FrameKind)i)));
            }

            Assert.AreEqual(0, (int)FrameKindNames.Parse("iBeacon"));
        }
    }
}
