namespace Beacons.DeviceProfile
{
    /// <summary>One role's figures in one run, printed as one <c>profile:</c> line.</summary>
    public sealed class RoleResult
    {
        public string Role;

        /// <summary>Live bytes before the role was built (runtime, assemblies' statics, the trace source).</summary>
        public long BaselineLive;

        /// <summary>The role's live bytes after boot (a full collection after building it).</summary>
        public long AfterBoot = -1;

        /// <summary>Most live bytes of the role seen at the checkpoints of its trace (collections between timed blocks).</summary>
        public long Peak = -1;

        /// <summary>Figure name (usPerSample, usPerAdvert, usPerEvent) and its value.</summary>
        public string RateName = "usPerOp";
        public string Rate = "n/a";

        /// <summary>Further key=value pairs.</summary>
        public string Extra = "";

        /// <summary>Bytes allocated per measured operation (host only; "n/a" on the device).</summary>
        public string AllocPerOp = "n/a";

        /// <summary>Boot breakdown: live bytes of the role after each named step (set by <see cref="Mark"/>).</summary>
        public readonly string[] MarkNames = new string[8];
        public readonly long[] MarkBytes = new long[8];
        public int Marks;

        /// <summary>Records the role's live bytes after a boot step (names are literals: nothing allocated).</summary>
        public void Mark(string name)
        {
            if (Marks < MarkNames.Length)
            {
                MarkNames[Marks] = name;
                MarkBytes[Marks] = Heap.LiveBytes() - BaselineLive;
                Marks++;
            }
        }

        /// <summary>"step:bytes,step:bytes" (each step's own bytes: the difference to the step before).</summary>
        public string BootBreakdown()
        {
            string s = "";
            long previous = 0;
            for (int i = 0; i < Marks; i++)
            {
                s += (i == 0 ? "" : ",") + MarkNames[i] + ":" + (MarkBytes[i] - previous);
                previous = MarkBytes[i];
            }

            return s;
        }

        public bool OutOfMemory;
        public string Stage = "";
        public string Error;

        /// <summary>Measures live bytes now and keeps the maximum as the peak.</summary>
        public void Checkpoint()
        {
            long live = Heap.LiveBytes() - BaselineLive;
            if (live > Peak)
            {
                Peak = live;
            }
        }

        public void Add(string key, string value)
        {
            Extra += " " + key + "=" + value;
        }

        public void Add(string key, long value)
        {
            Extra += " " + key + "=" + value;
        }
    }
}
