using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.Web;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Beacons.Tests.Integration.Web
{
    /// <summary>
    /// The web view's history (tools/emulator/Cli/Web/StockHistory.cs) fed the way the page feeds it: MQTT payloads
    /// as docs/mqtt.md gives them, through <see cref="StoreView.Apply"/> and its <see cref="StoreView.Recorded"/> event.
    /// A simulated store day measures the file; three days against a 24 h retention show it stays bounded; a reopen
    /// keeps what was written.
    /// </summary>
    [TestClass]
    public sealed class StockHistoryTests
    {
        /// <summary>A mid-size store: 12 shelf nodes × 4 lanes.</summary>
        private const int Nodes = 12;
        private const int LanesPerNode = 4;

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void SimulatedDay_KeepsEveryEventAndLevel_FileStaysSmall_AndSurvivesReopen()
        {
            string path = TempDb();
            DateTime start = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
            DateTime clock = start;
            long records;
            long expected;
            using (var history = new StockHistory(path, retentionHours: 72, clock: () => clock))
            {
                var view = new StoreView();
                view.Recorded += history.Add;
                expected = SimulateDay(view, start, 1, t => clock = t);
                records = history.Count;
                Assert.AreEqual(expected, records, "every stock event and level is kept");
                Assert.AreEqual(0, history.Failed);
            }

            long bytes = new FileInfo(path).Length;
            TestContext.WriteLine($"history: 24 h simulated store ({Nodes * LanesPerNode} lanes), {records} rows, {bytes / 1024.0:0} KiB ({bytes / (double)records:0.0} B/row)");
            Assert.IsTrue(bytes < 8 * 1024 * 1024, $"one day is {bytes} bytes");

            // A restart keeps the day: the same file, reopened, has the lane's curve.
            using (var reopened = new StockHistory(path, retentionHours: 72, clock: () => clock))
            {
                Assert.AreEqual(records, reopened.Count);
                var lane = reopened.Lane("s001/n01/l1", start);
                Assert.IsTrue(lane.Count > 50, "lane rows: " + lane.Count);
                Assert.IsTrue(lane.Any(r => r.Type == "pick") && lane.Any(r => r.Type == "level") && lane.Any(r => r.Type == "restock"));
                Assert.IsTrue(lane.Zip(lane.Skip(1)).All(p => p.First.AtUtc <= p.Second.AtUtc), "oldest first");
            }

            File.Delete(path);
        }

        [TestMethod]
        public void ThreeDays_With24hRetention_PrunesOnWrite_FileStopsGrowing()
        {
            string path = TempDb();
            DateTime start = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
            DateTime clock = start;
            long[] sizes = new long[3];
            long oneDay = 0;
            using (var history = new StockHistory(path, retentionHours: 24, clock: () => clock))
            {
                var view = new StoreView();
                view.Recorded += history.Add;
                for (int day = 0; day < 3; day++)
                {
                    long written = SimulateDay(view, start.AddDays(day), day + 1, t => clock = t);
                    if (day == 0)
                    {
                        oneDay = written;
                    }

                    history.Prune();
                    sizes[day] = new FileInfo(path).Length;
                    Assert.IsTrue(history.Count <= written + written / 10, $"day {day}: {history.Count} rows kept for {written} written that day");
                    Assert.IsTrue(history.Lane("s001/n01/l1", DateTime.MinValue).All(r => r.AtUtc >= clock.AddHours(-24)), "nothing older than the retention");
                }
            }

            TestContext.WriteLine($"history, 24 h retention: file after day 1/2/3 = {string.Join(" / ", sizes.Select(s => (s / 1024).ToString(CultureInfo.InvariantCulture) + " KiB"))}");
            Assert.IsTrue(sizes[2] <= sizes[0] * 2.2, "bounded: " + string.Join(",", sizes));
            Assert.IsTrue(oneDay > 0);
            File.Delete(path);
        }

        [TestMethod]
        public void RowCap_KeepsTheNewest()
        {
            string path = TempDb();
            DateTime t0 = DateTime.UtcNow;
            using (var history = new StockHistory(path, retentionHours: 72, maxRows: 1000))
            {
                for (int i = 0; i < 3000; i++)
                {
                    history.Add(new LaneRecord(t0.AddSeconds(i), "s001/n01/a1", "level", i % 13, null, null));
                }

                history.Prune();
                Assert.AreEqual(1000, history.Count);
                Assert.AreEqual(t0.AddSeconds(2000).Ticks / TimeSpan.TicksPerMillisecond, history.Lane("s001/n01/a1", t0)[0].AtUtc.Ticks / TimeSpan.TicksPerMillisecond);
            }

            File.Delete(path);
        }

        [TestMethod]
        public void NotADatabase_OneLineError()
        {
            string path = TempDb();
            File.WriteAllText(path, "this is not sqlite, just some text that is long enough to have a header........................................");
            var ex = Assert.ThrowsExactly<ArgumentException>(() => new StockHistory(path).Dispose());
            StringAssert.Contains(ex.Message, "--history");
            Assert.IsFalse(ex.Message.Contains('\n'), ex.Message);
            File.Delete(path);
        }

        /// <summary>
        /// One store day: 07:00-21:00 opening hours, each lane picked every 2-10 min (a 2-item pick one time in five), a
        /// restock when it runs low or empty (low/empty events first), a fault now and then; each event followed by the
        /// lane's retained level, as the firmware publishes it; a status per node every 10 s all day.
        /// </summary>
        /// <returns>Lane records (events + levels) written.</returns>
        private static long SimulateDay(StoreView view, DateTime day, int seed, Action<DateTime> setClock)
        {
            var random = new Random(seed);
            long written = 0;
            for (int n = 1; n <= Nodes; n++)
            {
                string device = $"n{n:00}";
                long seq = 0;
                for (int l = 1; l <= LanesPerNode; l++)
                {
                    string lane = "l" + l;
                    int items = 12;
                    DateTime t = day.AddHours(7).AddSeconds(random.Next(600));
                    while (t < day.AddHours(21))
                    {
                        setClock(t);
                        int quantity = random.NextDouble() < 0.2 && items >= 2 ? 2 : 1;
                        string type = "pick";
                        if (items <= 3 || random.NextDouble() < 0.02)
                        {
                            type = "restock";
                            quantity = 12 - items;
                        }

                        items += type == "pick" ? -quantity : quantity;
                        Event(view, device, lane, type, items, quantity, ++seq, t);
                        written++;
                        if (items <= 3 && type == "pick")
                        {
                            Event(view, device, lane, items == 0 ? "empty" : "low", items, 0, ++seq, t);
                            written++;
                        }

                        if (random.NextDouble() < 0.005)
                        {
                            Event(view, device, lane, "fault", items, 0, ++seq, t);
                            written++;
                        }

                        string state = items == 0 ? "empty" : items <= 3 ? "low" : "ok";
                        view.Apply($"retail/v1/s001/{device}/stock/{lane}",
                            $"{{\"type\":\"level\",\"lane\":\"{lane}\",\"items\":{items},\"quantity\":0,\"grams\":{items * 330.4:0.0},\"confidence\":1.00,\"state\":\"{state}\",\"ratePerH\":{6 + random.NextDouble() * 20:0.00},\"emptyInS\":{items * 400},\"noiseG\":0.41,\"minItemG\":5.0,\"boot\":1,\"seq\":0,\"ts\":\"{t:O}\"}}", t);
                        written++;
                        t = t.AddSeconds(120 + random.Next(480));
                    }
                }

                for (DateTime s = day; s < day.AddDays(1); s = s.AddSeconds(10))
                {
                    view.Apply($"retail/v1/s001/{device}/status", "{\"state\":\"online\",\"fw\":\"0.1.0\",\"uptimeS\":3600,\"freeHeap\":61234,\"boot\":1,\"dropped\":0}", s);
                }
            }

            return written;
        }

        private static void Event(StoreView view, string device, string lane, string type, int items, int quantity, long seq, DateTime t) =>
            view.Apply($"retail/v1/s001/{device}/events/stock",
                $"{{\"type\":\"{type}\",\"lane\":\"{lane}\",\"items\":{items},\"quantity\":{quantity},\"grams\":{-quantity * 330.4:0.0},\"confidence\":0.98,\"boot\":1,\"seq\":{seq},\"ts\":\"{t:O}\"}}", t);

        private static string TempDb() => Path.Combine(Path.GetTempPath(), "beacons-history-" + Guid.NewGuid().ToString("N") + ".db");
    }
}
