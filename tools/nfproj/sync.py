#!/usr/bin/env python3
"""Keeps the <Compile> items of the legacy .nfproj files in step with the .cs files on disk.

The nanoFramework project system does not glob (NFProjectSystem.CSharp.targets removes UseFileGlobs), so every
source file must be listed. The host .csproj files glob the same folders; this script is what keeps the two builds
compiling the same sources. `--check` exits 1 and names the drift instead of writing (CI runs it that way).
"""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# project file -> (source folder, folders under it that are not device sources)
PROJECTS = {
    "shared/Beacons.Shared.nfproj": ("shared", ["bin", "obj"]),
    "firmware/Beacons.Firmware.nfproj": ("firmware", ["bin", "obj"]),
    "tests/Beacons.Tests.nfproj": ("tests", ["bin", "obj", "Host", "Integration", "NanoTestFramework"]),
    "benchmarks/DeviceProfile/DeviceProfile.nfproj": ("benchmarks/DeviceProfile", ["bin", "obj"]),
}
BLOCK = re.compile(r'(  <ItemGroup Label="Sources">\n)(.*?)(  </ItemGroup>\n)', re.S)

def sources(folder, skip):
    base = os.path.join(ROOT, folder)
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        rel = os.path.relpath(dirpath, base)
        top = rel.split(os.sep)[0]
        if top in skip:
            dirnames[:] = []
            continue
        for f in filenames:
            if f.endswith(".cs"):
                found.append(os.path.normpath(os.path.join(rel, f)).replace(os.sep, "\\"))
    return sorted(found, key=lambda s: s.lower())

def main():
    check = "--check" in sys.argv
    drift = False
    for proj, (folder, skip) in PROJECTS.items():
        path = os.path.join(ROOT, proj)
        text = open(path, encoding="utf-8").read()
        m = BLOCK.search(text)
        if not m:
            print(f"{proj}: no <ItemGroup Label=\"Sources\"> block", file=sys.stderr)
            sys.exit(2)
        body = "".join(f'    <Compile Include="{s}" />\n' for s in sources(folder, skip))
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
