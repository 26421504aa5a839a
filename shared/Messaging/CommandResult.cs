namespace Beacons.Shared.Messaging
{
    /// <summary>The payload on <c>cmd/result</c>: exactly one per command received, accepted or not.</summary>
    public static class CommandResult
    {
        public static string Ok(JsonWriter w, string id, string command)
        {
            w.Clear().BeginObject().String("id", id).String("cmd", command).Bool("ok", true).EndObject();
            return w.ToString();
        }

        public static string Rejected(JsonWriter w, string id, string code, string error)
        {
            w.Clear().BeginObject().String("id", id).Bool("ok", false).String("code", code).String("error", error).EndObject();
            return w.ToString();
        }
    }
}
