using System.Reflection;

[assembly: AssemblyTitle("Beacons.Loader")]
[assembly: AssemblyProduct("Retail beacon node boot loader")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
