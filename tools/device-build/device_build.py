#!/usr/bin/env python3
"""Device build: every .nfproj compiled, converted and tested the way the nanoFramework build does it.

For each legacy .nfproj (the ones Beacons.sln lists, or those named on the command line) in ProjectReference order:
  1. evaluates its properties the way NFProjectSystem.Default.props does (Configuration defaults to Debug,
     DefineConstants DEBUG;TRACE or TRACE, LangVersion 9.0) plus the project's own PropertyGroups, and appends
     NANOFRAMEWORK_1_0 as NFProjectSystem.CSharp.targets does;
  2. compiles exactly its own <Compile> items with Roslyn, -nostdlib, against only the <Reference>s it names,
     each resolved by its HintPath *file name* in the toolchain's lib/ folder, and the outputs of its
     ProjectReferences. A reference the toolchain lacks is an error;
  3. runs the metadata processor (IL -> .pe + .pdbx), and for an Exe writes <name>.bin: every referenced .pe,
     then the application's, each padded to 4 bytes (what GenerateBinaryOutputTask writes, what nanoff deploys);
  4. runs an NFUnitTest project on the nanoCLR interpreter (nanorun.sh, single-precision Math like every ESP32
     image), and a project marked <DeviceProfile>true</DeviceProfile> with nanoexec.sh under each heap budget
     it lists (see benchmarks/DeviceProfile).

Output lands in <project>/bin/<Configuration>/ as with the real build. Errors print as file(line,col): error ...
The last line is 'device-build: N passed, M failed[, K skipped]' (tests on the interpreter, plus one per build
step that failed). Exit 0 all good, 1 something failed, 3 no toolchain (nothing built, nothing counted).
"""
import argparse, json, os, re, shutil, struct, subprocess, sys, xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NS = "{http://schemas.microsoft.com/developer/msbuild/2003}"
TOOLCHAIN_HELP = (
    "the device build needs the nanoFramework toolchain folder (reference assemblies with the packages' file names, "
    "the metadata processor, the nanoCLR interpreter): put it at ../shared/nanoframework beside this clone, or pass "
    "--toolchain DIR / set NF_TOOLCHAIN; on a workstation with the nanoFramework VS/VS Code extension build "
    "Beacons.sln there instead (README: 'Building and flashing the device projects')")


class BuildError(Exception):
    """A problem with one project, already formatted as 'file(line,col): error CODE: message'."""


def rel(path):
    return os.path.relpath(path, os.getcwd())


def line_of(path, needle):
    """1-based line/column of the first occurrence of needle in a file, for error positions."""
    with open(path, encoding="utf-8-sig") as f:
        for i, text in enumerate(f, 1):
            col = text.find(needle)
            if col >= 0:
                return i, col + 1
    return 1, 1


class NfProject:
    """One .nfproj evaluated for a configuration: the subset of MSBuild the nanoFramework project system uses."""

    def __init__(self, path, configuration):
        self.path = os.path.abspath(path)
        self.dir = os.path.dirname(self.path)
        self.props = {"Configuration": configuration, "Platform": "AnyCPU",
                      "MSBuildProjectDirectory": self.dir, "MSBuildProjectName": os.path.splitext(os.path.basename(path))[0]}
        try:
            self.xml = ET.parse(self.path).getroot()
        except ET.ParseError as e:
            raise BuildError(f"{rel(self.path)}({e.position[0]},{e.position[1]}): error NFB000: not valid XML: {e}")
        # NFProjectSystem.Default.props, in the order MSBuild sees it: its defaults, then the project's groups
        self._defaults_before = {"LangVersion": "9.0", "OutputType": "Library"}
        for k, v in self._defaults_before.items():
            self.props.setdefault(k, v)
        for group in self.xml.iter(NS + "PropertyGroup"):
            if not self._condition(group.get("Condition")):
                continue
            for p in group:
                if not isinstance(p.tag, str) or not self._condition(p.get("Condition")):
                    continue
                name = p.tag[len(NS):]
                if name == "Configuration" and p.get("Condition"):
                    continue  # the command line's Configuration wins, as a global property does
                self.props[name] = self.expand(p.text or "")
        if "DefineConstants" not in self.props:
            self.props["DefineConstants"] = "DEBUG;TRACE" if configuration == "Debug" else "TRACE"
        self.props["DefineConstants"] += ";NANOFRAMEWORK_1_0"
        self.name = self.props.get("AssemblyName") or self.props["MSBuildProjectName"]
        self.output_type = self.props.get("OutputType", "Library")
        self.ext = ".exe" if self.output_type in ("Exe", "WinExe") else ".dll"
        self.out_dir = os.path.join(self.dir, "bin", configuration)

    def expand(self, text):
        return re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_.]*)\)", lambda m: self.props.get(m.group(1), ""), text).strip()

    def _condition(self, cond):
        """The conditions .nfproj files use: '$(X)' == 'v' / != 'v', Exists('...'), joined by 'and'/'or'."""
        if not cond:
            return True
        parts = re.split(r"\s+(and|or)\s+", cond.strip(), flags=re.I)
        result = self._atom(parts[0])
        for op, atom in zip(parts[1::2], parts[2::2]):
            result = (result and self._atom(atom)) if op.lower() == "and" else (result or self._atom(atom))
        return result

    def _atom(self, atom):
        atom = atom.strip()
        m = re.fullmatch(r"'([^']*)'\s*(==|!=)\s*'([^']*)'", atom)
        if m:
            equal = self.expand(m.group(1)).lower() == self.expand(m.group(3)).lower()
            return equal if m.group(2) == "==" else not equal
        m = re.fullmatch(r"!?Exists\('([^']*)'\)", atom)
        if m:
            # only the project-system imports use Exists: they are what this script stands in for
            return atom.startswith("!")
        raise BuildError(f"{rel(self.path)}(1,1): error NFB001: condition not understood by the device build: {atom}")

    def items(self, kind):
        for group in self.xml.iter(NS + "ItemGroup"):
            if not self._condition(group.get("Condition")):
                continue
            for item in group.findall(NS + kind):
                if self._condition(item.get("Condition")):
                    yield item

    def sources(self):
        out = []
        for item in self.items("Compile"):
            inc = self.expand(item.get("Include")).replace("\\", os.sep)
            path = os.path.normpath(os.path.join(self.dir, inc))
            if any(c in inc for c in "*?"):
                line, col = line_of(self.path, item.get("Include"))
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB002: <Compile Include=\"{inc}\">: the nanoFramework project system does not glob")
            if not os.path.isfile(path):
                line, col = line_of(self.path, item.get("Include"))
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB003: source file {inc} does not exist")
            out.append(path)
        return out

    def references(self, libdir):
        """(assembly name, resolved file) for each <Reference>, by HintPath file name only, as a restore would lay out."""
        out = []
        for item in self.items("Reference"):
            include = item.get("Include").split(",")[0].strip()
            hint = item.find(NS + "HintPath")
            line, col = line_of(self.path, f'Include="{item.get("Include")}"')
            if hint is None or not (hint.text or "").strip():
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB004: reference {include} has no HintPath; "
                                 "a nanoFramework reference resolves only through its package's lib/ file")
            file_name = self.expand(hint.text).replace("\\", "/").split("/")[-1]
            path = os.path.join(libdir, file_name)
            if not os.path.isfile(path):
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB005: reference {include}: HintPath file "
                                 f"{file_name} is not in the toolchain ({rel(libdir)}); the package ships another file name or is missing")
            out.append((include, path))
        return out

    def project_references(self):
        out = []
        for item in self.items("ProjectReference"):
            path = os.path.normpath(os.path.join(self.dir, self.expand(item.get("Include")).replace("\\", os.sep)))
            if not os.path.isfile(path):
                line, col = line_of(self.path, item.get("Include"))
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB006: project reference {item.get('Include')} does not exist")
            out.append(path)
        return out

    def embedded_pes(self):
        """Projects whose .pe bytes are compiled into this one (<EmbedPe>a.nfproj;b.nfproj</EmbedPe>): a program that
        loads assemblies from bytes, as the boot loader does, needs real .pe files without deploying them."""
        out = []
        for inc in [x for x in re.split(r"[;]+", self.props.get("EmbedPe", "")) if x.strip()]:
            path = os.path.normpath(os.path.join(self.dir, inc.strip().replace("\\", os.sep)))
            if not os.path.isfile(path):
                line, col = line_of(self.path, "<EmbedPe>")
                raise BuildError(f"{rel(self.path)}({line},{col}): error NFB009: <EmbedPe> project {inc} does not exist")
            out.append(path)
        return out

    def is_test_project(self):
        return self.props.get("IsTestProject", "").lower() == "true" or any(
            i.get("Include") == "TestContainer" for i in self.items("ProjectCapability"))

    def profile_budgets(self):
        """Heap budgets (KiB) a device-profile program runs under; empty for other projects."""
        if self.props.get("DeviceProfile", "").lower() != "true":
            return []
        return [int(x) for x in re.split(r"[;, ]+", self.props.get("DeviceProfileHeapKb", "")) if x]


class Toolchain:
    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        self.lib = os.path.join(self.folder, "lib")
        self.pe = os.path.join(self.folder, "pe")
        self.mdp = os.path.join(self.folder, "mdp", "bin", "nanoFramework.Tools.MetaDataProcessor.dll")
        self.mkpe = os.path.join(self.folder, "tools", "mkpe.py")
        self.asmrefs = os.path.join(self.folder, "tools", "asmrefs", "bin", "asmrefs.dll")
        self.nanorun = os.path.join(self.folder, "nanorun.sh")
        self.nanoexec = os.path.join(self.folder, "nanoexec.sh")

    def missing(self):
        need = [self.lib, os.path.join(self.lib, "mscorlib.dll"), self.mdp, self.mkpe, self.asmrefs, self.nanorun, self.nanoexec]
        return [p for p in need if not os.path.exists(p)]


def find_csc():
    """Roslyn from the .NET SDK this repo pins (global.json): the compiler the nanoFramework build uses too."""
    version = subprocess.run(["dotnet", "--version"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    for line in subprocess.run(["dotnet", "--list-sdks"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"(\S+) \[(.*)\]", line)
        if m and m.group(1) == version:
            csc = os.path.join(m.group(2), version, "Roslyn", "bincore", "csc.dll")
            if os.path.isfile(csc):
                return csc
    raise BuildError(f"error NFB010: no Roslyn compiler found in the .NET SDK {version or '(dotnet not found)'}")


def build_order(paths, configuration):
    """Projects in ProjectReference order (references first); referenced projects join the list."""
    projects, order, visiting = {}, [], set()

    def visit(path):
        path = os.path.abspath(path)
        if path in projects:
            return
        if path in visiting:
            raise BuildError(f"{rel(path)}(1,1): error NFB007: project reference cycle")
        visiting.add(path)
        p = NfProject(path, configuration)
        for ref in p.project_references() + p.embedded_pes():
            visit(ref)
        projects[path] = p
        order.append(p)

    for path in paths:
        visit(path)
    return order, projects


def compile_project(p, csc, toolchain, projects):
    refs = [path for _, path in p.references(toolchain.lib)]
    names = [name for name, _ in p.references(toolchain.lib)]
    if "mscorlib" not in names:
        line, col = line_of(p.path, "<Project")
        raise BuildError(f"{rel(p.path)}({line},{col}): error NFB008: no mscorlib reference (nanoFramework.CoreLibrary)")
    for ref in p.project_references():
        dep = projects[os.path.abspath(ref)]
        refs.append(os.path.join(dep.out_dir, dep.name + dep.ext))
    os.makedirs(p.out_dir, exist_ok=True)
    out = os.path.join(p.out_dir, p.name + p.ext)
    sources = p.sources() + embed_source(p, projects)
    debug = p.props["Configuration"] == "Debug"
    args = ["dotnet", csc, "-nologo", "-noconfig", "-nostdlib+", "-deterministic+", "-utf8output",
            f"-langversion:{p.props['LangVersion']}", f"-target:{'exe' if p.ext == '.exe' else 'library'}",
            f"-define:{p.props['DefineConstants']}", "-debug:portable", f"-optimize{'-' if debug else '+'}",
            "-nowarn:" + ";".join(x for x in ["1701", "1702", p.props.get("NoWarn", "")] if x).strip(";"),
            f"-out:{rel(out)}"] + [f"-r:{rel(r)}" for r in refs] + [rel(s) for s in sources]
    r = subprocess.run(args, capture_output=True, text=True)
    lines = [l for l in (r.stdout + r.stderr).splitlines() if l.strip()]
    errors = [l for l in lines if ": error " in l or l.startswith("error ")]
    warnings = [l for l in lines if ": warning " in l]
    if any(l.startswith("error CS0518") and "IsVolatile" in l for l in errors):
        # Reported at emit time without a location: point at the volatile fields themselves.
        errors += volatile_fields(p)
    if r.returncode != 0:
        raise BuildError("\n".join(errors or lines) + f"\n{rel(p.path)}: {len(errors)} compile error(s)")
    return out, len(warnings)


def embed_source(p, projects):
    """The generated Embedded classes: one per <EmbedPe> project, named after its assembly ('.' -> '_'), with
    Length and Get(). The bytes live in methods of at most 16 KB each, not in static fields: nanoCLR runs every static
    constructor at boot (a field would sit in the heap from the start), and an assembly cannot carry ~110 KB of data (its .pe tables are 16-bit indexed)."""
    embeds = p.embedded_pes()
    if not embeds:
        return []
    lines = ["// Generated by tools/device-build from <EmbedPe>; not checked in.", "namespace Beacons.Embedded", "{"]
    for path in embeds:
        q = projects[os.path.abspath(path)]
        data = open(os.path.join(q.out_dir, q.name + ".pe"), "rb").read()
        parts = [data[i:i + 16384] for i in range(0, len(data), 16384)]
        lines += [f"    internal static class {q.name.replace('.', '_')}", "    {",
                  f"        public const int Length = {len(data)};", "",
                  "        public static byte[] Get()", "        {", "            var all = new byte[Length];", "            byte[] part;"]
        for i in range(len(parts)):
            lines += [f"            part = Part{i}();", f"            System.Array.Copy(part, 0, all, {i * 16384}, part.Length);"]
        lines += ["            return all;", "        }"]
        for i, part in enumerate(parts):
            lines += ["", f"        private static byte[] Part{i}()", "        {",
                      "            return new byte[] { " + ",".join(str(b) for b in part) + " };", "        }"]
        lines += ["    }"]
    lines += ["}"]
    gen = os.path.join(p.dir, "obj", p.props["Configuration"], "EmbeddedPe.g.cs")
    os.makedirs(os.path.dirname(gen), exist_ok=True)
    open(gen, "w").write("\n".join(lines) + "\n")
    return [gen]


def volatile_fields(p):
    found = []
    for src in p.sources():
        for n, text in enumerate(open(src, encoding="utf-8-sig").read().splitlines(), 1):
            m = re.search(r"\bvolatile\b", text.split("//")[0])
            if m:
                found.append(f"{rel(src)}({n},{m.start() + 1}): error CS0518: 'volatile' needs IsVolatile, which nanoFramework's "
                             "mscorlib does not define; use lock, or Interlocked on an int")
    return found


def convert(p, dll, toolchain, projects):
    hints = [toolchain.lib] + [os.path.join(projects[os.path.abspath(r)].out_dir,
                                            projects[os.path.abspath(r)].name + projects[os.path.abspath(r)].ext)
                               for r in p.project_references()]
    r = subprocess.run([sys.executable, toolchain.mkpe, toolchain.mdp, dll, p.out_dir] + hints, capture_output=True, text=True)
    if r.returncode != 0:
        out_lines = (r.stdout + r.stderr).splitlines()
        # The exception line names what failed; the last frames say where; both matter more than the tail.
        reason = next((l.strip() for l in out_lines if re.search(r"\w+Exception\b", l) and not l.strip().startswith("at ")), "")
        hint = ""
        if any("WriteAttributeArgumentValue" in l for l in out_lines):
            hint = ("\n  hint: an attribute argument the metadata processor cannot write, most often a null in "
                    "[DataRow(...)]; pass a sentinel value instead")
        detail = "\n".join(l for l in out_lines[-12:])
        raise BuildError(f"{rel(dll)}(1,1): error NFB020: the metadata processor rejected the assembly (the device "
                         f"cannot load it){': ' + reason if reason else ''}{hint}\n{detail}")
    return os.path.join(p.out_dir, p.name + ".pe")


def dependency_pes(p, toolchain, projects):
    """The .pe files a deployment of p needs, referenced libraries first: the order the device loads them."""
    own = {}
    for q in projects.values():
        own[q.name] = os.path.join(q.out_dir, q.name + ".pe")
    dll = os.path.join(p.out_dir, p.name + p.ext)
    project_dlls = [os.path.join(projects[os.path.abspath(r)].out_dir, projects[os.path.abspath(r)].name + ".dll")
                    for r in p.project_references()]
    r = subprocess.run(["dotnet", toolchain.asmrefs, toolchain.lib, dll] + project_dlls, capture_output=True, text=True)
    if r.returncode != 0:
        raise BuildError(f"{rel(dll)}(1,1): error NFB021: could not list the assembly's references: {r.stderr.strip()}")
    pes = []
    for name in r.stdout.split():
        if name == p.name:
            continue
        path = own.get(name) or os.path.join(toolchain.pe, name + ".pe")
        if not os.path.isfile(path):
            raise BuildError(f"{rel(dll)}(1,1): error NFB022: no .pe for referenced assembly {name}")
        pes.append(path)
    return pes


def write_bin(p, pe, toolchain, projects):
    """<app>.bin = every referenced .pe, then the app's own, each padded to a 4-byte boundary (GenerateBinaryOutputTask)."""
    deps = dependency_pes(p, toolchain, projects)
    mscorlib = [d for d in deps if os.path.basename(d) == "mscorlib.pe"]
    ordered = mscorlib + [d for d in deps if d not in mscorlib] + [pe]
    out = os.path.join(p.out_dir, p.name + ".bin")
    with open(out, "wb") as f:
        for path in ordered:
            data = open(path, "rb").read()
            f.write(data + b"\0" * ((4 - len(data) % 4) % 4))
    return out, len(ordered)


def run_tests(p, dll, toolchain, projects, fp):
    deps = [os.path.join(projects[os.path.abspath(r)].out_dir, projects[os.path.abspath(r)].name + ".dll")
            for r in p.project_references()]
    env = dict(os.environ, NANO_FP=fp)
    r = subprocess.run(["bash", toolchain.nanorun, dll] + deps, capture_output=True, text=True, env=env)
    out = r.stdout + r.stderr
    for line in out.splitlines():
        if line.startswith("Test failed") or line.startswith("Test skipped") or "mdp:" in line or "no test" in line:
            print(f"  {line}")
    m = re.search(r"^nanorun: (\d+) passed, (\d+) failed, (\d+) skipped(.*)$", out, re.M)
    if not m:
        print("\n".join("  " + l for l in out.splitlines()[-20:]))
        return 0, 1, 0, "nanorun printed no result line"
    passed, failed, skipped = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if r.returncode != 0 and failed == 0:
        failed = 1  # a crash, a timeout or no test at all: never a pass
    note = m.group(4).strip()
    if "Uncaught exception" in out:
        # The launcher itself died (seen when one test assembly grew too large for the runtime's metadata tables):
        # the tests after that point never ran, yet the runner still counted "0 failed".
        failed += 1
        note = (note + " the test launcher died with an uncaught exception; later tests did not run").strip()
        print("  " + next(l for l in out.splitlines() if "Uncaught exception" in l).strip())
    return passed, failed, skipped, note


def run_profile(p, exe, toolchain, projects, fp, budgets):
    """A device-profile program under each heap budget: its output is the figures; exit ok is the pass."""
    deps = [os.path.join(projects[os.path.abspath(r)].out_dir, projects[os.path.abspath(r)].name + ".dll")
            for r in p.project_references()]
    passed = failed = 0
    reports = []
    for kb in budgets:
        env = dict(os.environ, NANO_FP=fp, NANO_HEAP_KB=str(kb), NANOEXEC_TIMEOUT=os.environ.get("NANOEXEC_TIMEOUT", "900"))
        r = subprocess.run(["bash", toolchain.nanoexec, exe] + deps, capture_output=True, text=True, env=env)
        out = r.stdout + r.stderr
        reports.append((kb, out))
        for line in out.splitlines():
            if line.startswith("profile:") or line.startswith("nanoexec:") or line.startswith("FAIL"):
                print(f"  [{kb} KB] {line}")
        if r.returncode == 0 and "\nFAIL" not in "\n" + out:
            passed += 1
        else:
            failed += 1
    return passed, failed, reports


def solution_projects():
    sln = os.path.join(ROOT, "Beacons.sln")
    paths = re.findall(r'^Project\([^)]*\) = "[^"]*", "([^"]+\.nfproj)"', open(sln, encoding="utf-8-sig").read(), re.M)
    return [os.path.join(ROOT, x.replace("\\", os.sep)) for x in paths]


def main():
    ap = argparse.ArgumentParser(prog="device-build", description="Build, convert and test the .nfproj projects with the real nanoFramework toolchain.")
    ap.add_argument("projects", nargs="*", help=".nfproj files (default: every .nfproj in Beacons.sln)")
    ap.add_argument("--toolchain", default=os.environ.get("NF_TOOLCHAIN") or os.path.join(os.path.dirname(ROOT), "shared", "nanoframework"),
                    help="nanoFramework toolchain folder (default: $NF_TOOLCHAIN or ../shared/nanoframework)")
    ap.add_argument("-c", "--configuration", default="Debug", choices=["Debug", "Release"])
    ap.add_argument("--fp", default="single", choices=["single", "double"], help="System.Math precision of the interpreter (ESP32: single)")
    ap.add_argument("--no-run", action="store_true", help="build and convert only")
    ap.add_argument("--summary", help="write a JSON summary (counts per project) to this file")
    try:
        args = ap.parse_args()
    except SystemExit as e:
        sys.exit(2 if e.code else 0)

    toolchain = Toolchain(args.toolchain)
    missing = toolchain.missing()
    if missing:
        print(f"device-build: no nanoFramework toolchain at {rel(toolchain.folder)} (missing {rel(missing[0])})")
        print(f"device-build: {TOOLCHAIN_HELP}")
        print("device-build: SKIPPED: 0 passed, 0 failed, 1 skipped")
        sys.exit(3)

    passed = failed = skipped = 0
    summary = {"configuration": args.configuration, "fp": args.fp, "projects": {}}
    try:
        csc = find_csc()
        order, projects = build_order(args.projects or solution_projects(), args.configuration)
    except BuildError as e:
        print(str(e))
        print("device-build: 0 passed, 1 failed")
        sys.exit(1)

    broken = set()
    for p in order:
        entry = summary["projects"].setdefault(rel(p.path), {})
        if any(os.path.abspath(r) in broken for r in p.project_references()):
            print(f"device-build: {rel(p.path)}: not built (a project it references failed)")
            broken.add(p.path)
            failed += 1
            entry["status"] = "not-built"
            continue
        try:
            dll, warnings = compile_project(p, csc, toolchain, projects)
            pe = convert(p, dll, toolchain, projects)
            line = f"device-build: {rel(p.path)} -> {rel(dll)}, {os.path.basename(pe)} {os.path.getsize(pe)} bytes"
            if p.ext == ".exe":
                binfile, count = write_bin(p, pe, toolchain, projects)
                line += f", {os.path.basename(binfile)} {os.path.getsize(binfile)} bytes ({count} assemblies)"
            print(line + (f" ({warnings} warnings)" if warnings else ""))
            entry.update(status="built", pe_bytes=os.path.getsize(pe))
        except BuildError as e:
            print(str(e))
            broken.add(p.path)
            failed += 1
            entry["status"] = "failed"
            continue
        if args.no_run:
            continue
        if p.is_test_project():
            tp, tf, ts, note = run_tests(p, dll, toolchain, projects, args.fp)
            print(f"device-build: {rel(p.path)}: NFUnitTest on nanoCLR ({args.fp} precision): {tp} passed, {tf} failed, {ts} skipped {note}".rstrip())
            passed, failed, skipped = passed + tp, failed + tf, skipped + ts
            entry.update(tests_passed=tp, tests_failed=tf, tests_skipped=ts)
        budgets = p.profile_budgets()
        if budgets:
            pp, pf, _ = run_profile(p, dll, toolchain, projects, args.fp, budgets)
            print(f"device-build: {rel(p.path)}: device profile under {budgets} KB heaps: {pp} ran, {pf} failed")
            passed, failed = passed + pp, failed + pf
            entry.update(profile_passed=pp, profile_failed=pf)

    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f, indent=2)
    print(f"device-build: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
