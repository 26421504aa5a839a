namespace Beacons.Shared.Update
{
    /// <summary>What <see cref="BundleBoot"/> decided at one boot.</summary>
    public sealed class BundleBootResult
    {
        /// <summary>No bundle was ever confirmed: run the app deployed with the loader.</summary>
        public const int Factory = 0;

        /// <summary>A bundle's files are verified and loaded: run its entry.</summary>
        public const int Bundle = 1;

        /// <summary>
        /// The trial failed after some of its assemblies were loaded; they cannot be unloaded, so the fallback bundle
        /// needs a clean heap: reboot (the selector already marked the trial failed).
        /// </summary>
        public const int RebootNeeded = 2;

        /// <summary>Nothing bootable: the active bundle itself is broken. Only nanoff recovers this (docs/ota.md).</summary>
        public const int NoBootable = 3;

        /// <summary>Where the loader records each boot's result for the app (status) and for a technician.</summary>
        public const string RecordFile = "loader-last.txt";

        public int Outcome { get; internal set; }

        /// <summary>Slot booted (A or B), null for the factory app.</summary>
        public string Slot { get; internal set; }

        /// <summary>Sequence number of the booted bundle, 0 for the factory app.</summary>
        public long Seq { get; internal set; }

        /// <summary>Version of the booted bundle, "factory" for the factory app.</summary>
        public string Version { get; internal set; }

        /// <summary>Assembly whose entry point the loader runs (null: the factory app's, known to the loader).</summary>
        public string Entry { get; internal set; }

        /// <summary>Whether this boot is a trial the app must confirm.</summary>
        public bool OnProbation { get; internal set; }

        /// <summary>Why a trial was given up at this boot (null when none was): for the app's status.</summary>
        public string Rollback { get; internal set; }

        /// <summary>One-line reason for <see cref="RebootNeeded"/> or <see cref="NoBootable"/>.</summary>
        public string Error { get; internal set; }
    
        /// <summary>The record written to <see cref="RecordFile"/>: one <c>key=value</c> per line (reasons may hold any character but a newline).</summary>
        public string ToRecord()
        {
            return "outcome=" + Outcome + "\nslot=" + (Slot == null ? "-" : Slot) + "\nseq=" + Seq + "\nbundle=" + Version
                + (Rollback == null ? "" : "\nrollback=" + Rollback) + (Error == null ? "" : "\nerror=" + Error) + "\n";
        }

        /// <summary>The rollback reason of this boot from a <see cref="ToRecord"/> text, or null.</summary>
        public static string RollbackOf(string record)
        {
            if (record == null)
            {
                return null;
            }

            int at = record.IndexOf("\nrollback=");
            if (at < 0)
            {
                return null;
            }

            at += 10;
            int end = record.IndexOf('\n', at);
            return end < 0 ? record.Substring(at) : record.Substring(at, end - at);
        }
    }
}
