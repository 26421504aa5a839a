using System.Collections;
using Beacons.Shared.Common;
using Beacons.Shared.Messaging;

namespace Beacons.Shared.Update
{
    /// <summary>
    /// The signed <c>update</c> command (<c>{"cmd":"update","seq":42,…}</c>): starts the download of bundle
    /// <c>seq</c> from the store's retained <c>fw/&lt;seq&gt;/…</c> topics. The result is ok when the download started
    /// (or already runs for that seq); <c>invalid</c> with the reason when it is not newer than the running bundle,
    /// failed before, another update is in progress, or the node has no release key.
    /// </summary>
    public sealed class UpdateCommand : ICommandTarget
    {
        private readonly BundleDownload _download;

        public UpdateCommand(BundleDownload download)
        {
            _download = download;
        }

        public bool Handles(string command)
        {
            return command == "update";
        }

        public void Execute(string command, Hashtable body, long nowMs)
        {
            string id = body["id"] as string;
            if (!(body["seq"] is double))
            {
                throw new CommandRejectedException(id, "invalid", "seq (the bundle's sequence number) is required");
            }

            double raw = (double)body["seq"];
            if (!ExactMath.IsWhole(raw) || raw < 1 || raw > 2000000000)
            {
                throw new CommandRejectedException(id, "invalid", "seq must be a whole number from 1 to 2000000000");
            }

            string refused = _download.Start((long)raw);
            if (refused != null)
            {
                throw new CommandRejectedException(id, "invalid", refused);
            }
        }
    }
}
