using System.Collections;

namespace Beacons.Shared.Messaging
{
    /// <summary>
    /// Where commands arrive from the MQTT receive thread. Each payload is judged there, at once: too large, forged,
    /// stale or replayed ones get their rejection result without ever taking a queue slot, so a flood of forged commands
    /// cannot crowd out a valid one; verified commands wait for the main loop (components are single-threaded), and
    /// when <see cref="MaxPendingCommands"/> already wait the newcomer is answered <c>busy</c>. Every payload thus gets
    /// exactly one result, except when even the result queue is full (a flood faster than the loop publishes): those
    /// are counted in <see cref="Unanswered"/> rather than buffered without bound.
    /// </summary>
    public sealed class CommandInbox
    {
        /// <summary>Largest command payload accepted (a signed envelope is ~300 bytes); larger ones get <c>too-large</c>.</summary>
        public const int MaxPayloadBytes = 2048;

        /// <summary>Verified commands waiting for the loop.</summary>
        public const int MaxPendingCommands = 4;

        /// <summary>Rejection results waiting for the loop to publish them.</summary>
        public const int MaxPendingResults = 8;

        private readonly CommandAuthenticator _authenticator;
        private readonly JsonWriter _json = new JsonWriter(256);
        private readonly object _gate = new object();
        private readonly Hashtable[] _commands = new Hashtable[MaxPendingCommands];
        private readonly string[] _results = new string[MaxPendingResults];
        private int _commandCount;
        private int _resultCount;
        private long _rejected;
        private long _unanswered;

        /// <param name="authenticator">Checks signatures; null when the device has no command key (all unauthorized).</param>
        public CommandInbox(CommandAuthenticator authenticator)
        {
            _authenticator = authenticator;
        }

        /// <summary>Commands refused (any code, busy included).</summary>
        public long Rejected
        {
            get { lock (_gate) { return _rejected; } }
        }

        /// <summary>Commands whose result could not be queued (result queue full during a flood).</summary>
        public long Unanswered
        {
            get { lock (_gate) { return _unanswered; } }
        }

        /// <summary>Judges one payload (MQTT receive thread). Never throws.</summary>
        public void Receive(byte[] payload, long nowUnixS)
        {
            // The receive thread is the only one that verifies, so the authenticator's nonce memory needs no lock.
            if (payload == null || payload.Length > MaxPayloadBytes)
            {
                Reject(null, "too-large", "command payloads are limited to " + MaxPayloadBytes + " bytes");
                return;
            }

            Hashtable body;
            try
            {
                if (_authenticator == null)
                {
                    throw new CommandRejectedException(null, "unauthorized", "no command key is provisioned on this device");
                }

                body = _authenticator.Verify(payload, nowUnixS);
            }
            catch (CommandRejectedException ex)
            {
                Reject(ex.CommandId, ex.Code, ex.Message);
                return;
            }
            catch (System.Exception)
            {
                Reject(null, "malformed", "unreadable command");
                return;
            }

            lock (_gate)
            {
                if (_commandCount < MaxPendingCommands)
                {
                    _commands[_commandCount++] = body;
                    return;
                }
            }

            Reject(body["id"] as string, "busy", "the node already has " + MaxPendingCommands + " commands waiting: send it again with a new nonce");
        }

        /// <summary>The oldest verified command (main loop), or null.</summary>
        public Hashtable TakeCommand()
        {
            lock (_gate)
            {
                if (_commandCount == 0)
                {
                    return null;
                }

                Hashtable first = _commands[0];
                for (int i = 1; i < _commandCount; i++)
                {
                    _commands[i - 1] = _commands[i];
                }

                _commands[--_commandCount] = null;
                return first;
            }
        }

        /// <summary>The oldest queued rejection result JSON (main loop), or null.</summary>
        public string TakeResult()
        {
            lock (_gate)
            {
                if (_resultCount == 0)
                {
                    return null;
                }

                string first = _results[0];
                for (int i = 1; i < _resultCount; i++)
                {
                    _results[i - 1] = _results[i];
                }

                _results[--_resultCount] = null;
                return first;
            }
        }

        private void Reject(string id, string code, string reason)
        {
            lock (_gate)
            {
                _rejected++;
                if (_resultCount == MaxPendingResults)
                {
                    _unanswered++;
                    return;
                }

                _results[_resultCount++] = CommandResult.Rejected(_json, id, code, reason);
            }
        }
    }
}
