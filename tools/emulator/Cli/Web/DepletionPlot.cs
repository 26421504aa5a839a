using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security;
using System.Text;
using Beacons.Emulator.Monitor;

namespace Beacons.Emulator.Web
{
    /// <summary>
    /// A lane's items over time as a server-rendered SVG: the level as a step line with a point per record
    /// (<c>circle.pt</c>), picks and restocks marked (<c>path.pick</c>, <c>path.restock</c>), and the predicted empty
    /// time drawn as a dashed line from the last level down to zero (<c>line.forecast</c>). The time axis fits the data
    /// inside the window and leaves a third more on the right for the forecast.
    /// </summary>
    public static class DepletionPlot
    {
        private const double Width = 480;
        private const double Height = 180;
        private const double Left = 34;
        private const double Right = 10;
        private const double Top = 18;
        private const double Bottom = 24;

        /// <param name="records">The lane's history, oldest first.</param>
        /// <param name="lane">The lane's live state (for the forecast), or null.</param>
        public static string Render(string laneKey, IReadOnlyList<LaneRecord> records, LaneState lane, DateTime nowUtc, double windowHours)
        {
            var svg = new StringBuilder(4096);
            svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"depletion\" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(Height))
               .Append("\" role=\"img\" aria-label=\"items over time, ").Append(Escape(laneKey)).Append("\">");
            if (records.Count == 0)
            {
                svg.Append("<text x=\"").Append(F(Width / 2)).Append("\" y=\"").Append(F(Height / 2)).Append("\" text-anchor=\"middle\" class=\"none\">no history yet</text></svg>");
                return svg.ToString();
            }

            DateTime windowStart = nowUtc.AddHours(-windowHours);
            DateTime first = records[0].AtUtc < windowStart ? windowStart : records[0].AtUtc;
            DateTime xMin = first.AddSeconds(-Math.Max(1, (nowUtc - first).TotalSeconds * 0.02));
            double spanS = Math.Max(10, (nowUtc - xMin).TotalSeconds);
            DateTime xMax = nowUtc.AddSeconds(spanS / 3);

            long yMaxItems = 1;
            foreach (LaneRecord r in records)
            {
                yMaxItems = Math.Max(yMaxItems, r.Items);
            }

            double yMax = yMaxItems + 1;
            double X(DateTime t) => Left + (Width - Left - Right) * Math.Clamp((t - xMin).TotalSeconds / (xMax - xMin).TotalSeconds, 0, 1);
            double Y(double items) => Top + (Height - Top - Bottom) * (1 - Math.Clamp(items, 0, yMax) / yMax);

            Axes(svg, xMin, xMax, yMax, X, Y, nowUtc);

            // The level as a step line: it holds until the next record, and to now after the last one.
            var line = new StringBuilder();
            double lastY = 0;
            bool started = false;
            foreach (LaneRecord r in records)
            {
                if (r.Items < 0)
                {
                    continue;
                }

                double x = X(r.AtUtc), y = Y(r.Items);
                line.Append(started ? " " : "").Append(started ? F(x) + "," + F(lastY) + " " : "").Append(F(x)).Append(',').Append(F(y));
                lastY = y;
                started = true;
            }

            if (started)
            {
                line.Append(' ').Append(F(X(nowUtc))).Append(',').Append(F(lastY));
                svg.Append("<polyline class=\"level\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.6\" points=\"").Append(line).Append("\"/>");
            }

            foreach (LaneRecord r in records)
            {
                if (r.Items < 0)
                {
                    continue;
                }

                double x = X(r.AtUtc), y = Y(r.Items);
                switch (r.Type)
                {
                    case "pick":
                        svg.Append("<path class=\"pick\" fill=\"#dc2626\" d=\"M").Append(F(x - 4)).Append(',').Append(F(y - 9)).Append(" h8 l-4,6 z\"><title>pick ")
                           .Append(r.Quantity ?? 1).Append(" at ").Append(r.AtUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append("</title></path>");
                        break;
                    case "restock":
                        svg.Append("<path class=\"restock\" fill=\"#16a34a\" d=\"M").Append(F(x - 4)).Append(',').Append(F(y - 3)).Append(" h8 l-4,-6 z\"><title>restock ")
                           .Append(r.Quantity ?? 0).Append(" at ").Append(r.AtUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append("</title></path>");
                        break;
                }

                svg.Append("<circle class=\"pt\" r=\"2.2\" fill=\"#2563eb\" cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\"/>");
            }

            Forecast(svg, records[records.Count - 1], lane, nowUtc, xMax, X, Y);
            svg.Append("</svg>");
            return svg.ToString();
        }

        /// <summary>The predicted empty time: now + what the node last said (<c>emptyInS</c>) minus the time since.</summary>
        public static DateTime? PredictedEmptyUtc(LaneState lane)
        {
            if (lane == null || lane.EmptyInS is not double s || s <= 0 || lane.LevelUtc == default || lane.Items <= 0)
            {
                return null;
            }

            return lane.LevelUtc.AddSeconds(Math.Min(s, 30 * 86400.0));
        }

        private static void Forecast(StringBuilder svg, LaneRecord last, LaneState lane, DateTime nowUtc, DateTime xMax, Func<DateTime, double> x, Func<double, double> y)
        {
            DateTime? emptyAt = PredictedEmptyUtc(lane);
            if (emptyAt is not DateTime at || lane.Items <= 0)
            {
                return;
            }

            DateTime from = nowUtc > at ? at : nowUtc;
            double x0 = x(from), y0 = y(lane.Items);
            double x1, y1;
            if (at <= xMax)
            {
                x1 = x(at);
                y1 = y(0);
            }
            else
            {
                // Beyond the axis: draw the slope as far as the edge.
                double fraction = (xMax - from).TotalSeconds / Math.Max(1, (at - from).TotalSeconds);
                x1 = x(xMax);
                y1 = y(lane.Items * (1 - fraction));
            }

            svg.Append("<line class=\"forecast\" stroke=\"#f59e0b\" stroke-width=\"1.6\" stroke-dasharray=\"5,4\" x1=\"").Append(F(x0)).Append("\" y1=\"").Append(F(y0))
               .Append("\" x2=\"").Append(F(x1)).Append("\" y2=\"").Append(F(y1)).Append("\"/>");
            string label = "empty ~" + at.ToString(at - nowUtc < TimeSpan.FromHours(1) ? "HH:mm:ss" : "ddd HH:mm", CultureInfo.InvariantCulture);
            svg.Append("<text class=\"forecast-label\" font-size=\"10\" fill=\"#b45309\" text-anchor=\"end\" x=\"").Append(F(Width - Right)).Append("\" y=\"")
               .Append(F(Top - 5)).Append("\">").Append(Escape(label)).Append(" UTC</text>");
        }

        private static void Axes(StringBuilder svg, DateTime xMin, DateTime xMax, double yMax, Func<DateTime, double> x, Func<double, double> y, DateTime nowUtc)
        {
            svg.Append("<g class=\"axes\" font-size=\"10\" fill=\"#64748b\" stroke=\"none\">");
            int yStep = Math.Max(1, (int)Math.Ceiling(yMax / 5));
            for (int v = 0; v <= yMax; v += yStep)
            {
                svg.Append("<line stroke=\"#e2e8f0\" x1=\"").Append(F(Left)).Append("\" x2=\"").Append(F(Width - Right)).Append("\" y1=\"").Append(F(y(v))).Append("\" y2=\"").Append(F(y(v))).Append("\"/>");
                svg.Append("<text text-anchor=\"end\" x=\"").Append(F(Left - 4)).Append("\" y=\"").Append(F(y(v) + 3)).Append("\">").Append(v).Append("</text>");
            }

            double spanS = (xMax - xMin).TotalSeconds;
            string format = spanS < 1200 ? "HH:mm:ss" : "HH:mm";
            for (int i = 0; i <= 4; i++)
            {
                DateTime t = xMin.AddSeconds(spanS * i / 4);
                svg.Append("<text text-anchor=\"").Append(i == 0 ? "start" : i == 4 ? "end" : "middle").Append("\" x=\"").Append(F(x(t))).Append("\" y=\"").Append(F(Height - 8)).Append("\">")
                   .Append(t.ToString(format, CultureInfo.InvariantCulture)).Append("</text>");
            }

            svg.Append("<line class=\"now\" stroke=\"#94a3b8\" stroke-dasharray=\"2,3\" x1=\"").Append(F(x(nowUtc))).Append("\" x2=\"").Append(F(x(nowUtc)))
               .Append("\" y1=\"").Append(F(Top)).Append("\" y2=\"").Append(F(Height - Bottom)).Append("\"/></g>");
        }

        private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Escape(string s) => SecurityElement.Escape(s) ?? "";
    }
}
