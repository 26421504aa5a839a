namespace Beacons.Shared.Common
{
    /// <summary>
    /// Binary files on the node's flash drive (app bundles, download parts), beside <see cref="IStorage"/>'s small text
    /// records. Names are flat file names, like IStorage's. Reads go into the caller's buffer so a download or a verify
    /// pass allocates nothing per chunk; only <see cref="ReadAll"/> allocates, for the loader's one copy of a file.
    /// </summary>
    public interface IBlobStorage
    {
        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        long Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; returns how many were read (0 at the end or when missing).</summary>
        int Read(string name, long offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>The whole file, or null when it does not exist or cannot be read.</summary>
        byte[] ReadAll(string name);

        /// <summary>Appends bytes, creating the file when missing. A power cut may leave a shorter file, never other bytes.</summary>
        void Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, replacing <paramref name="to"/> (littlefs renames atomically).</summary>
        void Move(string from, string to);

        bool Exists(string name);

        void Delete(string name);
    }
}
