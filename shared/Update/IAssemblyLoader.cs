namespace Beacons.Shared.Update
{
    /// <summary>
    /// The loader's seam onto the runtime: on the device <c>System.Reflection.Assembly.Load(byte[])</c> and reflection
    /// onto the entry point; on the virtual device a stand-in that charges the bytes to the virtual heap.
    /// </summary>
    public interface IAssemblyLoader
    {
        /// <summary>
        /// Loads one assembly from its <c>.pe</c> bytes; they stay resident (nanoFramework cannot unload). Throws when
        /// the runtime refuses the image (not a .pe, a missing dependency, a version clash).
        /// </summary>
        void Load(string fileName, byte[] peBytes);

        /// <summary>Runs the entry point of an assembly already loaded (or deployed with the loader: the factory app).</summary>
        void RunEntry(string assemblyName);
    }
}
