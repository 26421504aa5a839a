using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.Web;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using nanoFramework.M2Mqtt.Messages;

namespace Beacons.Tests.Integration.Web
{
    /// <summary>
    /// The web view's safety: loopback by default, a remote bind only with a token, the token never in a page, a
    /// cookie or the banner; bad requests answered, not thrown; and the page built from what the broker lets the
    /// subscriber read: one store for a store's ops user, every store for a chain-level user (real mosquitto, ACL).
    /// </summary>
    [TestClass]
    public sealed class OpsWebAccessTests
    {
        private const string Token = "k3y-for-the-shift-manager-7781";

        [TestMethod]
        public void Options_RemoteBindNeedsAToken_LoopbackDoesNot()
        {
            Assert.IsTrue(OpsWebOptions.Create(null, null, _ => null).IsLoopback, "default is loopback");
            Assert.AreEqual(8080, OpsWebOptions.Create(null, null, _ => null).Listen.Port);
            var remote = Assert.ThrowsExactly<ArgumentException>(() => OpsWebOptions.Create("0.0.0.0:8080", null, _ => null));
            StringAssert.Contains(remote.Message, "token");
            Assert.ThrowsExactly<ArgumentException>(() => OpsWebOptions.Create("0.0.0.0:8080", null, _ => "short"));
            Assert.ThrowsExactly<ArgumentException>(() => OpsWebOptions.Create("localhost:http", null, _ => null));
            Assert.ThrowsExactly<ArgumentException>(() => OpsWebOptions.Create("127.0.0.1", null, _ => null));
            Assert.ThrowsExactly<ArgumentException>(() => OpsWebOptions.Create("0.0.0.0:8080", "/nonexistent/token", _ => null));
            Assert.AreEqual(Token, OpsWebOptions.Create("0.0.0.0:8080", null, name => name == OpsWebOptions.TokenVariable ? Token : null).Token);
        }

        [TestMethod]
        public void RemoteBind_WithToken_SaysSo_AndRefusesWithoutIt_TokenNeverInPagesOrCookie()
        {
            string tokenFile = Path.GetTempFileName();
            File.WriteAllText(tokenFile, Token + "\n");
            OpsWebOptions options = OpsWebOptions.Create("0.0.0.0:0", tokenFile);
            File.Delete(tokenFile);
            var view = new StoreView();
            using var history = new StockHistory(":memory:");
            using OpsWebServer server = OpsWebServer.Start(view, history, options);
            string banner = server.Banner(options);
            StringAssert.Contains(banner, "remote bind: a token is required");
            Assert.IsFalse(banner.Contains(Token), banner);

            var local = new Uri($"http://127.0.0.1:{server.Url.Port}/");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = local };
            Assert.AreEqual(HttpStatusCode.Unauthorized, http.GetAsync("/api/state").Result.StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, http.GetAsync("/plot.svg?lane=s001/n01/a1").Result.StatusCode);
            using (var page = new HttpRequestMessage(HttpMethod.Get, "/"))
            {
                page.Headers.Accept.ParseAdd("text/html");
                HttpResponseMessage redirect = http.SendAsync(page).Result;
                Assert.AreEqual(HttpStatusCode.Redirect, redirect.StatusCode);
                Assert.AreEqual("/login", redirect.Headers.Location?.OriginalString);
            }

            Assert.AreEqual(HttpStatusCode.Unauthorized, Login(http, "not-the-token-at-all-123").StatusCode);
            HttpResponseMessage ok = Login(http, Token);
            Assert.AreEqual(HttpStatusCode.Redirect, ok.StatusCode);
            string cookie = ok.Headers.GetValues("Set-Cookie").Single();
            StringAssert.StartsWith(cookie, WebAccess.CookieName + "=");
            StringAssert.Contains(cookie.ToLowerInvariant(), "httponly");
            Assert.IsFalse(cookie.Contains(Token), "the cookie carries the token itself");

            string session = cookie.Split(';')[0];
            foreach (string path in new[] { "/", "/app.js", "/app.css", "/api/state", "/login" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", session);
                HttpResponseMessage response = http.SendAsync(request).Result;
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
                Assert.IsFalse(response.Content.ReadAsStringAsync().Result.Contains(Token), "token in " + path);
            }

            using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/state");
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            Assert.AreEqual(HttpStatusCode.OK, http.SendAsync(bearer).Result.StatusCode);
        }

        [TestMethod]
        public void BadRequests_AnsweredNotThrown()
        {
            var view = new StoreView();
            view.Apply("retail/v1/s001/n01/events/stock", "{\"type\":\"low\",\"lane\":\"a1\",\"items\":2,\"quantity\":0,\"boot\":1,\"seq\":1}", DateTime.UtcNow);
            view.Apply("retail/v1/s001/n01/events/stock", "{not json", DateTime.UtcNow);
            using var history = new StockHistory(":memory:");
            using OpsWebServer server = OpsWebServer.Start(view, history, OpsWebOptions.Create("127.0.0.1:0", null, _ => null));
            using var http = new HttpClient { BaseAddress = server.Url };
            Assert.AreEqual(HttpStatusCode.BadRequest, http.GetAsync("/plot.svg").Result.StatusCode);
            Assert.AreEqual(HttpStatusCode.BadRequest, http.GetAsync("/plot.svg?lane=" + new string('x', 300)).Result.StatusCode);
            string svg = http.GetStringAsync("/plot.svg?lane=%3Cscript%3Ealert(1)%3C/script%3E&hours=banana").Result;
            Assert.IsFalse(svg.Contains("<script>"), svg);
            StringAssert.Contains(svg, "no history yet");
            Assert.AreEqual(HttpStatusCode.Forbidden, http.PostAsync("/api/alerts/0/ack", null).Result.StatusCode, "ack without the page's header");
            Assert.AreEqual(HttpStatusCode.NotFound, Ack(http, "99").StatusCode);
            Assert.AreEqual(HttpStatusCode.NotFound, Ack(http, "-1").StatusCode);
            Assert.AreEqual(HttpStatusCode.NotFound, Ack(http, "abc").StatusCode);
            Assert.AreEqual(HttpStatusCode.NoContent, Ack(http, "0").StatusCode);
            JsonElement state = JsonDocument.Parse(http.GetStringAsync("/api/state?store=s001").Result).RootElement;
            Assert.IsTrue(state.GetProperty("stores")[0].GetProperty("alerts")[0].GetProperty("acked").GetBoolean());
            Assert.AreEqual(0, JsonDocument.Parse(http.GetStringAsync("/api/state?store=nope").Result).RootElement.GetProperty("stores").GetArrayLength());
        }

        [TestMethod]
        public void StoreOpsUser_SeesOneStore_ChainUser_SeesEvery_OnlyWhatTheAclAllows()
        {
            string acl = Path.Combine(Path.GetTempPath(), "web-acl-" + Guid.NewGuid().ToString("N") + ".conf");
            File.WriteAllText(acl, "user writer\ntopic write retail/v1/#\n\nuser ops-s001\ntopic read retail/v1/s001/#\n\nuser chain-ops\ntopic read retail/v1/#\n");
            var options = new MosquittoOptions { AllowAnonymous = false, AclFile = acl };
            options.Users["writer"] = "pw-writer";
            options.Users["ops-s001"] = "pw-ops-s001";
            options.Users["chain-ops"] = "pw-chain";
            using MosquittoBroker broker = MosquittoBroker.Start(options);
            using (MqttProbe writer = MqttProbe.Plain(broker.Port))
            {
                Assert.AreEqual(MqttReasonCode.Success, writer.Client.Connect(MqttProbe.NewId("writer"), "writer", "pw-writer"));
                foreach (string store in new[] { "s001", "s002" })
                {
                    Publish(writer, $"retail/v1/{store}/n01/status", "{\"state\":\"online\",\"fw\":\"0.1.0\",\"uptimeS\":60,\"boot\":1,\"dropped\":0}");
                    Publish(writer, $"retail/v1/{store}/n01/stock/a1", "{\"type\":\"level\",\"lane\":\"a1\",\"items\":7,\"quantity\":0,\"grams\":2310.0,\"confidence\":1.00,\"state\":\"ok\",\"ratePerH\":2.0,\"emptyInS\":12600,\"boot\":1,\"seq\":0}");
                }

                for (int i = 0; i < 4; i++)
                {
                    // Every retained message acknowledged by the broker before the writer leaves.
                    MqttProbe.Take(writer.Published, "PUBACK " + i);
                }

                writer.Client.Disconnect();
            }

            // A store's ops user, even subscribing to every store, gets only its own: the broker filters.
            Same(new[] { "s001" }, StoresOnPage(broker, "ops-s001", "pw-ops-s001", null, null), "broker, ops-s001, pw-ops-s001, null, null");
            Same(new[] { "s001" }, StoresOnPage(broker, "ops-s001", "pw-ops-s001", "s001", null), "broker, ops-s001, pw-ops-s001, s001, null");
            Same(new[] { "s001", "s002" }, StoresOnPage(broker, "chain-ops", "pw-chain", null, null), "broker, chain-ops, pw-chain, null, null");
            Same(new[] { "s002" }, StoresOnPage(broker, "chain-ops", "pw-chain", null, "s002"), "broker, chain-ops, pw-chain, null, s002");
            File.Delete(acl);
        }

        private static string[] StoresOnPage(MosquittoBroker broker, string user, string password, string subscribeStore, string pageStore)
        {
            var view = new StoreView();
            using var history = new StockHistory(":memory:");
            using OpsWebServer server = OpsWebServer.Start(view, history, OpsWebOptions.Create("127.0.0.1:0", null, _ => null));
            using var subscriber = new StoreSubscriber(broker.Url, "retail/v1", subscribeStore, view, user, password);
            using var http = new HttpClient { BaseAddress = server.Url };
            string query = pageStore == null ? "" : "?store=" + pageStore;
            string[] stores = Array.Empty<string>();
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            int expected = user == "chain-ops" && pageStore == null ? 2 : 1;

            while (DateTime.UtcNow < deadline)
            {
                JsonElement state = JsonDocument.Parse(http.GetStringAsync("/api/state" + query).Result).RootElement;
                stores = state.GetProperty("stores").EnumerateArray()
                    .Where(s => s.GetProperty("lanes").GetArrayLength() == 1 && s.GetProperty("nodes").GetArrayLength() == 1)
                    .Select(s => s.GetProperty("store").GetString()).ToArray();
                if (stores.Length >= expected)
                {
                    // Give a store the ACL should have filtered a moment to (wrongly) arrive.
                    Thread.Sleep(500);
                    state = JsonDocument.Parse(http.GetStringAsync("/api/state" + query).Result).RootElement;
                    return state.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("store").GetString()).ToArray();
                }

                Thread.Sleep(100);
            }

            return stores;
        }

        private static void Same(string[] expected, string[] actual, string what) =>
            Assert.AreEqual(string.Join(",", expected), string.Join(",", actual), what);

        private static void Publish(MqttProbe probe, string topic, string payload) =>
            probe.Client.Publish(topic, Encoding.UTF8.GetBytes(payload), null, null, MqttQoSLevel.AtLeastOnce, true);

        private static HttpResponseMessage Login(HttpClient http, string token) =>
            http.PostAsync("/login", new FormUrlEncodedContent(new[] { new System.Collections.Generic.KeyValuePair<string, string>("token", token) })).Result;

        private static HttpResponseMessage Ack(HttpClient http, string id)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{id}/ack");
            request.Headers.Add("X-Ops-Request", "1");
            return http.SendAsync(request).Result;
        }
    }
}
