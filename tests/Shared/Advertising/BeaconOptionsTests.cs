using Beacons.Shared.Advertising;
using Beacons.Shared.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Tests.Advertising
{
    [TestClass]
    public class BeaconOptionsTests
    {
        /// <summary>Every frame except EID (which refuses identifying frames): iBeacon, AltBeacon, UID, URL, TLM.</summary>
        internal static BeaconOptions Full()
        {
            var o = new BeaconOptions();
            o.IBeacon = new IBeaconOptions { Uuid = GoldenFrames.SampleUuid, Major = 7, Minor = 42, MeasuredPowerDbm = -59 };
            o.Eddystone = new EddystoneOptions
            {
                NamespaceHex = "8b0ca750095477cb3e77",
                InstanceHex = "0000000000ab",
                Url = "https://goo.gl/S6zT6P",
                TxPowerAt0mDbm = -18,
                Tlm = true,
            };
            o.AltBeacon = new AltBeaconOptions { IdHex = "000102030405060708090a0b0c0d0e0f10111213" };
            return o;
        }

        /// <summary>EID alone, with the Eddystone section carrying only the TX power.</summary>
        internal static BeaconOptions EidOnly()
        {
            var o = new BeaconOptions();
            o.Eid = new EidOptions { IdentityKeyHex = GoldenFrames.EidKey, RotationExponent = 10 };
            o.Eddystone = new EddystoneOptions { TxPowerAt0mDbm = -18 };
            return o;
        }

        private static BeaconOptions Mutated(string mutation)
        {
            BeaconOptions o = mutation.StartsWith("eid") ? EidOnly() : Full();
            switch (mutation)
            {
                case "ibeacon.uuid=null": o.IBeacon.Uuid = null; break;
                case "ibeacon.uuid=short": o.IBeacon.Uuid = "E2C56DB5-DFFB-48D2-B060-D0F5A71096E"; break;
                case "ibeacon.uuid=nonhex": o.IBeacon.Uuid = "X2C56DB5DFFB48D2B060D0F5A71096E0"; break;
                case "ibeacon.major=-1": o.IBeacon.Major = -1; break;
                case "ibeacon.major=65536": o.IBeacon.Major = 65536; break;
                case "ibeacon.minor=70000": o.IBeacon.Minor = 70000; break;
                case "ibeacon.measuredPower=1": o.IBeacon.MeasuredPowerDbm = 1; break;
                case "ibeacon.measuredPower=-128": o.IBeacon.MeasuredPowerDbm = -128; break;
                case "eddystone.namespace=short": o.Eddystone.NamespaceHex = "8b0ca750095477cb3e"; break;
                case "eddystone.namespace=nonhex": o.Eddystone.NamespaceHex = "zz0ca750095477cb3e77"; break;
                case "eddystone.instance=long": o.Eddystone.InstanceHex = "0000000000abc"; break;
                case "eddystone.instance=null": o.Eddystone.InstanceHex = null; break;
                case "eddystone.namespace=null": o.Eddystone.NamespaceHex = null; break;
                case "eddystone.url=ftp": o.Eddystone.Url = "ftp://shop.example"; break;
                case "eddystone.url=long": o.Eddystone.Url = "https://www.a-very-long-store-name.example/"; break;
                case "eddystone.url=space": o.Eddystone.Url = "https://a.b/c d"; break;
                case "eddystone.txPowerAt0m=21": o.Eddystone.TxPowerAt0mDbm = 21; break;
                case "eddystone.txPowerAt0m=-101": o.Eddystone.TxPowerAt0mDbm = -101; break;
                case "eddystone=empty": o.Eddystone = new EddystoneOptions(); break;
                case "altbeacon.id=short": o.AltBeacon.IdHex = "0001"; break;
                case "altbeacon.manufacturerId=65536": o.AltBeacon.ManufacturerId = 65536; break;
                case "altbeacon.referenceRssi=5": o.AltBeacon.ReferenceRssiDbm = 5; break;
                case "altbeacon.reserved=256": o.AltBeacon.Reserved = 256; break;
                case "schedule.slotMs=999": o.Schedule = new AdvertisingScheduleOptions { SlotMs = 999 }; break;
                case "schedule.slotMs=60001": o.Schedule = new AdvertisingScheduleOptions { SlotMs = 60001 }; break;
                case "schedule.scanWindowMs=500": o.Schedule = new AdvertisingScheduleOptions { ScanWindowMs = 500 }; break;
                case "schedule.scanPeriodMs=3999": o.Schedule = new AdvertisingScheduleOptions { ScanPeriodMs = 3999 }; break;
                case "schedule.scanPeriodMs=600001": o.Schedule = new AdvertisingScheduleOptions { ScanPeriodMs = 600001 }; break;
                case "schedule.order=unknown": o.Schedule = new AdvertisingScheduleOptions { Order = "ibeacon,eddystone-uid,eddystone-url,eddystone-tlm,altbeacon,beacon" }; break;
                case "schedule.order=unconfigured": o.Schedule = new AdvertisingScheduleOptions { Order = "ibeacon,eddystone-uid,eddystone-url,eddystone-tlm,altbeacon,eddystone-eid" }; break;
                case "schedule.order=missing": o.Schedule = new AdvertisingScheduleOptions { Order = "ibeacon,eddystone-uid,eddystone-url,eddystone-tlm" }; break;
                case "schedule.order=emptyentry": o.Schedule = new AdvertisingScheduleOptions { Order = "ibeacon,,eddystone-uid,eddystone-url,eddystone-tlm,altbeacon" }; break;
                case "schedule.order=17": o.Schedule = new AdvertisingScheduleOptions { Order = "ibeacon,eddystone-uid,eddystone-url,eddystone-tlm,altbeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon,ibeacon" }; break;
                case "noframes": o = new BeaconOptions(); o.Schedule = new AdvertisingScheduleOptions(); break;
                case "eid.identityKey=null": o.Eid.IdentityKeyHex = null; break;
                case "eid.identityKey=short": o.Eid.IdentityKeyHex = "0102030405060708090A11121314151"; break;
                case "eid.identityKey=nonhex": o.Eid.IdentityKeyHex = "0102030405060708090A11121314151G"; break;
                case "eid.rotationExponent=16": o.Eid.RotationExponent = 16; break;
                case "eid.rotationExponent=-1": o.Eid.RotationExponent = -1; break;
                case "eid.epochUnixS=-1": o.Eid.EpochUnixS = -1; break;
                case "eid+ibeacon": o.IBeacon = Full().IBeacon; break;
                case "eid+altbeacon": o.AltBeacon = Full().AltBeacon; break;
                case "eid+uid": o.Eddystone.NamespaceHex = "8b0ca750095477cb3e77"; o.Eddystone.InstanceHex = "0000000000ab"; break;
                case "eid+url": o.Eddystone.Url = "https://goo.gl/S6zT6P"; break;
                case "eid+tlm": o.Eddystone.Tlm = true; break;
                default: Assert.IsTrue(false, "unknown mutation " + mutation); break;
            }

            return o;
        }

        [TestMethod]
        public void Validate_FullConfig_Accepted()
        {
            Full().Validate();
            EidOnly().Validate();
        }

        [TestMethod]
        public void Validate_EidWithoutEddystoneSection_AcceptedWithDefaultTxPower()
        {
            var o = new BeaconOptions();
            o.Eid = new EidOptions { IdentityKeyHex = GoldenFrames.EidKey };
            o.Validate();
            Assert.AreEqual(-18, o.EidTxPowerAt0mDbm);
            Assert.AreEqual(10, o.Eid.RotationExponent);
        }

        [TestMethod]
        [DataRow("ibeacon.uuid=null", "beacon.ibeacon.uuid")]
        [DataRow("ibeacon.uuid=short", "beacon.ibeacon.uuid")]
        [DataRow("ibeacon.uuid=nonhex", "beacon.ibeacon.uuid")]
        [DataRow("ibeacon.major=-1", "beacon.ibeacon.major")]
        [DataRow("ibeacon.major=65536", "beacon.ibeacon.major")]
        [DataRow("ibeacon.minor=70000", "beacon.ibeacon.minor")]
        [DataRow("ibeacon.measuredPower=1", "beacon.ibeacon.measuredPower")]
        [DataRow("ibeacon.measuredPower=-128", "beacon.ibeacon.measuredPower")]
        [DataRow("eddystone.namespace=short", "beacon.eddystone.namespace")]
        [DataRow("eddystone.namespace=nonhex", "beacon.eddystone.namespace")]
        [DataRow("eddystone.instance=long", "beacon.eddystone.instance")]
        [DataRow("eddystone.instance=null", "beacon.eddystone.instance")]
        [DataRow("eddystone.namespace=null", "beacon.eddystone.namespace")]
        [DataRow("eddystone.url=ftp", "beacon.eddystone.url")]
        [DataRow("eddystone.url=long", "beacon.eddystone.url")]
        [DataRow("eddystone.url=space", "beacon.eddystone.url")]
        [DataRow("eddystone.txPowerAt0m=21", "beacon.eddystone.txPowerAt0m")]
        [DataRow("eddystone.txPowerAt0m=-101", "beacon.eddystone.txPowerAt0m")]
        [DataRow("eddystone=empty", "beacon.eddystone")]
        [DataRow("altbeacon.id=short", "beacon.altbeacon.id")]
        [DataRow("altbeacon.manufacturerId=65536", "beacon.altbeacon.manufacturerId")]
        [DataRow("altbeacon.referenceRssi=5", "beacon.altbeacon.referenceRssi")]
        [DataRow("altbeacon.reserved=256", "beacon.altbeacon.reserved")]
        [DataRow("schedule.slotMs=999", "beacon.schedule.slotMs")]
        [DataRow("schedule.slotMs=60001", "beacon.schedule.slotMs")]
        [DataRow("schedule.scanWindowMs=500", "beacon.schedule.scanWindowMs")]
        [DataRow("schedule.scanPeriodMs=3999", "beacon.schedule.scanPeriodMs")]
        [DataRow("schedule.scanPeriodMs=600001", "beacon.schedule.scanPeriodMs")]
        [DataRow("schedule.order=unknown", "beacon.schedule.order")]
        [DataRow("schedule.order=unconfigured", "beacon.schedule.order")]
        [DataRow("schedule.order=missing", "beacon.schedule.order")]
        [DataRow("schedule.order=emptyentry", "beacon.schedule.order")]
        [DataRow("schedule.order=17", "beacon.schedule.order")]
        [DataRow("noframes", "beacon")]
        [DataRow("eid.identityKey=null", "beacon.eid.identityKey")]
        [DataRow("eid.identityKey=short", "beacon.eid.identityKey")]
        [DataRow("eid.identityKey=nonhex", "beacon.eid.identityKey")]
        [DataRow("eid.rotationExponent=16", "beacon.eid.rotationExponent")]
        [DataRow("eid.rotationExponent=-1", "beacon.eid.rotationExponent")]
        [DataRow("eid.epochUnixS=-1", "beacon.eid.epochUnixS")]
        [DataRow("eid+ibeacon", "beacon.eid")]
        [DataRow("eid+altbeacon", "beacon.eid")]
        [DataRow("eid+uid", "beacon.eid")]
        [DataRow("eid+url", "beacon.eid")]
        [DataRow("eid+tlm", "beacon.eid")]
        public void Validate_Invalid_ConfigExceptionNamesTheKey(string mutation, string key)
        {
            BeaconOptions o = Mutated(mutation);
            try
            {
                o.Validate();
                Assert.IsTrue(false, "accepted: " + mutation);
            }
            catch (ConfigException ex)
            {
                Assert.AreEqual(key, ex.Key);
            }
        }

        [TestMethod]
        public void Validate_BadIdentityKey_MessageNeverEchoesTheKey()
        {
            BeaconOptions o = EidOnly();
            o.Eid.IdentityKeyHex = "0102030405060708090A11121314151";
            try
            {
                o.Validate();
                Assert.IsTrue(false, "accepted");
            }
            catch (ConfigException ex)
            {
                Assert.DoesNotContains("0102030405", ex.Message);
            }
        }

        [TestMethod]
        public void ParseOrder_Default_CanonicalOrderOfConfiguredFrames()
        {
            BeaconOptions o = Full();
            FrameKind[] order = new AdvertisingScheduleOptions().ParseOrder(o.ConfiguredKinds());
            Assert.AreEqual(5, order.Length);
            Assert.AreEqual((int)FrameKind.IBeacon, (int)order[0]);
            Assert.AreEqual((int)FrameKind.AltBeacon, (int)order[1]);
            Assert.AreEqual((int)FrameKind.EddystoneUid, (int)order[2]);
            Assert.AreEqual((int)FrameKind.EddystoneUrl, (int)order[3]);
            Assert.AreEqual((int)FrameKind.EddystoneTlm, (int)order[4]);
        }

        [TestMethod]
        public void ParseOrder_RepeatsAndSpaces_Kept()
        {
            BeaconOptions o = Full();
            var s = new AdvertisingScheduleOptions { Order = "ibeacon, ibeacon ,altbeacon,eddystone-uid,eddystone-url,eddystone-tlm" };
            FrameKind[] order = s.ParseOrder(o.ConfiguredKinds());
            Assert.AreEqual(6, order.Length);
            Assert.AreEqual((int)FrameKind.IBeacon, (int)order[1]);
        }
    }
}
