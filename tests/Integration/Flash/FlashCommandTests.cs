using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Beacons.Flash.Flashing;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static Beacons.Tests.Integration.Flash.FlashTestKit;

namespace Beacons.Tests.Integration.Flash
{
    /// <summary>
    /// flash: the exact nanoff arguments, checked through a stand-in nanoff that records them (the real one needs a
    /// board); dry-run quoting; failure reporting with nanoff's exit code meanings; missing nanoff; the config gate.
    /// </summary>
    [TestClass]
    public sealed class FlashCommandTests
    {
        [TestMethod]
        public void Flash_RunsNanoffOncePerDevice_WithTheExactArguments()
        {
            string dir = NewScratch("flash");
            string outDir = HandMadeOut(dir, "n01", "n02");
            string image = WriteImage(dir);
            string nanoff = WriteFakeNanoff(dir, out string log);

            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--nanoff", nanoff);

            Assert.AreEqual(0, run.ExitCode, run.All);
            List<List<string>> calls = ReadCalls(log);
            Assert.AreEqual(2, calls.Count);
            CollectionAssert.AreEqual(new[]
            {
                "--target", "ESP32_PSRAM_BLE_GenericGraphic_REV3", "--serialport", "/dev/ttyUSB0", "--update", "--deploy", "--image", image,
                "--filedeployment", Path.Combine(outDir, "n01", "filedeployment.json"),
                "--networkdeployment", Path.Combine(outDir, "n01", "networkdeployment.json"),
            }, calls[0]);
            CollectionAssert.AreEqual(new[]
            {
                "--target", "ESP32_S3_QUAD", "--serialport", "/dev/ttyACM0", "--update", "--deploy", "--image", image,
                "--filedeployment", Path.Combine(outDir, "n02", "filedeployment.json"),
                "--networkdeployment", Path.Combine(outDir, "n02", "networkdeployment.json"),
            }, calls[1]);
            StringAssert.Contains(run.Out, "[1/2] n01: nanoff on /dev/ttyUSB0 (ESP32_PSRAM_BLE_GenericGraphic_REV3), firmware + app + config...");
            StringAssert.Contains(run.Out, "2 device(s): all ok");
        }

        [TestMethod]
        public void Flash_NoUpdateAndConfigOnly_DropTheFirmwareAndImageArguments()
        {
            string dir = NewScratch("modes");
            string outDir = HandMadeOut(dir, "n01");
            string image = WriteImage(dir);
            string nanoff = WriteFakeNanoff(dir, out string log);

            Assert.AreEqual(0, Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--nanoff", nanoff, "--no-update").ExitCode);
            Assert.AreEqual(0, Run("flash", "--store", SampleStore, "--out", outDir, "--nanoff", nanoff, "--config-only", "--device", "n01", "--serialport", "/dev/ttyUSB9").ExitCode);

            List<List<string>> calls = ReadCalls(log);
            CollectionAssert.AreEqual(new[] { "--target", "ESP32_PSRAM_BLE_GenericGraphic_REV3", "--serialport", "/dev/ttyUSB0", "--deploy", "--image", image }, calls[0].Take(7).ToArray());
            CollectionAssert.DoesNotContain(calls[0], "--update");
            CollectionAssert.AreEqual(new[]
            {
                "--serialport", "/dev/ttyUSB9",
                "--filedeployment", Path.Combine(outDir, "n01", "filedeployment.json"),
                "--networkdeployment", Path.Combine(outDir, "n01", "networkdeployment.json"),
            }, calls[1]);
        }

        [TestMethod]
        public void Flash_DryRun_PrintsQuotedCommands_AndRunsNothing()
        {
            string dir = NewScratch("dry");
            string outDir = HandMadeOut(dir, "n01", "n03");
            string image = WriteImage(dir);
            string nanoff = WriteFakeNanoff(dir, out string log);

            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--nanoff", nanoff, "--dry-run", "--shell", "posix");

            Assert.AreEqual(0, run.ExitCode, run.All);
            Assert.AreEqual(0, ReadCalls(log).Count, "a dry run must not start nanoff");
            string q(string s) => "'" + s + "'";
            StringAssert.Contains(run.Out,
                $"{q(nanoff)} --target ESP32_PSRAM_BLE_GenericGraphic_REV3 --serialport /dev/ttyUSB1 --update --deploy --image {q(image)} " +
                $"--filedeployment {q(Path.Combine(outDir, "n03", "filedeployment.json"))} --networkdeployment {q(Path.Combine(outDir, "n03", "networkdeployment.json"))}");
            StringAssert.Contains(run.Out, "dry-run");
        }

        [TestMethod]
        public void Flash_OneBoardFails_SummaryGivesNanoffsMeaning_AndExitIsNonZero()
        {
            string dir = NewScratch("fail");
            string outDir = HandMadeOut(dir, "n01", "n03", "n04");
            string image = WriteImage(dir);
            string nanoff = WriteFakeNanoff(dir, out string log, failOnPort: "ttyUSB1", failExit: 208);

            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--nanoff", nanoff);

            Assert.AreEqual(1, run.ExitCode, run.All);
            Assert.AreEqual(3, ReadCalls(log).Count, "a failed board does not stop the others");
            string row = run.Out.Split('\n').Single(l => l.StartsWith("n03 ", StringComparison.Ordinal));
            StringAssert.Contains(row, "failed");
            StringAssert.Contains(row, "208");
            StringAssert.Contains(row, "E2000 error connecting to the nano device (exit status 208 = 2000 mod 256)");
            StringAssert.Contains(run.Out, "3 device(s): 1 not flashed");
            StringAssert.Contains(run.Out, "    | Error E2000 connecting", "nanoff's own output is forwarded, indented");
        }

        [TestMethod]
        public void Flash_MissingNanoff_SaysHowToInstallIt()
        {
            string dir = NewScratch("missing");
            string outDir = HandMadeOut(dir, "n01");
            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", WriteImage(dir), "--nanoff", Path.Combine(dir, "no-such-nanoff"));
            Assert.AreEqual(2, run.ExitCode);
            StringAssert.Contains(run.Err, "nanoff not found");
            StringAssert.Contains(run.Err, "dotnet tool install -g nanoff");
        }

        [TestMethod]
        public void Flash_ConfigTheFirmwareRejects_IsSkippedWithTheKey()
        {
            string dir = NewScratch("gate");
            string outDir = HandMadeOut(dir, "n01", "n03");
            string config = Path.Combine(outDir, "n03", "device.json");
            File.WriteAllText(config, File.ReadAllText(config).Replace("\"schema\":1", "\"schema\":1,\"colour\":\"red\""));
            string nanoff = WriteFakeNanoff(dir, out string log);

            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", WriteImage(dir), "--nanoff", nanoff);

            Assert.AreEqual(1, run.ExitCode);
            Assert.AreEqual(1, ReadCalls(log).Count, "only n01 is flashed");
            StringAssert.Contains(run.Out, "[2/2] n03: skipped: the firmware rejects device.json: colour: unknown key");
        }

        [TestMethod]
        public void Flash_Errors_ForMissingImagePortAndUnknownDevice()
        {
            string dir = NewScratch("usage");
            string outDir = HandMadeOut(dir, "n01", "n09");
            string nanoff = WriteFakeNanoff(dir, out _);

            StringAssert.Contains(Run("flash", "--store", SampleStore, "--out", outDir, "--nanoff", nanoff).Err, "--image <app.bin> is required");
            StringAssert.Contains(Run("flash", "--store", SampleStore, "--out", outDir, "--image", WriteImage(dir), "--nanoff", nanoff, "--device", "n07").Err,
                "device 'n07' is not in plan.json");
            StringAssert.Contains(Run("flash", "--store", SampleStore, "--out", outDir, "--image", WriteImage(dir), "--nanoff", nanoff, "--serialport", "COM3").Err,
                "--serialport applies to one board at a time");
            CliRun noPort = Run("flash", "--store", SampleStore, "--out", outDir, "--image", WriteImage(dir), "--nanoff", nanoff);
            StringAssert.Contains(noPort.Out, "n09: skipped: no serial port: set flash.devices.n09.serialPort");
            StringAssert.Contains(Run("flash", "--store", SampleStore, "--out", dir, "--image", WriteImage(dir)).Err, "run 'provision' first");
        }

        [TestMethod]
        public void Flash_SampleStore_ProvisionThenDryRun_GivesOneCommandPerDevice()
        {
            // The issue's "done when": provision the sample, then flash --dry-run prints correct nanoff commands for
            // every node. Needs DeviceConfig.Parse to accept every section provision writes (beacon, lanes, proximity, privacy).
            string dir = NewScratch("sample");
            string outDir = Path.Combine(dir, "out");
            CliRun provision = ProvisionSample(outDir, seed: null);
            string image = WriteImage(dir);
            CliRun run = Run("flash", "--store", SampleStore, "--out", outDir, "--image", image, "--dry-run", "--shell", "posix");

            Assert.AreEqual(0, provision.ExitCode, provision.All);
            Assert.AreEqual(0, run.ExitCode, run.All);
            string[] commands = run.Out.Split('\n').Where(l => l.StartsWith("nanoff ", StringComparison.Ordinal)).ToArray();
            Assert.AreEqual(5, commands.Length, run.Out);
            StringAssert.StartsWith(commands[1], "nanoff --target ESP32_S3_QUAD --serialport /dev/ttyACM0 --update --deploy --image ");
        }

        [DataTestMethod]
        [DataRow(0, "OK")]
        [DataRow(2000, "E2000 error connecting to the nano device")]
        [DataRow(208, "E2000 error connecting to the nano device (exit status 208 = 2000 mod 256)")]
        [DataRow(165, "E4005 cannot open the COM port (exit status 165 = 4005 mod 256)")]
        [DataRow(48, "E9008 application image (.bin) not found (exit status 48 = 9008 mod 256)")]
        [DataRow(3, "unknown exit code (see nanoff's ExitCodes list)")]
        public void NanoffExitCodes_Describe_KnowsFullAndTruncatedCodes(int code, string expected)
        {
            Assert.AreEqual(expected, NanoffExitCodes.Describe(code));
        }

        [DataTestMethod]
        [DataRow("/dev/ttyUSB0", "/dev/ttyUSB0", "/dev/ttyUSB0")]
        [DataRow("/tmp/my app.bin", "'/tmp/my app.bin'", "\"/tmp/my app.bin\"")]
        [DataRow("it's", "'it'\\''s'", "\"it's\"")]
        [DataRow(@"C:\Program Files\x\", @"'C:\Program Files\x\'", "\"C:\\Program Files\\x\\\\\"")]
        [DataRow("", "''", "\"\"")]
        public void ShellQuote_QuotesOnlyWhatNeedsIt(string arg, string posix, string windows)
        {
            Assert.AreEqual(posix, ShellQuote.Posix(arg));
            Assert.AreEqual(windows, ShellQuote.Windows(arg));
        }
    }
}
