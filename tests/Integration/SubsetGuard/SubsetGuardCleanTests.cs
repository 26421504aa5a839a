using Beacons.SubsetGuard;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Guard = Beacons.SubsetGuard.SubsetGuard;

namespace Beacons.Tests.Integration.SubsetGuard
{
    /// <summary>
    /// What the guard must leave alone: idiomatic nanoFramework code, and findings suppressed with a reason.
    /// </summary>
    [TestClass]
    public sealed class SubsetGuardCleanTests
    {
        private const string NanoStyle = @"using System;
using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace Beacons.Shared.Planted
{
    /// <summary>Shelf lane state.</summary>
    public enum LaneState
    {
        Idle,
        Picking,
    }

    /// <summary>Raised when a lane changes.</summary>
    public sealed class LaneEventArgs : EventArgs
    {
        public LaneEventArgs(int lane) { Lane = lane; }

        public int Lane { get; }
    }

    public delegate void LaneHandler(object sender, LaneEventArgs args);

    public interface ILaneSink
    {
        void OnLane(int lane, double grams);

        int Count { get; }
    }

    public struct Reading
    {
        public long AtMs;
        public double Grams;
    }

    public sealed class Lanes : ILaneSink
    {
        private const int Capacity = 8;
        private static readonly string[] StateNames = { ""idle"", ""picking"" };
        private readonly object _gate = new object();
        private readonly ArrayList _events = new ArrayList();
        private readonly Hashtable _byId = new Hashtable();
        private readonly Reading[] _ring = new Reading[Capacity];
        private readonly int[][] _jagged = new int[2][];
        private readonly StringBuilder _line = new StringBuilder(128);
        private readonly byte[] _buffer = new byte[16];
        private Timer _timer;
        private Thread _worker;
        private int _head;

        public event LaneHandler LaneChanged;

        public event EventHandler Stopped;

        public event EventHandler<LaneEventArgs> Picked;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _events.Count;
                }
            }
        }

        public static string Name(LaneState state) => StateNames[(int)state];

        public void OnLane(int lane, double grams)
        {
            lock (_gate)
            {
                _ring[_head].Grams = grams;
                _head = (_head + 1) % Capacity;
                if (!_byId.Contains(lane))
                {
                    _byId[lane] = grams;
                }
            }

            LaneChanged?.Invoke(this, new LaneEventArgs(lane));
            Picked?.Invoke(this, new LaneEventArgs(lane));
        }

        public string Describe(int lane, double grams, uint raw, DateTime now, LaneState state, Action<int> done, Func<int, int> next, Func<double> read, Action<int, string> log)
        {
            _line.Clear();
            _line.Append(""lane "").Append(lane.ToString(""D2""));
            _line.Append("" grams "").Append(grams.ToString(""F2""));
            _line.Append($"" raw {raw:X8} n {lane:N0} g {grams:F1} pad {lane,4} "");
            _line.Append(now.ToString(""yyyy-MM-ddTHH:mm:ssZ""));
            _line.Append($"" at {now:HH:mm:ss} "");
            _line.Append(Name(state)).Append(' ').Append(((int)state).ToString());
            _line.Append($"" state {(int)state} hex {state:D}"");
            _line.Append(string.Format("" {0:F3} {1} {2:X4}"", grams, lane, raw));
            _line.Replace(""  "", "" "");
            _line.Append(Math.Round(grams)).Append(Math.Abs(-1f)).Append(Math.Clamp(lane, 0, 3));
            _line.Append(Encoding.UTF8.GetString(_buffer, 0, _buffer.Length));
            done(lane);
            log(next(lane), nameof(Describe));
            return _line.ToString() + read().ToString(""G"");
        }

        public int Find(byte value)
        {
            Array.Clear(_buffer, 0, _buffer.Length);
            Array.Copy(_buffer, 0, _buffer, 1, 4);
            int at = Array.IndexOf(_buffer, value);
            return at >= 0 ? at : Array.BinarySearch(_buffer, value, null);
        }

        public void Start()
        {
            _worker = new Thread(Run);
            _worker.Start();
            _timer = new Timer(OnTick, null, 0, 1000);
        }

        public bool Parse(string text, out int value)
        {
            value = 0;
            if (string.IsNullOrEmpty(text) || text.Trim().Length == 0)
            {
                return false;
            }

            string[] parts = text.Split(',');
            object boxed = parts.Length;
            if (boxed is int count && count > 0 && parts[0] is not null)
            {
                return int.TryParse(parts[0], out value);
            }

            switch (text.ToLower())
            {
                case ""on"": value = 1; return true;
                default: return false;
            }
        }

        private void Run()
        {
            try
            {
                foreach (object e in _events)
                {
                    Debug.WriteLine(e.ToString());
                }
            }
            catch (InvalidOperationException ex)
            {
                Debug.WriteLine(""lanes: "" + ex.Message);
            }
            finally
            {
                Stopped?.Invoke(this, EventArgs.Empty);
            }
        }

        private void OnTick(object state)
        {
            Thread.Sleep(1);
        }
    }
}
";

        [TestMethod]
        public void Check_NanoStyleFile_HasNoFindings()
        {
            Finding[] findings = Guard.Check(NanoStyle, "shared/Planted/Lanes.cs");

            Assert.AreEqual(0, findings.Length, PlantedSource.Describe(findings));
        }

        [TestMethod]
        public void Check_SuppressionWithReasonOnLineAbove_SilencesThatRule()
        {
            string source = PlantedSource.InMethod("// nf-subset: allow NF034 host-only sort in a test fixture\n            Array.Sort(b);");

            Finding[] findings = Guard.Check(source, "planted.cs");

            Assert.AreEqual(0, findings.Length, PlantedSource.Describe(findings));
        }

        [TestMethod]
        public void Check_SuppressionWithReasonOnSameLine_SilencesThatRule()
        {
            string source = PlantedSource.InMethod("Array.Sort(b); // nf-subset: allow NF034 host-only sort in a test fixture");

            Finding[] findings = Guard.Check(source, "planted.cs");

            Assert.AreEqual(0, findings.Length, PlantedSource.Describe(findings));
        }

        [TestMethod]
        public void Check_SuppressionWithoutReason_StillReports()
        {
            string source = PlantedSource.InMethod("// nf-subset: allow NF034\n            Array.Sort(b);");

            Finding[] findings = Guard.Check(source, "planted.cs");

            Assert.AreEqual(1, findings.Length, PlantedSource.Describe(findings));
            Assert.AreEqual(Rules.ArrayApi, findings[0].RuleId);
        }

        [TestMethod]
        public void Check_SuppressionOfAnotherRule_StillReports()
        {
            string source = PlantedSource.InMethod("// nf-subset: allow NF012 wrong rule\n            Array.Sort(b);");

            Finding[] findings = Guard.Check(source, "planted.cs");

            Assert.AreEqual(1, findings.Length, PlantedSource.Describe(findings));
            Assert.AreEqual(PlantedSource.StatementLine + 1, findings[0].Line);
        }

        [TestMethod]
        [DataRow("SpanByte window = b;")]
        [DataRow("var pin = new GpioController().OpenPin(4, PinMode.Output);")]
        [DataRow("string status = Publisher.Status.ToString();")]
        [DataRow("string text = Encoding.UTF8.GetString(b, 0, n);")]
        [DataRow("string text = Replace(s);")]
        public void Check_UnresolvedDeviceApis_AreNotViolations(string statement)
        {
            Finding[] findings = Guard.Check(PlantedSource.InMethod(statement), "firmware/Planted.cs");

            Assert.AreEqual(0, findings.Length, PlantedSource.Describe(findings));
        }

        [TestMethod]
        public void Check_DeviceBranchOfPreprocessorFork_IsTheOneChecked()
        {
            string source = PlantedSource.InMethod("#if NANOFRAMEWORK_1_0\n            string root = \"I:\\\\\";\n#else\n            var hostOnly = new System.Collections.Generic.List<string>();\n#endif");

            Finding[] findings = Guard.Check(source, "firmware/Planted.cs");

            Assert.AreEqual(0, findings.Length, PlantedSource.Describe(findings));
        }
    }
}
