namespace Beacons.DeviceProfile
{
    /// <summary>One role of the profile: its shared core built from a sample config, then fed its trace.</summary>
    public interface IProfileRole
    {
        /// <summary>Builds the role's core (what a node does at boot).</summary>
        void Boot(RoleResult r);

        /// <summary>Feeds the role its whole trace, recording cost and peak heap in <paramref name="r"/>.</summary>
        void Run(RoleResult r);
    }
}
