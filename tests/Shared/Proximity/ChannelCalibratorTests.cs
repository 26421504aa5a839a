using System;
using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;
using Beacons.Shared.Privacy;
using Beacons.Shared.Proximity;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Proximity
{
    [TestClass]
    public class ChannelCalibratorTests
    {
        private const string UuidText = "f7826da6-4fa2-4e98-8024-bc5b71e0893e";

        /// <summary>Neighbours major 1, minor 1..n at the given distances; configured phone power -59, n 2.5, offset -4.</summary>
        private static ChannelCalibrationOptions Options(double[] distances)
        {
            var major = new int[distances.Length];
            var minor = new int[distances.Length];
            for (int i = 0; i < distances.Length; i++)
            {
                major[i] = 1;
                minor[i] = i + 1;
            }

            var o = new ChannelCalibrationOptions();
            o.Uuid = IBeaconOptions.ParseUuid(UuidText);
            o.PhoneOffsetDb = -4;
            o.MinSamples = 5;
            o.SetNeighbours(major, minor, distances);
            o.Validate();
            return o;
        }

        private static byte[] Frame(int minor, int measuredPowerDbm)
        {
            var ad = new byte[IBeaconFrame.Length];
            IBeaconFrame.Write(ad, 0, IBeaconOptions.ParseUuid(UuidText), 1, minor, measuredPowerDbm);
            return ad;
        }

        /// <summary>The manufacturer data after the company id, as the tracker hands it over.</summary>
        private static bool Observe(ChannelCalibrator c, byte[] frame, int rssi)
        {
            // Flags (3 bytes), then length, type 0xFF, company id (2): the payload starts at 7.
            return c.Observe(frame, 7, frame.Length - 7, rssi);
        }

        /// <summary>Node-to-node RSSI of the log-distance line (node reference, normalized to -59 advertised).</summary>
        private static int Rssi(double powerDbm, double exponent, double meters)
        {
            return (int)Math.Round(powerDbm - 10 * exponent * Math.Log10(meters));
        }

        private static void Feed(ChannelCalibrator c, double[] distances, double powerDbm, double exponent, int samples)
        {
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < distances.Length; i++)
                {
                    Assert.IsTrue(Observe(c, Frame(i + 1, -59), Rssi(powerDbm, exponent, distances[i])));
                }
            }
        }

        [TestMethod]
        public void Fit_PriorsAtTheTruth_ReturnsTheTruth()
        {
            double[] d = { 3, 6, 12, 24 };
            // Priors: phone -59 with offset -4 means a node-to-node 1 m power of -55; n 2.5.
            var c = new ChannelCalibrator(Options(d), -59, 2.5);
            Feed(c, d, -55, 2.5, 10);
            Assert.IsTrue(c.Fit());
            Assert.AreEqual(4, c.NeighboursUsed);
            Assert.IsTrue(Math.Abs(c.PathLossExponent - 2.5) < 0.05, "n " + c.PathLossExponent);
            Assert.IsTrue(Math.Abs(c.MeasuredPowerDbm - -59) < 0.4, "phone P1m " + c.MeasuredPowerDbm);
            Assert.IsTrue(c.ResidualDb < 0.5, "residual " + c.ResidualDb);
        }

        [TestMethod]
        public void Fit_ChannelFarFromPriors_MovesMostOfTheWay()
        {
            double[] d = { 2, 4, 7, 11, 16, 23, 33, 48 };
            var c = new ChannelCalibrator(Options(d), -59, 2.5);
            // True: node-to-node -48 dBm at 1 m (phone -52), n 3.2.
            Feed(c, d, -48, 3.2, 10);
            Assert.IsTrue(c.Fit());
            // The prior (σ 0.5) holds n back a little: over 60 % of the way from 2.5 to 3.2.
            Assert.IsTrue(c.PathLossExponent > 2.9 && c.PathLossExponent < 3.25, "n " + c.PathLossExponent);
            Assert.IsTrue(c.MeasuredPowerDbm > -57 && c.MeasuredPowerDbm < -51, "phone P1m " + c.MeasuredPowerDbm);
            // Where the neighbours are (and where zones are), the fitted line is within 2.5 dB of the truth (the prior tilts it at the ends).
            for (int i = 0; i < d.Length; i++)
            {
                double fitted = c.MeasuredPowerDbm + 4 - 10 * c.PathLossExponent * Math.Log10(d[i]);
                Assert.IsTrue(Math.Abs(fitted - Rssi(-48, 3.2, d[i])) < 2.5, "at " + d[i] + " m: " + fitted);
            }
        }

        [TestMethod]
        public void Fit_OneNeighbour_FitsThePowerAndKeepsTheExponentNearItsPrior()
        {
            double[] d = { 8 };
            var c = new ChannelCalibrator(Options(d), -59, 2.5);
            // 10 dB stronger than the priors predict at 8 m.
            Feed(c, d, -45, 2.5, 10);
            Assert.IsTrue(c.Fit());
            Assert.IsTrue(Math.Abs(c.PathLossExponent - 2.5) < 0.5, "n " + c.PathLossExponent);
            double predicted = c.MeasuredPowerDbm + 4 - 10 * c.PathLossExponent * Math.Log10(8);
            Assert.IsTrue(Math.Abs(predicted - Rssi(-45, 2.5, 8)) < 3, "the fitted line passes near the one neighbour: " + predicted);
        }

        [TestMethod]
        public void Fit_TooFewSamples_KeepsTheConfiguredChannel()
        {
            double[] d = { 5, 10 };
            var c = new ChannelCalibrator(Options(d), -61, 2.7);
            Feed(c, d, -45, 3.0, 4);
            Assert.IsFalse(c.Fit());
            Assert.IsFalse(c.Fitted);
            Assert.AreEqual(-61.0, c.MeasuredPowerDbm);
            Assert.AreEqual(2.7, c.PathLossExponent);
            Assert.AreEqual(0, c.NeighboursUsed);
        }

        [TestMethod]
        public void Median_IgnoresPeoplePassingThroughTheLink()
        {
            double[] d = { 5, 10 };
            var clean = new ChannelCalibrator(Options(d), -59, 2.5);
            var busy = new ChannelCalibrator(Options(d), -59, 2.5);
            Feed(clean, d, -52, 2.8, 20);
            Feed(busy, d, -52, 2.8, 20);
            // 10 of 30 samples blocked by 15 dB: a mean would move 5 dB, the median not at all.
            for (int s = 0; s < 10; s++)
            {
                Observe(busy, Frame(1, -59), Rssi(-52, 2.8, 5) - 15);
            }

            clean.Fit();
            busy.Fit();
            Assert.AreEqual(clean.MeasuredPowerDbm, busy.MeasuredPowerDbm);
            Assert.AreEqual(clean.PathLossExponent, busy.PathLossExponent);
        }

        [TestMethod]
        public void History_KeepsTheLatestSamples_SoAMovedShelfIsLearned()
        {
            double[] d = { 6 };
            var c = new ChannelCalibrator(Options(d), -59, 2.5);
            Feed(c, d, -50, 2.5, 100);
            Assert.AreEqual(ChannelCalibrator.HistoryPerNeighbour, c.Held(0));
            c.Fit();
            double before = c.MeasuredPowerDbm;
            // A metal display now stands between the nodes: 8 dB more loss for the last full history.
            Feed(c, d, -58, 2.5, ChannelCalibrator.HistoryPerNeighbour);
            c.Fit();
            Assert.IsTrue(before - c.MeasuredPowerDbm > 5, before + " -> " + c.MeasuredPowerDbm);
            Assert.AreEqual(100L + ChannelCalibrator.HistoryPerNeighbour, c.Samples);
        }

        [TestMethod]
        public void Observe_NormalizesByTheNeighboursAdvertisedPower()
        {
            double[] d = { 5, 10 };
            var a = new ChannelCalibrator(Options(d), -59, 2.5);
            var b = new ChannelCalibrator(Options(d), -59, 2.5);
            for (int s = 0; s < 10; s++)
            {
                // b's neighbours are configured 6 dB weaker at 1 m and are heard 6 dB weaker: the same channel.
                Observe(a, Frame(1, -59), -70);
                Observe(a, Frame(2, -59), -78);
                Observe(b, Frame(1, -65), -76);
                Observe(b, Frame(2, -65), -84);
            }

            a.Fit();
            b.Fit();
            Assert.AreEqual(a.MeasuredPowerDbm, b.MeasuredPowerDbm);
        }

        [TestMethod]
        public void Observe_OnlyListedNeighboursOfTheStoreUuid()
        {
            var c = new ChannelCalibrator(Options(new double[] { 5 }), -59, 2.5);
            Assert.IsFalse(Observe(c, Frame(9, -59), -70), "minor 9 is not listed");
            Assert.AreEqual(1L, c.UnknownNodes);

            byte[] other = Frame(1, -59);
            other[10] ^= 0xFF;
            Assert.IsFalse(Observe(c, other, -70), "another UUID (someone else's beacon)");
            Assert.AreEqual(1L, c.UnknownNodes, "a foreign UUID is not an unknown store node");

            Assert.IsFalse(Observe(c, Frame(1, 0), -70), "an advertised 1 m power of 0 dBm is no calibrated beacon");
            Assert.IsFalse(c.Observe(Frame(1, -59), 7, 10, -70), "truncated");
            Assert.IsFalse(c.Observe(Frame(1, -59), 20, 23, -70), "runs past the buffer");
            Assert.IsFalse(Observe(c, Frame(1, -59), 30), "RSSI out of range");
            byte[] eddystoneLike = Frame(1, -59);
            eddystoneLike[8] = 0x16;
            Assert.IsFalse(Observe(c, eddystoneLike, -70), "not the iBeacon type/length bytes");
            Assert.AreEqual(0L, c.Samples);
            Assert.IsTrue(Observe(c, Frame(1, -59), -70));
        }

        [TestMethod]
        public void Fit_ImplausibleSlope_IsClamped()
        {
            double[] d = { 2, 40 };
            var c = new ChannelCalibrator(Options(d), -59, 2.5);
            for (int s = 0; s < 10; s++)
            {
                Observe(c, Frame(1, -59), -30);
                Observe(c, Frame(2, -59), -127);
            }

            c.Fit();
            Assert.IsTrue(c.PathLossExponent <= 6.0 && c.PathLossExponent >= 1.5, "n " + c.PathLossExponent);
            Assert.IsTrue(c.MeasuredPowerDbm >= -100 && c.MeasuredPowerDbm <= -20);
        }

        [TestMethod]
        public void Tracker_RefitsFromNeighbours_AndMovesTheZoneEdges()
        {
            var o = new ProximityOptions();
            o.Calibration = Options(new double[] { 5, 10, 20 });
            o.Calibration.RefitS = 10;
            o.Validate();
            var t = new ProximityTracker(o, new PrivacyOptions(), new byte[16], new NullListener());
            // A phone at -72 dBm is "far" for the configured -59 dBm / n 2 (far starts at -68.5 dBm)...
            Assert.AreEqual(2, new ZoneClassifier(o).Classify(-72));
            // ...but this node's channel is 10 dB stronger: neighbours heard as if the node-to-node 1 m power were -45.
            for (int s = 0; s < 40; s++)
            {
                long ms = s * 1000L;
                t.Tick(ms, ms);
                t.BeginWindow(ms);
                t.OnAdvertisement(0xB1, 0, Rssi(-45, 2.0, 5), Frame(1, -59), 0, IBeaconFrame.Length, ms + 10, ms + 10);
                t.OnAdvertisement(0xB2, 0, Rssi(-45, 2.0, 10), Frame(2, -59), 0, IBeaconFrame.Length, ms + 20, ms + 20);
                t.OnAdvertisement(0xB3, 0, Rssi(-45, 2.0, 20), Frame(3, -59), 0, IBeaconFrame.Length, ms + 30, ms + 30);
            }

            Assert.AreEqual(0, t.ActiveSessions, "store nodes are never shoppers");
            Assert.AreEqual(120L, t.Beacons);
            Assert.IsTrue(t.Calibration.Fitted);
            Assert.IsTrue(t.ChannelMeasuredPowerDbm > -52, "phone P1m in use " + t.ChannelMeasuredPowerDbm);
            Assert.AreEqual(t.Calibration.MeasuredPowerDbm, t.ChannelMeasuredPowerDbm);
            Assert.AreEqual(t.Calibration.PathLossExponent, t.ChannelPathLossExponent);
        }

        [TestMethod]
        public void Tracker_WithoutCalibration_UsesTheConfiguredChannel()
        {
            var o = new ProximityOptions();
            o.MeasuredPowerDbm = -61;
            o.PathLossExponent = 2.7;
            var t = new ProximityTracker(o, new PrivacyOptions(), new byte[16], new NullListener());
            Assert.IsNull(t.Calibration);
            Assert.AreEqual(-61.0, t.ChannelMeasuredPowerDbm);
            Assert.AreEqual(2.7, t.ChannelPathLossExponent);
        }

        [TestMethod]
        public void Read_CalibrationSection()
        {
            ProximityOptions o = ProximityOptions.Read(ConfigSection.ParseDocument("{\"proximity\":{\"calibration\":{\"uuid\":\"" + UuidText
                + "\",\"neighbours\":[{\"major\":1,\"minor\":4,\"distanceM\":7.2},{\"major\":1,\"minor\":5,\"distanceM\":12}],\"phoneOffsetDb\":-3,\"minSamples\":30,\"refitS\":120}}}").Section("proximity"));
            ChannelCalibrationOptions c = o.Calibration;
            Assert.AreEqual(2, c.NeighbourCount);
            Assert.AreEqual(4, c.NeighbourMinor[0]);
            Assert.AreEqual(12.0, c.NeighbourDistanceM[1]);
            Assert.AreEqual(-3.0, c.PhoneOffsetDb);
            Assert.AreEqual(30, c.MinSamples);
            Assert.AreEqual(120, c.RefitS);
            Assert.AreEqual((byte)0xf7, c.Uuid[0]);
            Assert.IsNull(ProximityOptions.Read(ConfigSection.ParseDocument("{\"proximity\":{}}").Section("proximity")).Calibration);
        }

        [TestMethod]
        public void Read_BadCalibration_NamesTheKey()
        {
            string n1 = "{\"major\":1,\"minor\":1,\"distanceM\":5}";
            Assert.AreEqual("proximity.calibration.uuid", KeyOf("{\"neighbours\":[" + n1 + "]}"));
            Assert.AreEqual("proximity.calibration.uuid", KeyOf("{\"uuid\":\"not-a-uuid\",\"neighbours\":[" + n1 + "]}"));
            Assert.AreEqual("proximity.calibration.neighbours", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[]}"));
            Assert.AreEqual("proximity.calibration.neighbours[0].distanceM", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[{\"major\":1,\"minor\":1,\"distanceM\":0.5}]}"));
            Assert.AreEqual("proximity.calibration.neighbours[0].minor", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[{\"major\":1,\"distanceM\":5}]}"));
            Assert.AreEqual("proximity.calibration.neighbours[1]", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[" + n1 + "," + n1 + "]}"));
            Assert.AreEqual("proximity.calibration.phoneOffsetDb", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[" + n1 + "],\"phoneOffsetDb\":40}"));
            Assert.AreEqual("proximity.calibration.neighbours", KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[" + n1 + "," + n1 + "," + n1 + "," + n1 + "," + n1 + "," + n1 + "," + n1 + "," + n1 + "," + n1 + "]}"));
            Assert.IsNotNull(KeyOf("{\"uuid\":\"" + UuidText + "\",\"neighbours\":[" + n1 + "],\"colour\":1}"), "unknown keys are refused");
        }

        private static string KeyOf(string calibrationJson)
        {
            try
            {
                ProximityOptions.Read(ConfigSection.ParseDocument("{\"proximity\":{\"calibration\":" + calibrationJson + "}}").Section("proximity"));
            }
            catch (ConfigException ex)
            {
                return ex.Key;
            }

            return null;
        }

        private sealed class NullListener : IProximityListener
        {
            public void OnProximityPayload(string payload)
            {
            }
        }
    }
}
