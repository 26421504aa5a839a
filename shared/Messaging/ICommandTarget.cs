using System.Collections;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// A component that executes some verified commands (lanes: tare, calibrate, set-lane; privacy: set-privacy).
    /// Execute validates every argument before changing anything and throws <see cref="CommandRejectedException"/>
    /// with code <c>invalid</c> for a bad one, so a rejected command never leaves half-applied state.
    /// </summary>
    public interface ICommandTarget
    {
        bool Handles(string command);

        void Execute(string command, Hashtable body, long nowMs);
    }
}
