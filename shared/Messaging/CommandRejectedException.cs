using System;

namespace Beacons.Shared.Messaging
{
    /// <summary>A command that was not executed; the node answers on <c>cmd/result</c> with <see cref="Code"/> and the message.</summary>
    public class CommandRejectedException : Exception
    {
        public CommandRejectedException(string commandId, string code, string reason)
            : base(reason)
        {
            CommandId = commandId;
            Code = code;
        }

        /// <summary>The command's id when it could be read, else null.</summary>
        public string CommandId { get; }

        /// <summary>malformed, unauthorized, stale, replayed, storage, invalid, failed, too-large or busy.</summary>
        public string Code { get; }
    }
}
