using System.Collections;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class ShelfReplayTests
    {
        private sealed class Lines : IStockPayloadListener
        {
            public readonly ArrayList All = new ArrayList();

            public void OnStockPayload(string payload)
            {
                All.Add(payload);
            }
        }

        private static LaneOptions Lane()
        {
            var o = new LaneOptions();
            o.Id = "A1";
            o.UnitGrams = 100;
            o.CountsPerGram = 400;
            o.ZeroCounts = 100000;
            return o;
        }

        [TestMethod]
        public void PushLine_PickTrace_PayloadsWithSeqTsAndTraceTime()
        {
            var output = new Lines();
            var replay = new ShelfReplay(Lane(), 1779357600000, output);
            Assert.IsNull(replay.PushLine("time_ms,raw"));
            Assert.IsNull(replay.PushLine("# 10 items"));
            long t = 0;
            for (int i = 0; i < 30; i++, t += 100)
            {
                Assert.IsNull(replay.PushLine(t.ToString() + "," + (500000 + (i % 3)).ToString()));
            }

            for (int i = 0; i < 30; i++, t += 100)
            {
                Assert.IsNull(replay.PushLine(t.ToString() + ", " + (460000 - (i % 3)).ToString() + "\r"));
            }

            Assert.AreEqual(60L, replay.Rows);
            Assert.AreEqual(0L, replay.BadRows);
            Assert.AreEqual(3, output.All.Count);
            Assert.AreEqual("{\"type\":\"level\",\"lane\":\"A1\",\"items\":10,\"quantity\":0,\"grams\":1000.0,\"confidence\":1.00,\"state\":\"ok\",\"ratePerH\":0.00,\"emptyInS\":null,\"noiseG\":null,\"minItemG\":null,\"boot\":1,\"seq\":1,\"ts\":\"2026-05-21T10:00:01.100Z\",\"tMs\":1100}", (string)output.All[0]);
            Assert.StartsWith("{\"type\":\"pick\",\"lane\":\"A1\",\"items\":9,\"quantity\":1,\"grams\":-100.0,\"confidence\":1.00,\"boot\":1,\"seq\":2,\"ts\":\"2026-05-21T10:00:03.", (string)output.All[1]);
            Assert.Contains("\"tMs\":3", (string)output.All[1]);
            Assert.StartsWith("{\"type\":\"level\",\"lane\":\"A1\",\"items\":9,", (string)output.All[2]);
        }

        [TestMethod]
        public void PushLine_BadRows_CountedAndExplained()
        {
            var output = new Lines();
            var replay = new ShelfReplay(Lane(), 0, output);
            Assert.IsNull(replay.PushLine("100,5"));
            Assert.IsNotNull(replay.PushLine("50,5"));
            Assert.IsNotNull(replay.PushLine("200"));
            Assert.IsNotNull(replay.PushLine("300,abc"));
            Assert.IsNotNull(replay.PushLine("400,9000000"));
            Assert.IsNotNull(replay.PushLine("500,1,2"));
            Assert.IsNull(replay.PushLine(""));
            Assert.AreEqual(5L, replay.BadRows);
            Assert.AreEqual(1L, replay.Rows);
        }

        [TestMethod]
        public void PushLine_AllOnesRows_OneFaultNoStockEvents()
        {
            var output = new Lines();
            var replay = new ShelfReplay(Lane(), 0, output);
            long t = 0;
            for (int i = 0; i < 30; i++, t += 100)
            {
                replay.PushLine(t.ToString() + ",500000");
            }

            for (int i = 0; i < 50; i++, t += 100)
            {
                replay.PushLine(t.ToString() + ",-1");
            }

            // The first level, then the fault event and the level that says "fault" (what the node retains), nothing else.
            Assert.AreEqual(3, output.All.Count);
            Assert.StartsWith("{\"type\":\"fault\",\"lane\":\"A1\",\"items\":10,\"quantity\":0,\"grams\":1000.0,\"confidence\":1.00,\"reason\":\"no-sensor\",\"boot\":1,\"seq\":2,", (string)output.All[1]);
            Assert.StartsWith("{\"type\":\"level\",\"lane\":\"A1\",\"items\":10,", (string)output.All[2]);
            Assert.IsTrue(((string)output.All[2]).IndexOf("\"state\":\"fault\"") > 0, (string)output.All[2]);
        }
    }
}
