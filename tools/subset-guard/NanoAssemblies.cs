using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Beacons.SubsetGuard;

/// <summary>
/// The real nanoFramework assemblies the device-bound sources are bound against: NuGet's nanoFramework.CoreLibrary
/// 1.17.11 mscorlib always, plus the toolchain's libraries (System.Math, Runtime.Native, Bluetooth, M2Mqtt, ...) when the
/// toolchain folder exists. Without the toolchain, <see cref="Manifest"/> (type and member names of those libraries,
/// generated from the toolchain and checked in) tells a name that lives outside mscorlib from one that exists nowhere.
/// </summary>
public sealed class NanoAssemblies
{
    /// <summary>The file beside the guard listing the non-mscorlib nanoFramework API (see <see cref="WriteManifest"/>).</summary>
    public const string ManifestFileName = "nanoframework-api.txt";

    private static readonly string[] NotReferenced = { "mscorlib.dll", "nanoFramework.UnitTestLauncher.dll" };

    private NanoAssemblies(ImmutableArray<MetadataReference> references, string toolchainLib, ApiManifest manifest)
    {
        References = references;
        ToolchainLib = toolchainLib;
        Manifest = manifest;
    }

    /// <summary>mscorlib and, with a toolchain, every library in its lib/ folder.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The toolchain's lib/ folder; null when bound against mscorlib alone.</summary>
    public string ToolchainLib { get; }

    /// <summary>Names of the non-mscorlib API; used only when <see cref="ToolchainLib"/> is null.</summary>
    public ApiManifest Manifest { get; }

    /// <summary>What the findings say they were bound against.</summary>
    public string Description => ToolchainLib == null
        ? "nanoFramework mscorlib 1.17.11"
        : "nanoFramework mscorlib 1.17.11 + the toolchain's libraries";

    /// <summary>
    /// The toolchain folder the guard uses by default: $NF_TOOLCHAIN, else ../shared/nanoframework beside the repository
    /// (the same default as tools/device-build).
    /// </summary>
    public static string DefaultToolchain(string repoRoot)
    {
        string fromEnv = System.Environment.GetEnvironmentVariable("NF_TOOLCHAIN");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        return repoRoot == null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(repoRoot))!, "shared", "nanoframework");
    }

    /// <summary>
    /// Loads mscorlib from beside the guard, the toolchain's libraries when <paramref name="toolchain"/> has a lib/
    /// folder, and the manifest otherwise.
    /// </summary>
    /// <exception cref="FileNotFoundException">mscorlib or the manifest is missing beside the guard (a broken build).</exception>
    public static NanoAssemblies Load(string toolchain)
    {
        string here = AppContext.BaseDirectory;
        string mscorlib = Path.Combine(here, "nanoframework", "mscorlib.dll");
        if (!File.Exists(mscorlib))
        {
            throw new FileNotFoundException($"nanoFramework mscorlib not found at {mscorlib}: rebuild tools/subset-guard (it copies nanoFramework.CoreLibrary 1.17.11's mscorlib.dll there)", mscorlib);
        }

        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        references.Add(MetadataReference.CreateFromFile(mscorlib));

        string lib = toolchain == null ? null : Path.Combine(toolchain, "lib");
        if (lib != null && File.Exists(Path.Combine(lib, "mscorlib.dll")))
        {
            foreach (string file in LibraryFiles(lib))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }

            return new NanoAssemblies(references.ToImmutable(), Path.GetFullPath(lib), null);
        }

        string manifestPath = Path.Combine(here, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"{ManifestFileName} not found beside the guard ({here}): rebuild tools/subset-guard", manifestPath);
        }

        return new NanoAssemblies(references.ToImmutable(), null, ApiManifest.Parse(File.ReadAllLines(manifestPath)));
    }

    /// <summary>
    /// Writes the manifest: for every toolchain library but mscorlib, its public types (full names) and their public
    /// and protected member names, one type per line.
    /// </summary>
    public static string WriteManifest(string toolchain)
    {
        string lib = Path.Combine(toolchain, "lib");
        string mscorlib = Path.Combine(lib, "mscorlib.dll");
        if (!File.Exists(mscorlib))
        {
            throw new DirectoryNotFoundException($"no nanoFramework toolchain libraries at {lib}");
        }

        var text = new StringBuilder();
        text.Append("# Public API names of the nanoFramework libraries beyond mscorlib, read from the toolchain's lib/ folder.\n");
        text.Append("# The subset guard uses it only when no toolchain is present, to tell a name that lives in one of these\n");
        text.Append("# libraries from one that exists nowhere on the device. Regenerate after a package update with:\n");
        text.Append("#   dotnet run --project tools/subset-guard -- --write-api-manifest > tools/subset-guard/nanoframework-api.txt\n");
        text.Append("# Format: '@Assembly.dll', then 'Namespace.Type member member ...' (nested types as Outer.Inner).\n");
        var mscorlibReference = MetadataReference.CreateFromFile(mscorlib);
        foreach (string file in LibraryFiles(lib).OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            MetadataReference reference = MetadataReference.CreateFromFile(file);
            CSharpCompilation compilation = CSharpCompilation.Create("manifest", references: LibraryFiles(lib)
                .Where(f => f != file).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).Append(mscorlibReference).Append(reference));
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
            {
                continue;
            }

            text.Append('@').Append(Path.GetFileName(file)).Append('\n');
            var lines = new List<string>();
            CollectTypes(assembly.GlobalNamespace, lines);
            foreach (string line in lines.OrderBy(l => l, StringComparer.Ordinal))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> LibraryFiles(string lib) =>
        Directory.EnumerateFiles(lib, "*.dll")
            .Where(f => !NotReferenced.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static void CollectTypes(INamespaceOrTypeSymbol container, List<string> lines)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                CollectTypes(ns, lines);
            }
            else if (member is INamedTypeSymbol type && type.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected)
            {
                IEnumerable<string> names = type.GetMembers()
                    .Where(m => m.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)
                    .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove })
                    .Select(m => m is IMethodSymbol { MethodKind: MethodKind.Constructor } ? ".ctor" : m.Name)
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(n => n, StringComparer.Ordinal);
                string full = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None));
                lines.Add(full + (names.Any() ? " " + string.Join(" ", names) : string.Empty));
                CollectTypes(type, lines);
            }
        }
    }
}

/// <summary>Type and member names of the nanoFramework libraries beyond mscorlib (see <see cref="NanoAssemblies.WriteManifest"/>).</summary>
public sealed class ApiManifest
{
    private readonly Dictionary<string, HashSet<string>> _membersByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _typesBySimpleName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _assemblyByType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Parses the manifest's lines.</summary>
    public static ApiManifest Parse(IEnumerable<string> lines)
    {
        var manifest = new ApiManifest();
        string assembly = "?";
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '@')
            {
                assembly = line.Substring(1);
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string full = parts[0];
            manifest._membersByType[full] = new HashSet<string>(parts.Skip(1), StringComparer.Ordinal);
            manifest._assemblyByType[full] = assembly;
            string simple = full.Substring(full.LastIndexOf('.') + 1);
            if (!manifest._typesBySimpleName.TryGetValue(simple, out List<string> sameName))
            {
                manifest._typesBySimpleName[simple] = sameName = new List<string>();
            }

            sameName.Add(full);
            for (int dot = full.IndexOf('.'); dot > 0; dot = full.IndexOf('.', dot + 1))
            {
                manifest._namespaces.Add(full.Substring(0, dot));
            }
        }

        return manifest;
    }

    /// <summary>
    /// True when <paramref name="name"/> (a simple or dotted name as written in source) names a namespace, a type or an
    /// attribute of these libraries, so that it not binding against mscorlib alone proves nothing.
    /// </summary>
    public bool Declares(string name)
    {
        if (_namespaces.Contains(name) || _membersByType.ContainsKey(name))
        {
            return true;
        }

        string simple = name.Substring(name.LastIndexOf('.') + 1);
        return _typesBySimpleName.ContainsKey(simple) || _typesBySimpleName.ContainsKey(simple + "Attribute");
    }

    /// <summary>
    /// The types called <paramref name="simpleName"/> in these libraries (empty when none).
    /// </summary>
    public IReadOnlyList<string> TypesNamed(string simpleName) =>
        _typesBySimpleName.TryGetValue(simpleName, out List<string> types) ? types : (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>Whether <paramref name="type"/> (a full name) declares a member called <paramref name="member"/>.</summary>
    public bool HasMember(string type, string member) => _membersByType.TryGetValue(type, out HashSet<string> members) && members.Contains(member);

    /// <summary>The member names of <paramref name="type"/>, for messages.</summary>
    public IEnumerable<string> MembersOf(string type) =>
        _membersByType.TryGetValue(type, out HashSet<string> members) ? members.Where(m => m != ".ctor").OrderBy(m => m, StringComparer.Ordinal) : Enumerable.Empty<string>();

    /// <summary>The library file declaring <paramref name="type"/>.</summary>
    public string AssemblyOf(string type) => _assemblyByType.TryGetValue(type, out string assembly) ? assembly : "?";
}
