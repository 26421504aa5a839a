using Beacons.Shared.Messaging;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Messaging
{
    [TestClass]
    public class JsonWriterTests
    {
        [TestMethod]
        public void Write_MixedFields_CompactJson()
        {
            var w = new JsonWriter(64);
            w.BeginObject().String("s", "a\"b\\c\n\u0001").Number("i", -42).Number("d", 1.26, 1).Bool("b", true)
                .BeginArray("a").Item("x").Item(7).EndArray().String("n", null).EndObject();
            Assert.AreEqual("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"i\":-42,\"d\":1.3,\"b\":true,\"a\":[\"x\",7],\"n\":null}", w.ToString());
        }

        [TestMethod]
        public void Clear_ReusesBuilder()
        {
            var w = new JsonWriter(16);
            w.BeginObject().Number("a", 1).EndObject();
            w.Clear().BeginObject().Number("b", 2).EndObject();
            Assert.AreEqual("{\"b\":2}", w.ToString());
        }

        [TestMethod]
        public void Number_NaN_WritesNull()
        {
            var w = new JsonWriter(16);
            w.BeginObject().Number("x", double.NaN, 2).EndObject();
            Assert.AreEqual("{\"x\":null}", w.ToString());
        }
    
        [TestMethod]
        public void Name_NestedObject()
        {
            var w = new JsonWriter(32);
            w.BeginObject().Number("a", 1).Name("o").BeginObject().Number("b", 2).EndObject().Number("c", 3).EndObject();
            Assert.AreEqual("{\"a\":1,\"o\":{\"b\":2},\"c\":3}", w.ToString());
        }
    }
}
