namespace Beacons.Tests.Advertising
{
    /// <summary>
    /// Expected advertising data, written out by hand from the spec byte tables (Apple iBeacon layout as in the
    /// nanoFramework BluetoothBeacon sample; google/eddystone eddystone-uid, -url, tlm-plain and -eid READMEs;
    /// AltBeacon spec) — not produced by the code under test.
    /// </summary>
    internal static class GoldenFrames
    {
        // Flags | 1A FF | 4C 00 | 02 15 | UUID E2C56DB5-DFFB-48D2-B060-D0F5A71096E0 | major 0000 | minor 0001 | -59 = C5
        internal const string IBeaconSample = "020106" + "1aff" + "4c00" + "0215" + "e2c56db5dffb48d2b060d0f5a71096e0" + "0000" + "0001" + "c5";

        // Flags | 03 03 AA FE | 17 16 AA FE | 00 | -18 = EE | namespace (elided UUID example of the UID spec) | instance | RFU RFU
        internal const string UidSpecNamespace = "020106" + "0303aafe" + "1716aafe" + "00" + "ee" + "8b0ca750095477cb3e77" + "0000000000ab" + "0000";

        // Flags | 03 03 AA FE | 13 16 AA FE | 10 | +18 = 12 | 03 (https://) | "goo.gl/S6zT6P"
        internal const string UrlSpecExample = "020106" + "0303aafe" + "1316aafe" + "10" + "12" + "03" + "676f6f2e676c2f5336" + "7a543650";

        // Flags | 03 03 AA FE | 11 16 AA FE | 20 00 | 3000 mV = 0BB8 | 25.5 °C = 1980 | 1000 = 000003E8 | 3600.0 s = 36000 = 00008CA0
        internal const string TlmExample = "020106" + "0303aafe" + "1116aafe" + "2000" + "0bb8" + "1980" + "000003e8" + "00008ca0";

        // Flags | 03 03 AA FE | 0D 16 AA FE | 30 | -18 = EE | EID of key 0102030405060708090A111213141516, K 10, time 0
        internal const string EidVector = "020106" + "0303aafe" + "0d16aafe" + "30" + "ee" + "a9b76a71c5f89290";

        // Flags | 1B FF | 18 01 (0x0118 LE) | BE AC | id 00..13 | -59 = C5 | reserved 00
        internal const string AltBeaconExample = "020106" + "1bff" + "1801" + "beac" + "000102030405060708090a0b0c0d0e0f10111213" + "c5" + "00";

        internal const string SampleUuid = "E2C56DB5-DFFB-48D2-B060-D0F5A71096E0";

        internal const string EidKey = "0102030405060708090A111213141516";
    }
}
