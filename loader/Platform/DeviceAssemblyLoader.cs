using System;
using System.Reflection;
using Beacons.Shared.Update;

namespace Beacons.Loader.Platform
{
    /// <summary>
    /// <see cref="IAssemblyLoader"/> over nanoFramework's runtime: <c>Assembly.Load(byte[])</c> (the bytes stay in the
    /// managed heap; nothing unloads) and the entry point found by reflection. Entry convention: the entry assembly has
    /// a public static class <c>&lt;entry&gt;.Program</c> with <c>public static void Main()</c>, as firmware/Program.cs.
    /// </summary>
    public sealed class DeviceAssemblyLoader : IAssemblyLoader
    {
        public void Load(string fileName, byte[] peBytes)
        {
            if (Assembly.Load(peBytes) == null)
            {
                throw new ArgumentException("not a loadable .pe");
            }
        }

        public void RunEntry(string assemblyName)
        {
            Assembly assembly = Assembly.Load(assemblyName);
            Type program = assembly == null ? null : assembly.GetType(assemblyName + ".Program");
            MethodInfo main = program == null ? null : program.GetMethod("Main", BindingFlags.Public | BindingFlags.Static);
            if (main == null)
            {
                throw new ArgumentException(assemblyName + " has no public static " + assemblyName + ".Program.Main()");
            }

            main.Invoke(null, null);
        }
    }
}
