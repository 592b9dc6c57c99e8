#!/usr/bin/env python3
"""Every module a target imports is a dependency it declares in Package.swift.

A module that compiles only because another dependency pulled its module in breaks the day
that dependency changes; this check names it first. Reads the manifest through
`swift package dump-package` (no build), then each target's sources.

Usage: python3 .ci/check-imports.py [package directory]
"""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain and the system: not declared in Package.swift.
SYSTEM = {
    "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
    "Glibc", "Musl", "Darwin", "Dispatch", "Synchronization", "Testing", "XCTest", "_Concurrency",
    "Observation", "RegexBuilder", "Swift", "os", "FoundationXML",
}
IMPORT = re.compile(r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|typealias|func|let|var)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def declared(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    manifest = json.loads(subprocess.check_output(["swift", "package", "dump-package"], cwd=root))
    problems = []
    checked = 0
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin"):
            continue
        name = target["name"]
        path = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
        allowed = declared(target) | SYSTEM | {name}
        excluded = [os.path.join(root, path, e) for e in target.get("exclude", [])]
        for directory, _, files in os.walk(os.path.join(root, path)):
            if any(directory.startswith(e) for e in excluded):
                continue
            for file in files:
                if not file.endswith(".swift"):
                    continue
                source = os.path.join(directory, file)
                text = open(source, encoding="utf-8").read()
                # `#if canImport(X)` guards an import the build may not have: still declared or system.
                for module in IMPORT.findall(text):
                    checked += 1
                    if module not in allowed:
                        problems.append(f"{os.path.relpath(source, root)}: imports {module}, which target {name} does not declare")
    for problem in sorted(set(problems)):
        print(problem)
    if problems:
        print(f"check-imports: {len(set(problems))} undeclared import(s); add them to the target's dependencies in Package.swift")
        return 1
    print(f"check-imports: {checked} imports in {len(manifest['targets'])} targets, all declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
