#!/usr/bin/env python3
"""Recall and precision of a `scan --format json` report against the generator's planted set.

Usage: evaluate.py FINDINGS.json PLANTED.tsv [CORPUS_DIR]   (CORPUS_DIR: print context of misses)
A finding counts when its file, byte offset and detector equal a planted value's. The report
must list every finding (`--detail-limit` at least the number of findings per file).
"""
import json
import os
import sys

report = json.load(open(sys.argv[1]))
if report.get("omittedFindings", 0):
    print(f"warning: {report['omittedFindings']} findings were not listed; raise --detail-limit", file=sys.stderr)
found = {(os.path.basename(f["source"]), f["offset"], f["detector"]) for f in report["findings"]}
planted = set()
for line in open(sys.argv[2]):
    name, offset, kind = line.split()
    planted.add((name, int(offset), kind))
hits = found & planted
recall = len(hits) / len(planted) if planted else 1.0
precision = len(hits) / len(found) if found else 1.0
print(f"planted {len(planted)}  found {len(found)}  true positives {len(hits)}  recall {recall:.4%}  precision {precision:.4%}")
if len(sys.argv) > 3:
    for label, misses in (("false positive", found - planted), ("missed", planted - found)):
        for name, offset, kind in sorted(misses)[:20]:
            with open(os.path.join(sys.argv[3], name), "rb") as export:
                export.seek(max(0, offset - 40))
                print(label, name, kind, export.read(90))
