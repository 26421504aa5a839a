namespace Beacons.DeviceProfile
{
    /// <summary>
    /// The device.json files the roles boot from: the sample store's (tools/flash/samples/store-s001/expected), embedded
    /// because the interpreter has no file system. Secrets are the sample's (not real).
    /// </summary>
    public static class SampleConfigs
    {
        /// <summary>
        /// n01 (beacon+shelf: iBeacon + Eddystone UID/URL/TLM) with four lanes instead of two: lanes 3 and 4 are n02's
        /// items on the reference board's lane 3/4 pins, and every lane carries a calibration so the whole chain runs.
        /// </summary>
        public const string BeaconShelf = @"{
  ""schema"": 1,
  ""configVersion"": 1,
  ""store"": ""s001"",
  ""device"": ""n01"",
  ""statusIntervalS"": 60,
  ""mqtt"": {
    ""broker"": ""mqtts://broker.s001.example.net:8883"",
    ""caCertFile"": ""ca.pem"",
    ""username"": ""s001/n01"",
    ""password"": ""D3DXxI49e0H7zzWVcnPt5Q5N9jJ9k5O3"",
    ""topicPrefix"": ""retail/v1"",
    ""keepAliveS"": 30
  },
  ""commands"": {
    ""key"": ""b401371a6275221c6d0db5fdfb7cc17124f945c72c26cbcbfd98aebc704d0552""
  },
  ""homeAssistant"": {
    ""discovery"": false
  },
  ""beacon"": {
    ""ibeacon"": {
      ""uuid"": ""f7826da6-4fa2-4e98-8024-bc5b71e0893e"",
      ""major"": 1,
      ""minor"": 1,
      ""measuredPower"": -59
    },
    ""eddystone"": {
      ""namespace"": ""edd1ebeac04e5defa017"",
      ""instance"": ""000000000001"",
      ""url"": ""https://ex.co/s001"",
      ""txPowerAt0m"": -20,
      ""tlm"": true
    }
  },
  ""lanes"": [
    { ""id"": ""a1"", ""name"": ""Cola 330 ml"", ""doutPin"": 19, ""pdSckPin"": 23, ""spiBus"": 1, ""unitGrams"": 355, ""toleranceGrams"": 60,
      ""lowItems"": 4, ""emptyItems"": 0, ""countsPerGram"": 419.4, ""offsetCounts"": 31250 },
    { ""id"": ""a2"", ""name"": ""Water 500 ml"", ""doutPin"": 34, ""pdSckPin"": 26, ""spiBus"": 2, ""unitGrams"": 520.5,
      ""lowItems"": 3, ""emptyItems"": 0, ""countsPerGram"": 219.8, ""offsetCounts"": 8421 },
    { ""id"": ""a3"", ""name"": ""Crisps"", ""doutPin"": 35, ""pdSckPin"": 32, ""spiBus"": 1, ""unitGrams"": 150,
      ""lowItems"": 5, ""emptyItems"": 1, ""countsPerGram"": 838.9, ""offsetCounts"": -12040 },
    { ""id"": ""a4"", ""name"": ""Chocolate"", ""doutPin"": 36, ""pdSckPin"": 33, ""spiBus"": 2, ""gain"": 128, ""sps"": 10,
      ""unitGrams"": 100, ""lowItems"": 6, ""emptyItems"": 0, ""countsPerGram"": 1677.7, ""offsetCounts"": 52003 }
  ]
}";

        /// <summary>n03 as provisioned (scanner: zones entrance 1.5 m, checkout 4 m; calibrating from 8 neighbours, the most a node keeps (n01's iBeacon heard every window); identifiers none, k = 5; maxSessions 64 by default).</summary>
        public const string Scanner = @"{
  ""schema"": 1,
  ""configVersion"": 1,
  ""store"": ""s001"",
  ""device"": ""n03"",
  ""statusIntervalS"": 60,
  ""mqtt"": {
    ""broker"": ""mqtts://broker.s001.example.net:8883"",
    ""caCertFile"": ""ca.pem"",
    ""username"": ""s001/n03"",
    ""password"": ""gToMCf1ywKZ1lBgTmmF-RTSvGVtdn34V"",
    ""topicPrefix"": ""retail/v1"",
    ""keepAliveS"": 30
  },
  ""commands"": {
    ""key"": ""b8d151a8521401b4c7612400868d4b6d7d75852e2eddf222d7bde5325c807a5d""
  },
  ""homeAssistant"": {
    ""discovery"": false
  },
  ""proximity"": {
    ""zones"": [
      { ""name"": ""entrance"", ""maxMeters"": 1.5 },
      { ""name"": ""checkout"", ""maxMeters"": 4 }
    ],
    ""calibration"": {
      ""uuid"": ""f7826da6-4fa2-4e98-8024-bc5b71e0893e"",
      ""neighbours"": [
        { ""major"": 1, ""minor"": 1, ""distanceM"": 6.5 },
        { ""major"": 1, ""minor"": 4, ""distanceM"": 7 },
        { ""major"": 1, ""minor"": 6, ""distanceM"": 9.4 },
        { ""major"": 1, ""minor"": 7, ""distanceM"": 11.2 },
        { ""major"": 1, ""minor"": 8, ""distanceM"": 13.9 },
        { ""major"": 1, ""minor"": 9, ""distanceM"": 15 },
        { ""major"": 1, ""minor"": 10, ""distanceM"": 18.3 },
        { ""major"": 1, ""minor"": 11, ""distanceM"": 24.6 }
      ]
    }
  },
  ""privacy"": {
    ""identifiers"": ""none"",
    ""kAnonymity"": 5,
    ""epochHours"": 24,
    ""storeSecret"": ""555488f23664b1c55110051df52bbcfd001c0448bae1f84deea5186cd6728a5b""
  }
}";
    }
}
