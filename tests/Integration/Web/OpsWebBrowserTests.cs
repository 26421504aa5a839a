using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Beacons.Emulator;
using Beacons.Emulator.Monitor;
using Beacons.Emulator.Web;
using Beacons.Emulator.World;
using Beacons.Tests.Integration.Mqtt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Beacons.Tests.Integration.Web
{
    /// <summary>
    /// The ops web view in a real browser: Debian's headless chromium through its chromedriver (Selenium), on a short
    /// demo store against a real mosquitto. A pick reaches the page within 3 s, the power cut turns its node offline, a
    /// low/empty alert appears and can be acknowledged, the depletion plots have points, and no shopper identifier
    /// is anywhere in the DOM. Screenshots go to the test results directory (web-*.png).
    /// </summary>
    [TestClass]
    public sealed class OpsWebBrowserTests
    {
        private const string Chromium = "/usr/bin/chromium";
        private const string ChromeDriver = "/usr/bin/chromedriver";
        private static readonly TimeSpan PickToPage = TimeSpan.FromSeconds(3);

        private const string ConsentedEnter = "{\"type\":\"enter\",\"zone\":\"near\",\"seq\":1,\"ts\":\"2026-11-22T10:15:03.100Z\",\"id\":\"399b1125ec7523ec\",\"pid\":\"5ea9633fb4bd1788\"}";
        private const string ConsentedExit = "{\"type\":\"exit\",\"zone\":\"near\",\"seq\":3,\"ts\":\"2026-11-22T10:17:30Z\",\"id\":\"399b1125ec7523ec\",\"pid\":\"5ea9633fb4bd1788\",\"dwellS\":141}";

        public TestContext TestContext { get; set; }

        [TestMethod]
        public void DemoStore_PageFollowsPicksPowerCutAlertsAndPlots_WithoutIdentifiers()
        {
            EnsureBrowser();
            using MosquittoBroker broker = MosquittoBroker.Start();
            string folder = Path.Combine(Path.GetTempPath(), "beacons-web-test-" + Guid.NewGuid().ToString("N"));
            var view = new StoreView();
            var picks = new BlockingCollection<LaneRecord>();
            var lastRecord = new ConcurrentDictionary<string, DateTime>();
            view.Recorded += r =>
            {
                lastRecord[r.LaneKey] = r.AtUtc;
                if (r.Type == "pick")
                {
                    picks.Add(r);
                }
            };
            OpsWebOptions options = OpsWebOptions.Create("127.0.0.1:0", null, _ => null);
            using OpsWeb web = OpsWeb.Start(view, options, Path.Combine(folder, "history.db"), 72);
            string failure = null;
            var figures = new System.Collections.Generic.List<string>();

            DemoVerb.RunStore(view, broker.Url, 36, 4, 3, false, (watched, token) =>
            {
                try
                {
                    using ChromeDriver browser = OpenBrowser();
                    browser.Navigate().GoToUrl(web.Url);
                    Until(browser, TimeSpan.FromSeconds(10), () => browser.FindElements(By.CssSelector("#live.on")).Count > 0 , "the page's event stream connects");
                    Until(browser, TimeSpan.FromSeconds(15), () => browser.FindElements(By.CssSelector("table.lanes tbody tr")).Count >= 4 , "four lanes on the page");

                    // 1. A pick on a virtual shelf: the lane's count on the page follows within 3 s of the pick reaching ops.
                    figures.Add(PickReachesPage(browser, picks, lastRecord));
                    Screenshot(browser, "web-after-pick");

                    // 2. A low or empty alert, acknowledged from the page.
                    // The list is re-rendered on every update: find, read and click in one go, again if it went stale.
                    string subject = Until(browser, TimeSpan.FromSeconds(25), () =>
                    {
                        IWebElement alert = browser.FindElements(By.CssSelector("ul.alerts li[data-kind='low']:not(.acked), ul.alerts li[data-kind='empty']:not(.acked)")).FirstOrDefault();
                        if (alert == null)
                        {
                            return null;
                        }

                        string found = alert.GetAttribute("data-subject");
                        alert.FindElement(By.CssSelector("button.ack")).Click();
                        return found;
                    }, "a low/empty alert on the page, acknowledged");
                    Until(browser, TimeSpan.FromSeconds(5),
                        () => browser.FindElements(By.CssSelector("ul.alerts li.acked")).Count > 0 , "the alert shows acknowledged");

                    // 3. Depletion plots have points (and a pick marker once the lane has had one).
                    Until(browser, TimeSpan.FromSeconds(10),
                        () => browser.FindElements(By.CssSelector(".plot svg circle.pt")).Count > 3 , "plot points");
                    int points = browser.FindElements(By.CssSelector(".plot svg circle.pt")).Count;
                    int pickMarks = browser.FindElements(By.CssSelector(".plot svg path.pick")).Count;
                    Assert.IsTrue(pickMarks > 0, "pick markers on the plots");
                    figures.Add($"alert on {subject}; plots: {points} points, {pickMarks} pick marks, {browser.FindElements(By.CssSelector(".plot svg line.forecast")).Count} forecasts");

                    // 4. The power cut at 60 % of the run: n02's Last Will turns it offline on the page.
                    var cutWatch = Stopwatch.StartNew();
                    Until(browser, TimeSpan.FromSeconds(30), () =>
                        Text(browser, "tr[data-node='s001/n02'] td.node-state") == "offline" , "n02 offline on the page");
                    figures.Add($"n02 offline on the page {cutWatch.Elapsed.TotalSeconds:0.0} s after the alert checks");
                    Thread.Sleep(1500);
                    Screenshot(browser, "web-power-cut");

                    // 5. No identifier anywhere in the DOM, even though this store's policy allows consented ones: besides
                    // whatever the scanners published, a consented shopper's enter/exit with id and pid (docs/privacy.md).
                    using (MqttProbe scanner = MqttProbe.Plain(broker.Port))
                    {
                        scanner.Client.Connect(MqttProbe.NewId("web-scan"));
                        foreach (string payload in new[] { ConsentedEnter, ConsentedExit })
                        {
                            scanner.Client.Publish("retail/v1/s001/n03/events/proximity", System.Text.Encoding.UTF8.GetBytes(payload), null, null, nanoFramework.M2Mqtt.Messages.MqttQoSLevel.AtLeastOnce, false);
                        }

                        Until(browser, TimeSpan.FromSeconds(5), () => Text(browser, "tr[data-zone='s001/n03/near'] td:nth-child(4)") == "2m21s", "the consented shopper's zone and dwell on the page");
                        scanner.Client.Disconnect();
                    }

                    string dom = (string)browser.ExecuteScript("return document.documentElement.outerHTML + '\\n' + document.body.innerText;");
                    string[] ids = view.ProximityPayloads
                        .Select(p => JsonDocument.Parse(p).RootElement)
                        .SelectMany(e => new[] { "id", "pid" }.Where(f => e.TryGetProperty(f, out _)).Select(f => e.GetProperty(f).ToString()))
                        .Distinct()
                        .ToArray();
                    CollectionAssert.IsSubsetOf(new[] { "399b1125ec7523ec", "5ea9633fb4bd1788" }, ids, "the injected identifiers reached the view");
                    foreach (string id in ids)
                    {
                        Assert.IsFalse(dom.Contains(id, StringComparison.OrdinalIgnoreCase), "identifier in the DOM: " + id);
                    }

                    Assert.IsFalse(Regex.IsMatch(dom, "([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}"), "a MAC address in the DOM");
                    Screenshot(browser, "web-final");
                    figures.Add($"DOM {dom.Length} chars checked against {ids.Length} consented ids/pids seen on the broker, {view.ProximityPayloads.Count} proximity messages");
                }
                catch (Exception ex)
                {
                    failure = ex.ToString();
                }
            }, out DemoStore _);

            foreach (string f in figures)
            {
                TestContext.WriteLine(f);
            }

            try
            {
                Directory.Delete(folder, true);
            }
            catch (IOException)
            {
            }

            if (failure != null)
            {
                Assert.Fail(failure);
            }
        }

        /// <summary>Waits for a pick event and for the page to show that lane's new count; tries the next pick when the
        /// lane changed again before the first could be compared.</summary>
        private static string PickReachesPage(ChromeDriver browser, BlockingCollection<LaneRecord> picks, ConcurrentDictionary<string, DateTime> lastRecord)
        {
            while (picks.TryTake(out _))
            {
                // Only picks that happen while the page is open count.
            }

            for (int attempt = 0; attempt < 5; attempt++)
            {
                Assert.IsTrue(picks.TryTake(out LaneRecord pick, TimeSpan.FromSeconds(20)), "a pick within 20 s");
                DateTime deadline = pick.AtUtc + PickToPage;
                string shown = null;
                while (DateTime.UtcNow < deadline)
                {
                    shown = Text(browser, $"tr[data-lane='{pick.LaneKey}'] td.items");
                    if (shown == pick.Items.ToString())
                    {
                        return $"pick on {pick.LaneKey} ({pick.Items} left) on the page {(DateTime.UtcNow - pick.AtUtc).TotalMilliseconds:0} ms after it reached ops";
                    }

                    Thread.Sleep(50);
                }

                bool changedSince = lastRecord.TryGetValue(pick.LaneKey, out DateTime last) && last > pick.AtUtc && last < deadline;
                Assert.IsTrue(changedSince, $"pick on {pick.LaneKey}: page shows '{shown}', expected {pick.Items} within {PickToPage.TotalSeconds} s");
            }

            Assert.Fail("every pick was overtaken by another change of its lane before the page could be compared");
            return null;
        }

        /// <summary>The text of the first match, or null; the page re-renders its tables on every update, so a stale
        /// element is read again.</summary>
        private static string Text(ChromeDriver browser, string css)
        {
            for (int i = 0; i < 5; i++)
            {
                try
                {
                    return browser.FindElements(By.CssSelector(css)).FirstOrDefault()?.Text;
                }
                catch (StaleElementReferenceException)
                {
                }
            }

            return null;
        }

        private static T Until<T>(ChromeDriver browser, TimeSpan timeout, Func<T> probe, string what) where T : class
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                T found = null;
                try
                {
                    found = probe();
                }
                catch (StaleElementReferenceException)
                {
                    // The page re-rendered between finding and reading: look again.
                }

                if (found != null)
                {
                    return found;
                }

                if (watch.Elapsed > timeout)
                {
                    Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}");
                }

                Thread.Sleep(100);
            }
        }

        private static void Until(ChromeDriver browser, TimeSpan timeout, Func<bool> probe, string what) =>
            Until<object>(browser, timeout, () => probe() ? (object)true : null, what);

        private ChromeDriver OpenBrowser()
        {
            var options = new ChromeOptions { BinaryLocation = Chromium };
            options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1600", "--no-first-run");
            ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver), Path.GetFileName(ChromeDriver));
            service.SuppressInitialDiagnosticInformation = true;
            service.HideCommandPromptWindow = true;
            return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }

        private void Screenshot(ChromeDriver browser, string name)
        {
            string folder = TestContext.TestResultsDirectory ?? Path.GetTempPath();
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, name + ".png");
            browser.GetScreenshot().SaveAsFile(path);
            TestContext.AddResultFile(path);
            TestContext.WriteLine("screenshot: " + path);
        }

        /// <summary>Chromium and its driver from Debian; installed here when missing and we are root, else skipped.</summary>
        private static void EnsureBrowser()
        {
            if (File.Exists(Chromium) && File.Exists(ChromeDriver))
            {
                return;
            }

            if (Environment.UserName == "root")
            {
                using var apt = Process.Start(new ProcessStartInfo("apt-get", "install -y -qq chromium chromium-driver")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
                });
                apt.StandardOutput.ReadToEnd();
                apt.WaitForExit(600_000);
            }

            if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
            {
                Assert.Inconclusive($"{Chromium} or {ChromeDriver} missing and could not be installed (apt-get install chromium chromium-driver)");
            }
        }
    }
}
