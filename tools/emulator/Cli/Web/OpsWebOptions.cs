using System;
using System.IO;
using System.Net;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// Where the ops web view listens and who may open it. Loopback needs nothing; any other address needs a token
    /// (at least <see cref="MinTokenChars"/> characters, from a file or <c>BEACONS_WEB_TOKEN</c>, never from the command
    /// line, where <c>ps</c> would show it).
    /// </summary>
    public sealed class OpsWebOptions
    {
        public const string DefaultListen = "127.0.0.1:8080";

        public const string TokenVariable = "BEACONS_WEB_TOKEN";

        public const int MinTokenChars = 16;

        public IPEndPoint Listen { get; private set; }

        /// <summary>The access token, or null (loopback only).</summary>
        public string Token { get; private set; }

        public bool IsLoopback => IPAddress.IsLoopback(Listen.Address);

        /// <param name="listen"><c>host:port</c> with a literal IP (port 0 picks a free one), or null for <see cref="DefaultListen"/>.</param>
        /// <param name="tokenFile">A file whose first line is the token, or null (then <see cref="TokenVariable"/> is read).</param>
        /// <exception cref="ArgumentException">Unusable address, unreadable or short token, or a remote bind without one.</exception>
        public static OpsWebOptions Create(string listen, string tokenFile, Func<string, string> environment = null)
        {
            listen ??= DefaultListen;
            if (!IPEndPoint.TryParse(listen, out IPEndPoint endPoint) || endPoint.Port > 65535 || listen.IndexOf(':') < 0)
            {
                throw new ArgumentException($"--listen '{listen}': expected ip:port, e.g. {DefaultListen} or 0.0.0.0:8080");
            }

            string token = null;
            if (tokenFile != null)
            {
                try
                {
                    using var reader = new StreamReader(tokenFile);
                    token = reader.ReadLine()?.Trim();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new ArgumentException($"--web-token-file '{tokenFile}': cannot read it ({ex.GetType().Name})");
                }
            }
            else
            {
                token = (environment ?? Environment.GetEnvironmentVariable)(TokenVariable)?.Trim();
            }

            if (string.IsNullOrEmpty(token))
            {
                token = null;
            }
            else if (token.Length < MinTokenChars)
            {
                throw new ArgumentException($"the web token must have at least {MinTokenChars} characters");
            }

            var options = new OpsWebOptions { Listen = endPoint, Token = token };
            if (!options.IsLoopback && token == null)
            {
                throw new ArgumentException($"--listen {listen} is not loopback: give a token (--web-token-file FILE or {TokenVariable}) so only ops can open the page");
            }

            return options;
        }
    }
}
