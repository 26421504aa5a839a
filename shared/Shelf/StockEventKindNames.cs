namespace Beacons.Shared.Shelf
{
    /// <summary>
    /// Wire names of the shelf enums (<c>type</c>, <c>reason</c> and <c>state</c> fields): enum ToString prints the number
    /// on the device, so the names are mapped here.
    /// </summary>
    public static class StockEventKindNames
    {
        /// <summary>Reason of an unexplained event: the lane carries a load that is no whole number of items.</summary>
        public const string CheckLane = "check-lane";

        /// <summary>pick, restock, level, low, empty, fault or unexplained.</summary>
        public static string Name(StockEventKind kind)
        {
            switch (kind)
            {
                case StockEventKind.Pick: return "pick";
                case StockEventKind.Restock: return "restock";
                case StockEventKind.Level: return "level";
                case StockEventKind.Low: return "low";
                case StockEventKind.Empty: return "empty";
                case StockEventKind.Fault: return "fault";
                case StockEventKind.Unexplained: return "unexplained";
                default: return "unknown";
            }
        }

        /// <summary>none, no-sensor, ready-timeout, saturation, implausible or uncalibrated.</summary>
        public static string FaultName(StockFault fault)
        {
            switch (fault)
            {
                case StockFault.None: return "none";
                case StockFault.NoSensor: return "no-sensor";
                case StockFault.ReadyTimeout: return "ready-timeout";
                case StockFault.Saturation: return "saturation";
                case StockFault.Implausible: return "implausible";
                case StockFault.Uncalibrated: return "uncalibrated";
                default: return "unknown";
            }
        }

        /// <summary>unknown, ok, low, empty or fault.</summary>
        public static string LevelName(LaneLevel level)
        {
            switch (level)
            {
                case LaneLevel.Ok: return "ok";
                case LaneLevel.Low: return "low";
                case LaneLevel.Empty: return "empty";
                case LaneLevel.Fault: return "fault";
                default: return "unknown";
            }
        }
    }
}
