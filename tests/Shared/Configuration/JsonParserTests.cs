using System.Collections;
using Beacons.Shared.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Configuration
{
    [TestClass]
    public class JsonParserTests
    {
        [TestMethod]
        public void Parse_NestedDocument_BuildsTablesAndLists()
        {
            Hashtable root = (Hashtable)JsonParser.Parse("{\"a\": [1, 2.5, -3e2], \"b\": {\"c\": \"x\\u0041\\n\"}, \"t\": true, \"n\": null}");
            ArrayList a = (ArrayList)root["a"];
            Assert.AreEqual(3, a.Count);
            Assert.AreEqual(2.5, (double)a[1]);
            Assert.AreEqual(-300.0, (double)a[2]);
            Assert.AreEqual("xA\n", (string)((Hashtable)root["b"])["c"]);
            Assert.IsTrue((bool)root["t"]);
            Assert.AreSame(JsonParser.Null, root["n"]);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("{")]
        [DataRow("{\"a\":}")]
        [DataRow("{\"a\":1,}")]
        [DataRow("[1 2]")]
        [DataRow("{\"a\":01}")]
        [DataRow("{\"a\":1}x")]
        [DataRow("\"\\q\"")]
        [DataRow("{\"a\":1,\"a\":2}")]
        [DataRow("tru")]
        [DataRow("{\"a\":\"\\u12\"}")]
        public void Parse_Malformed_ThrowsFormatException(string text)
        {
            Assert.ThrowsException(typeof(JsonFormatException), () => JsonParser.Parse(text));
        }

        [TestMethod]
        public void Parse_Error_ReportsLineAndColumn()
        {
            try
            {
                JsonParser.Parse("{\n  \"a\": 1,\n  \"b\" 2\n}");
                Assert.IsTrue(false, "no exception");
            }
            catch (JsonFormatException ex)
            {
                Assert.AreEqual(3, ex.Line);
                Assert.AreEqual(7, ex.Column);
            }
        }

        [TestMethod]
        public void Parse_DeepNesting_RefusedNotStackOverflow()
        {
            string text = "";
            for (int i = 0; i < 200; i++)
            {
                text += "[";
            }

            Assert.ThrowsException(typeof(JsonFormatException), () => JsonParser.Parse(text));
        }
    }
}
