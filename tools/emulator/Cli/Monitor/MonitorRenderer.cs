using System;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Beacons.Emulator.Monitor
{
    /// <summary>The store-ops terminal view of a <see cref="StoreView"/>: lanes, alerts, zones, nodes.</summary>
    public static class MonitorRenderer
    {
        public static IRenderable Render(StoreView view, string title)
        {
            var lanes = new Table().Border(TableBorder.Rounded).Title("[bold]Stock[/]")
                .AddColumns("Lane", "Items", "State", "Last event", "Empty in");
            foreach (LaneState lane in view.Lanes)
            {
                string state = lane.State switch
                {
                    "empty" => "[red]empty[/]",
                    "low" => "[yellow]low[/]",
                    "fault" => "[red bold]fault[/]",
                    _ => Markup.Escape(lane.State ?? "?"),
                };
                lanes.AddRow(
                    Markup.Escape(lane.Key),
                    lane.Items < 0 ? "?" : lane.Items.ToString(),
                    state,
                    Markup.Escape(lane.LastEvent ?? ""),
                    lane.EmptyInS is double s && s > 0 ? FormatDuration(s) : "-");
            }

            var nodes = new Table().Border(TableBorder.Rounded).Title("[bold]Nodes[/]")
                .AddColumns("Node", "State", "Boot", "Uptime", "Seq gaps", "Dups", "Dropped");
            foreach (NodeState node in view.Nodes)
            {
                string state = node.State switch
                {
                    "online" => "[green]online[/]",
                    "offline" => "[red]offline[/]",
                    _ => "[yellow]" + Markup.Escape(node.State) + "[/]",
                };
                nodes.AddRow(Markup.Escape(node.Key), state, node.Boot.ToString(), FormatDuration(node.UptimeS),
                    node.Gaps == 0 ? "0" : $"[red]{node.Gaps}[/]", node.Duplicates.ToString(), node.Dropped.ToString());
            }

            var zones = new Table().Border(TableBorder.Rounded).Title("[bold]Zones[/]")
                .AddColumns("Zone", "Present", "Last bucket", "Last dwell", "Consented ids");
            foreach (ZoneState zone in view.Zones)
            {
                zones.AddRow(Markup.Escape(zone.Key), zone.Present.ToString(), zone.Buckets == 0 ? "-" : zone.LastBucketCount.ToString(),
                    zone.LastDwellS > 0 ? FormatDuration(zone.LastDwellS) : "-", zone.ConsentedIds.ToString());
            }

            var alerts = new Table().Border(TableBorder.Rounded).Title("[bold]Alerts[/]").AddColumns("Time", "Subject", "Alert");
            foreach (Alert alert in view.Alerts.TakeLast(8))
            {
                alerts.AddRow(alert.AtUtc.ToString("HH:mm:ss"), Markup.Escape(alert.Subject), Markup.Escape(alert.Kind + ": " + alert.Detail));
            }

            return new Rows(new Markup($"[bold]{Markup.Escape(title)}[/]  {DateTime.UtcNow:HH:mm:ss} UTC"), lanes, alerts, zones, nodes);
        }

        private static string FormatDuration(double seconds)
        {
            var t = TimeSpan.FromSeconds(seconds);
            return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.Seconds}s";
        }
    }
}
