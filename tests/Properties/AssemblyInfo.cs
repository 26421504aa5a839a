using System.Reflection;

// Device build only: the host projects generate their own assembly attributes.
[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyProduct("Retail beacon node")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
