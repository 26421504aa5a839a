namespace Beacons.Shared.Common
{
    /// <summary>
    /// The node's persistent storage (littlefs on the ESP32 <c>config</c> partition, drive I:\). Names are flat file
    /// names; the firmware adapter maps them onto the drive. 256 KB shared with Wi-Fi config and certificates, and
    /// flash wears out, so callers write rarely and small.
    /// </summary>
    public interface IStorage
    {
        /// <summary>The file's text, or null when it does not exist or cannot be read.</summary>
        string ReadText(string name);

        /// <summary>Replaces the file's content so that a power cut leaves either the old or the new content.</summary>
        void WriteText(string name, string text);

        /// <summary>Appends to the file, creating it when missing (journals: one small write per record).</summary>
        void AppendText(string name, string text);

        bool Exists(string name);

        void Delete(string name);
    }
}
