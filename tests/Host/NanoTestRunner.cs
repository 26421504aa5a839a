using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Nano = nanoFramework.TestFramework;

namespace Beacons.Tests.Host
{
    /// <summary>
    /// Runs the nanoFramework.TestFramework-style tests under tests/Shared with MSTest, one MSTest case per
    /// [TestMethod] and per [DataRow], with the device launcher's semantics: one instance per test class,
    /// its [Setup] methods once before the first test and [Cleanup] once after the last.
    /// </summary>
    [TestClass]
    public sealed class NanoTestRunner
    {
        private static readonly Dictionary<Type, ClassState> States = new Dictionary<Type, ClassState>();
        private static readonly object Gate = new object();

        public static IEnumerable<object[]> Cases()
        {
            foreach (Type type in NanoClasses())
            {
                foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (method.GetCustomAttribute<Nano.TestMethodAttribute>() == null) continue;
                    Nano.DataRowAttribute[] rows = method.GetCustomAttributes<Nano.DataRowAttribute>().ToArray();
                    if (rows.Length == 0)
                    {
                        yield return new object[] { type.FullName, method.Name, -1 };
                    }

                    for (int i = 0; i < rows.Length; i++)
                    {
                        yield return new object[] { type.FullName, method.Name, i };
                    }
                }
            }
        }

        public static string Name(MethodInfo _, object[] data) =>
            $"{((string)data[0]).Split('.').Last()}.{data[1]}{((int)data[2] >= 0 ? $"#{data[2]}" : "")}";

        [TestMethod]
        [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(Name))]
        public void Run(string typeName, string methodName, int row)
        {
            Type type = NanoClasses().Single(t => t.FullName == typeName);
            ClassState state = StateFor(type);
            MethodInfo method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance);
            object[] args = row < 0 ? null : method.GetCustomAttributes<Nano.DataRowAttribute>().ElementAt(row).MethodParameters;
            try
            {
                method.Invoke(state.Instance, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is Nano.SkipTestException skip)
            {
                Assert.Inconclusive(skip.Message);
            }
            catch (TargetInvocationException ex)
            {
                throw new AssertFailedException($"{typeName}.{methodName}: {ex.InnerException.GetType().Name}: {ex.InnerException.Message}", ex.InnerException);
            }
        }

        [ClassCleanup]
        public static void CleanupAll()
        {
            foreach (ClassState state in States.Values)
            {
                foreach (MethodInfo m in state.Instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<Nano.CleanupAttribute>() != null))
                {
                    m.Invoke(state.Instance, null);
                }
            }

            States.Clear();
        }

        private static IEnumerable<Type> NanoClasses() =>
            typeof(NanoTestRunner).Assembly.GetTypes()
                .Where(t => t.GetCustomAttribute<Nano.TestClassAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal);

        private static ClassState StateFor(Type type)
        {
            lock (Gate)
            {
                if (!States.TryGetValue(type, out ClassState state))
                {
                    state = new ClassState { Instance = Activator.CreateInstance(type) };
                    foreach (MethodInfo m in type.GetMethods().Where(m => m.GetCustomAttribute<Nano.SetupAttribute>() != null))
                    {
                        m.Invoke(state.Instance, null);
                    }

                    States[type] = state;
                }

                return state;
            }
        }

        private sealed class ClassState
        {
            public object Instance;
        }
    }
}
