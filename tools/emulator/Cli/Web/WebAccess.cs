using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// The token check in front of every route when a token is set: <c>Authorization: Bearer &lt;token&gt;</c>, or the
    /// session cookie the login form sets. The cookie holds an HMAC of the token, not the token; pages and logs never
    /// see either. Without a token (loopback only) everything passes.
    /// </summary>
    public sealed class WebAccess
    {
        public const string CookieName = "ops_session";

        private readonly byte[] _token;
        private readonly byte[] _session;

        public WebAccess(string token)
        {
            if (token != null)
            {
                _token = Encoding.UTF8.GetBytes(token);
                _session = Encoding.ASCII.GetBytes(SessionValue(token));
            }
        }

        public bool Required => _token != null;

        public string Session => _session == null ? null : Encoding.ASCII.GetString(_session);

        /// <summary>Whether the request may pass.</summary>
        public bool Allows(HttpRequest request)
        {
            if (_token == null)
            {
                return true;
            }

            string header = request.Headers.Authorization;
            if (header != null && header.StartsWith("Bearer ", StringComparison.Ordinal) && Matches(header.Substring(7).Trim(), _token))
            {
                return true;
            }

            return request.Cookies.TryGetValue(CookieName, out string cookie) && Matches(cookie, _session);
        }

        /// <summary>Whether a token typed into the login form is the right one.</summary>
        public bool IsToken(string candidate) => _token != null && candidate != null && Matches(candidate.Trim(), _token);

        public Task Deny(HttpContext context)
        {
            bool wantsPage = context.Request.Method == "GET" && (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal));
            if (wantsPage)
            {
                context.Response.Redirect("/login");
                return Task.CompletedTask;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsync("token required\n");
        }

        private static bool Matches(string candidate, byte[] expected) =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected);

        private static string SessionValue(string token)
        {
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(token));
            return Convert.ToHexString(hmac.ComputeHash(Encoding.ASCII.GetBytes("beacons ops web session v1"))).ToLowerInvariant();
        }
    }
}
