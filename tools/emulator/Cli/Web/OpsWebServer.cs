using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Beacons.Emulator.Monitor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// The store-ops page, served beside the terminal view from the same <see cref="StoreView"/>: <c>/</c> (the page),
    /// <c>/api/state</c> (a snapshot), <c>/api/events</c> (server-sent events: a snapshot after every change, at most
    /// every <see cref="PushIntervalMs"/> ms), <c>/plot.svg?lane=…</c> (a lane's depletion plot from the history),
    /// <c>POST /api/alerts/{id}/ack</c>. <c>?store=S</c> narrows any of them to one store.
    /// </summary>
    public sealed class OpsWebServer : IDisposable
    {
        public const int PushIntervalMs = 250;

        /// <summary>Live pages at once; more get 503 (each holds a connection and a snapshot loop).</summary>
        public const int MaxStreams = 32;

        private readonly StoreView _view;
        private readonly StockHistory _history;
        private readonly AlertAcks _acks = new AlertAcks();
        private readonly WebAccess _access;
        private readonly WebApplication _app;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private int _streams;

        private OpsWebServer(StoreView view, StockHistory history, OpsWebOptions options)
        {
            _view = view;
            _history = history;
            _access = new WebAccess(options.Token);
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = Array.Empty<string>(),
                ContentRootPath = AppContext.BaseDirectory,
                ApplicationName = "Beacons.Emulator",
            });

            // Nothing of a request (its query, its headers) reaches a log: the host's own logging is off.
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(options.Listen);
                k.AddServerHeader = false;
            });
            _app = builder.Build();
            _app.Use(async (context, next) =>
            {
                HttpResponse response = context.Response;
                response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
                response.Headers["X-Content-Type-Options"] = "nosniff";
                response.Headers["Referrer-Policy"] = "no-referrer";
                response.Headers.CacheControl = "no-store";
                if (context.Request.Path.StartsWithSegments("/login") || context.Request.Path == "/app.css" || _access.Allows(context.Request))
                {
                    await next(context);
                    return;
                }

                await _access.Deny(context);
            });
            Map(_app);
        }

        /// <summary>The address the page is on (with the real port when 0 was asked for).</summary>
        public Uri Url { get; private set; }

        public AlertAcks Acks => _acks;

        /// <summary>Starts listening; returns once the socket is bound.</summary>
        /// <exception cref="InvalidOperationException">The address cannot be bound (in use, not ours): one line.</exception>
        public static OpsWebServer Start(StoreView view, StockHistory history, OpsWebOptions options)
        {
            var server = new OpsWebServer(view, history, options);
            try
            {
                server._app.StartAsync().GetAwaiter().GetResult();
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException($"web view: cannot listen on {options.Listen} ({Program.OneLine(ex.Message)}); choose another with --listen, or --no-web");
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new InvalidOperationException($"web view: cannot listen on {options.Listen} ({ex.Message})");
            }

            string address = server._app.Services.GetService(typeof(IServer)) is IServer s && s.Features.Get<IServerAddressesFeature>() is { } f
                ? f.Addresses.First()
                : "http://" + options.Listen;
            var uri = new Uri(address);
            if (options.Listen.Address.Equals(IPAddress.Any) || options.Listen.Address.Equals(IPAddress.IPv6Any))
            {
                uri = new UriBuilder(uri) { Host = options.Listen.Address.Equals(IPAddress.Any) ? "0.0.0.0" : "[::]" }.Uri;
            }

            server.Url = uri;
            return server;
        }

        /// <summary>The one line to print at start: where, and whether a token guards it (never the token).</summary>
        public string Banner(OpsWebOptions options) => options.Token == null
            ? $"web view: {Url} (loopback only, no token)"
            : $"web view: {Url} ({(options.IsLoopback ? "loopback" : "remote bind")}: a token is required; log in at {new Uri(Url, "/login")})";

        private void Map(WebApplication app)
        {
            app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
            app.MapGet("/app.js", () => Asset("app.js", "text/javascript; charset=utf-8"));
            app.MapGet("/app.css", () => Asset("app.css", "text/css; charset=utf-8"));
            app.MapGet("/api/state", (HttpRequest request) =>
                Results.Text(ViewSnapshot.Build(_view, _acks, Store(request), DateTime.UtcNow).ToJsonString(), "application/json"));
            app.MapGet("/api/events", (HttpContext context) => Stream(context));
            app.MapGet("/plot.svg", (HttpRequest request) => Plot(request));
            app.MapPost("/api/alerts/{id:int}/ack", (int id, HttpRequest request) =>
            {
                // A custom header: a cross-site form cannot send it, so a session cookie alone cannot acknowledge.
                if (request.Headers["X-Ops-Request"] != "1")
                {
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                }

                return _acks.Acknowledge(id, _view.Alerts.Count) ? Results.NoContent() : Results.NotFound();
            });
            app.MapGet("/login", () => Results.Text(LoginPage(null), "text/html; charset=utf-8"));
            app.MapPost("/login", async (HttpContext context) =>
            {
                IFormCollection form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
                if (!_access.Required || _access.IsToken(form?["token"]))
                {
                    if (_access.Required)
                    {
                        context.Response.Cookies.Append(WebAccess.CookieName, _access.Session,
                            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/" });
                    }

                    return Results.Redirect("/");
                }

                return Results.Text(LoginPage("wrong token"), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            });
        }

        private static string Store(HttpRequest request)
        {
            string store = request.Query["store"];
            return string.IsNullOrEmpty(store) ? null : store;
        }

        private IResult Plot(HttpRequest request)
        {
            string lane = request.Query["lane"];
            if (string.IsNullOrEmpty(lane) || lane.Length > 200)
            {
                return Results.BadRequest("lane=store/device/lane expected\n");
            }

            double hours = double.TryParse(request.Query["hours"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double h) && h > 0 && h <= 72 ? h : 3;
            DateTime now = DateTime.UtcNow;
            LaneState state = _view.Lanes.FirstOrDefault(l => l.Key == lane);
            string svg = DepletionPlot.Render(lane, _history.Lane(lane, now.AddHours(-hours)), state, now, hours);
            return Results.Text(svg, "image/svg+xml; charset=utf-8");
        }

        private async Task Stream(HttpContext context)
        {
            if (Interlocked.Increment(ref _streams) > MaxStreams)
            {
                Interlocked.Decrement(ref _streams);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            string store = Store(context.Request);
            using var changed = new SemaphoreSlim(0, 1);
            void Signal(string _ = null)
            {
                if (changed.CurrentCount == 0)
                {
                    try
                    {
                        changed.Release();
                    }
                    catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
                    {
                        // Already signalled, or the page just went away.
                    }
                }
            }

            Action<string> onUpdate = Signal;
            Action onAck = () => Signal();
            _view.Updated += onUpdate;
            _acks.Changed += onAck;
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                context.Response.Headers.ContentType = "text/event-stream";
                context.Response.Headers["X-Accel-Buffering"] = "no";
                await context.Response.WriteAsync("retry: 2000\n\n", gone.Token);
                while (!gone.IsCancellationRequested)
                {
                    string json = ViewSnapshot.Build(_view, _acks, store, DateTime.UtcNow).ToJsonString();
                    await context.Response.WriteAsync("data: " + json + "\n\n", Encoding.UTF8, gone.Token);
                    await context.Response.Body.FlushAsync(gone.Token);

                    // Wait for a change (or 15 s, so the time-to-empty figures tick and proxies keep the stream), then
                    // let a burst of messages settle into one snapshot.
                    await changed.WaitAsync(TimeSpan.FromSeconds(15), gone.Token);
                    await Task.Delay(PushIntervalMs, gone.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
                // The page went away mid-write.
            }
            finally
            {
                _view.Updated -= onUpdate;
                _acks.Changed -= onAck;
                Interlocked.Decrement(ref _streams);
            }
        }

        private static IResult Asset(string name, string contentType)
        {
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("web/" + name);
            if (stream == null)
            {
                return Results.NotFound();
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Results.Text(reader.ReadToEnd(), contentType);
        }

        private static string LoginPage(string error) =>
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Store ops: log in</title>" +
            "<link rel=\"stylesheet\" href=\"/app.css\"></head><body><main class=\"login\"><h1>Store ops</h1>" +
            (error == null ? "" : "<p class=\"error\">" + error + "</p>") +
            "<form method=\"post\" action=\"/login\"><label>Access token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required></label>" +
            "<button type=\"submit\">Open</button></form></main></body></html>";

        public void Dispose()
        {
            _stopping.Cancel();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                _app.StopAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }

            ((IDisposable)_app).Dispose();
            _stopping.Dispose();
        }
    }
}
