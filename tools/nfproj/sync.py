#!/usr/bin/env python3
"""Keeps the <Compile> items of the legacy .nfproj files in step with the .cs files on disk.

The nanoFramework project system does not glob (NFProjectSystem.CSharp.targets removes UseFileGlobs), so every
source file must be listed. The host .csproj files glob the same folders; this script is what keeps the two builds
compiling the same sources. `--check` exits 1 and names the drift instead of writing (CI runs it that way).
"""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# project file -> (source folder, paths under it that are not its sources, paths it is limited to or None). Paths are
# relative to the source folder, "/"-separated; a Compile item is written relative to the project file's own folder.
# The device tests are two NFUnitTest assemblies (one overflowed the metadata processor's string table): folders of
# tests/Shared go to one or the other, Fakes and Properties to both.
TESTS_SECOND = ["Shared/Configuration", "Shared/Messaging", "Shared/Privacy", "Shared/Proximity", "Shared/Update"]
PROJECTS = {
    "shared/Beacons.Shared.nfproj": ("shared", ["bin", "obj"], None),
    "firmware/Beacons.Firmware.nfproj": ("firmware", ["bin", "obj"], None),
    "tests/Beacons.Tests.nfproj": ("tests", ["bin", "obj", "Host", "Integration", "NanoTestFramework", "Device2", "LoaderProof"] + TESTS_SECOND, None),
    "tests/Device2/Beacons.Tests.Device2.nfproj": ("tests", ["bin", "obj"], ["Properties", "Shared/Fakes"] + TESTS_SECOND),
    "benchmarks/DeviceProfile/DeviceProfile.nfproj": ("benchmarks/DeviceProfile", ["bin", "obj"], None),
}
BLOCK = re.compile(r'(  <ItemGroup Label="Sources">\n)(.*?)(  </ItemGroup>\n)', re.S)

def under(rel, prefixes):
    return any(rel == p or rel.startswith(p + "/") for p in prefixes)

def sources(proj, folder, skip, only):
    base = os.path.join(ROOT, folder)
    projdir = os.path.dirname(os.path.join(ROOT, proj))
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        rel = os.path.relpath(dirpath, base).replace(os.sep, "/")
        if rel != "." and under(rel, skip):
            dirnames[:] = []
            continue
        for f in filenames:
            path = f if rel == "." else rel + "/" + f
            if f.endswith(".cs") and (only is None or under(path, only)):
                found.append(os.path.relpath(os.path.join(base, path), projdir).replace(os.sep, "\\"))
    return sorted(found, key=lambda s: s.lower())

def main():
    check = "--check" in sys.argv
    drift = False
    for proj, (folder, skip, only) in PROJECTS.items():
        path = os.path.join(ROOT, proj)
        text = open(path, encoding="utf-8").read()
        m = BLOCK.search(text)
        if not m:
            print(f"{proj}: no <ItemGroup Label=\"Sources\"> block", file=sys.stderr)
            sys.exit(2)
        body = "".join(f'    <Compile Include="{s}" />\n' for s in sources(proj, folder, skip, only))
        if body != m.group(2):
            drift = True
            if check:
                print(f"{proj}: Compile items differ from the .cs files on disk (run tools/nfproj/sync.py)", file=sys.stderr)
            else:
                text = text[:m.start(2)] + body + text[m.end(2):]
                open(path, "w", encoding="utf-8", newline="\r\n").write(text.replace("\r\n", "\n"))
                print(f"{proj}: updated")
    sys.exit(1 if (check and drift) else 0)

if __name__ == "__main__":
    main()
