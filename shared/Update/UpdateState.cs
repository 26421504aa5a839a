namespace Beacons.Shared.Update
{
    /// <summary>The <c>update.state</c> values in the node's status (docs/mqtt.md).</summary>
    public static class UpdateState
    {
        /// <summary>No update since boot.</summary>
        public const string Idle = "idle";

        /// <summary>Fetching the manifest or chunks.</summary>
        public const string Downloading = "downloading";

        /// <summary>Verified and staged in the free slot; the node reboots into it.</summary>
        public const string Staged = "staged";

        /// <summary>Running the new bundle, not yet confirmed healthy.</summary>
        public const string Probation = "probation";

        /// <summary>The new bundle proved healthy and is the active one.</summary>
        public const string Confirmed = "confirmed";

        /// <summary>The new bundle failed at boot or never confirmed: the previous one runs again.</summary>
        public const string RolledBack = "rolled-back";

        /// <summary>The download was refused or gave up (error says why).</summary>
        public const string Failed = "failed";
    }
}
