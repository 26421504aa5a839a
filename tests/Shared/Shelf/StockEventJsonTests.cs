using System.Text;
using Beacons.Shared.Shelf;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Shelf
{
    [TestClass]
    public class StockEventJsonTests
    {
        [TestMethod]
        public void Write_Pick_GoldenString()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Pick;
            e.Lane = "A1";
            e.Items = 11;
            e.Quantity = 2;
            e.Grams = -701.23;
            e.Confidence = 0.981;
            e.TMs = 12345;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 5, "2026-05-21T10:00:00Z", true);
            Assert.AreEqual("{\"type\":\"pick\",\"lane\":\"A1\",\"items\":11,\"quantity\":2,\"grams\":-701.2,\"confidence\":0.98,\"boot\":1,\"seq\":5,\"ts\":\"2026-05-21T10:00:00Z\",\"tMs\":12345}", sb.ToString());
        }

        [TestMethod]
        public void Write_ClockNotSet_TsNullWithUptime()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Pick;
            e.Lane = "A1";
            e.Items = 9;
            e.Quantity = 1;
            e.Grams = -355;
            e.Confidence = 1;
            e.TMs = 42000;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 3, 7, null, false);

            Assert.IsTrue(sb.ToString().EndsWith(",\"boot\":3,\"seq\":7,\"ts\":null,\"tMs\":42000}"), sb.ToString());
        }

        [TestMethod]
        public void Write_WithoutTMs_OmitsIt()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Restock;
            e.Lane = "B2";
            e.Items = 3;
            e.Quantity = 1;
            e.Grams = 99.96;
            e.Confidence = 1;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 1, "2026-01-01T00:00:00Z", false);
            Assert.AreEqual("{\"type\":\"restock\",\"lane\":\"B2\",\"items\":3,\"quantity\":1,\"grams\":100.0,\"confidence\":1.00,\"boot\":1,\"seq\":1,\"ts\":\"2026-01-01T00:00:00Z\"}", sb.ToString());
        }

        [TestMethod]
        public void Write_Fault_CarriesReason()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Fault;
            e.Lane = "A1";
            e.Items = 7;
            e.Grams = -0.04;
            e.Fault = StockFault.NoSensor;
            e.TMs = 900;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 9, "1970-01-01T00:00:00.900Z", true);
            Assert.AreEqual("{\"type\":\"fault\",\"lane\":\"A1\",\"items\":7,\"quantity\":0,\"grams\":0.0,\"confidence\":1.00,\"reason\":\"no-sensor\",\"boot\":1,\"seq\":9,\"ts\":\"1970-01-01T00:00:00.900Z\",\"tMs\":900}", sb.ToString());
        }

        [TestMethod]
        public void Write_Level_CarriesStateRateAndTimeToEmpty()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Level;
            e.Lane = "A1";
            e.Items = 2;
            e.Grams = 200.04;
            e.Level = LaneLevel.Low;
            e.RatePerHour = 1.5;
            e.EmptyInS = 4800;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 3, "2026-05-21T10:00:00Z", false);
            Assert.AreEqual("{\"type\":\"level\",\"lane\":\"A1\",\"items\":2,\"quantity\":0,\"grams\":200.0,\"confidence\":1.00,\"state\":\"low\",\"ratePerH\":1.50,\"emptyInS\":4800,\"noiseG\":null,\"minItemG\":null,\"boot\":1,\"seq\":3,\"ts\":\"2026-05-21T10:00:00Z\"}", sb.ToString());
            e.EmptyInS = -1;
            sb.Clear();
            StockEventJson.Write(sb, e, 1, 3, "t", false);
            Assert.Contains("\"emptyInS\":null,", sb.ToString());
            e.NoiseGrams = 0.123;
            e.MinItemGrams = 2.61;
            sb.Clear();
            StockEventJson.Write(sb, e, 1, 3, "t", false);
            Assert.Contains("\"noiseG\":0.12,\"minItemG\":2.6,\"boot\"", sb.ToString());
        }

        [TestMethod]
        public void Write_Unexplained_CarriesGramsAndCheckLane()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Unexplained;
            e.Lane = "A1";
            e.Items = 7;
            e.Grams = 136.04;
            e.Confidence = 0.23;
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 4, "2026-05-21T10:00:00Z", false);
            Assert.AreEqual("{\"type\":\"unexplained\",\"lane\":\"A1\",\"items\":7,\"quantity\":0,\"grams\":136.0,\"confidence\":0.23,\"reason\":\"check-lane\",\"boot\":1,\"seq\":4,\"ts\":\"2026-05-21T10:00:00Z\"}", sb.ToString());
        }

        [TestMethod]
        public void Write_LaneWithQuoteAndControl_Escaped()
        {
            var e = new StockEvent();
            e.Kind = StockEventKind.Low;
            e.Lane = "a\"b\\c\u0001";
            var sb = new StringBuilder();
            StockEventJson.Write(sb, e, 1, 1, "t", false);
            Assert.StartsWith("{\"type\":\"low\",\"lane\":\"a\\\"b\\\\c\\u0001\",", sb.ToString());
        }

        [TestMethod]
        [DataRow(0, "pick")]
        [DataRow(1, "restock")]
        [DataRow(2, "level")]
        [DataRow(3, "low")]
        [DataRow(4, "empty")]
        [DataRow(5, "fault")]
        [DataRow(6, "unexplained")]
        public void Name_Kind_WireName(int kind, string name)
        {
            Assert.AreEqual(name, StockEventKindNames.Name((StockEventKind)kind));
        }

        [TestMethod]
        [DataRow(1, "no-sensor")]
        [DataRow(2, "ready-timeout")]
        [DataRow(3, "saturation")]
        [DataRow(4, "implausible")]
        [DataRow(5, "uncalibrated")]
        public void FaultName_Reason_WireName(int fault, string name)
        {
            Assert.AreEqual(name, StockEventKindNames.FaultName((StockFault)fault));
        }
    }
}
