using System;
using System.Collections;
using System.Runtime.CompilerServices;

// Host stand-in for nanoFramework.TestFramework's Assert (MSTest-style names, non-generic overloads, no delta
// overloads for double/float), so a test that compiles here compiles against the device package too.
namespace nanoFramework.TestFramework
{
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!Equals(expected, actual)) Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual)) Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition) Fail("Assert.IsTrue", message);
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition) Fail("Assert.IsFalse", message);
        }

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value is not null) Fail("Assert.IsNull", message);
        }

        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value is null) Fail("Assert.IsNotNull", message);
        }

        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual)) Fail("Assert.AreSame", message);
        }

        public static void AreNotSame(object notExpected, object actual, string message = "")
        {
            if (ReferenceEquals(notExpected, actual)) Fail("Assert.AreNotSame", message);
        }

        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value is null || value.GetType() != expected) Fail("Assert.IsInstanceOfType", $"Expected type:<{expected}>. {message}");
        }

        public static void IsNotInstanceOfType(object value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value is not null && value.GetType() == notExpected) Fail("Assert.IsNotInstanceOfType", $"Wrong type:<{notExpected}>. {message}");
        }

        public static void Contains(string expected, string other, string message = "")
        {
            if (other == null || expected == null || other.IndexOf(expected, StringComparison.Ordinal) < 0) Fail("Assert.Contains", $"{Show(other)} does not contain {Show(expected)}. {message}");
        }

        public static void DoesNotContains(string expected, string other, string message = "")
        {
            if (other == null || expected == null || other.IndexOf(expected, StringComparison.Ordinal) >= 0) Fail("Assert.DoesNotContains", $"{Show(other)} should not contain {Show(expected)}. {message}");
        }

        public static void StartsWith(string expected, string other, string message = "")
        {
            if (other == null || expected == null || !other.StartsWith(expected, StringComparison.Ordinal)) Fail("Assert.StartsWith", $"{Show(other)} does not start with {Show(expected)}. {message}");
        }

        public static void EndsWith(string expected, string other, string message = "")
        {
            if (other == null || expected == null || !other.EndsWith(expected, StringComparison.Ordinal)) Fail("Assert.EndsWith", $"{Show(other)} does not end with {Show(expected)}. {message}");
        }

        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() != exceptionType)
                {
                    Fail("Assert.ThrowsException", $"Threw exception {ex.GetType().Name}, but exception {exceptionType.Name} was expected. {message} Exception Message: {ex.Message}");
                }

                return;
            }

            Fail("Assert.ThrowsException", $"No exception thrown. {exceptionType.Name} exception was expected. {message}");
        }

        public static void SkipTest(string message = null) => throw new SkipTestException(message);

        private static string Show(object value) => value is null ? "(null)" : value.ToString();

        private static void Fail(string assertion, string message) => throw new AssertFailedException($"{assertion} failed. {message}");
    }

    public sealed class CollectionAssert
    {
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            if (!Same(expected, actual, out string why)) throw new AssertFailedException($"CollectionAssert.AreEqual failed. {why} {message}");
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Same(notExpected, actual, out _)) throw new AssertFailedException($"CollectionAssert.AreNotEqual failed. {message}");
        }

        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0) throw new AssertFailedException($"CollectionAssert.Empty failed. {message}");
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0) throw new AssertFailedException($"CollectionAssert.NotEmpty failed. {message}");
        }

        private static bool Same(ICollection a, ICollection b, out string why)
        {
            why = "";
            if (ReferenceEquals(a, b)) return true;
            if (a == null || b == null) { why = "One collection is null."; return false; }
            if (a.Count != b.Count) { why = $"Different number of elements: {a.Count} vs {b.Count}."; return false; }
            IEnumerator x = a.GetEnumerator(), y = b.GetEnumerator();
            for (int i = 0; x.MoveNext() && y.MoveNext(); i++)
            {
                if (!Equals(x.Current, y.Current)) { why = $"Element at index {i} differs: <{x.Current}> vs <{y.Current}>."; return false; }
            }

            return true;
        }
    }
}
