#!/usr/bin/env python3
"""Recall and precision of a `scan --format json` report against the generator's planted set.

Usage: evaluate.py FINDINGS.json PLANTED.tsv [EXPORT]   (EXPORT: print context of misses)
A finding counts when its byte offset and detector equal a planted value's.
"""
import json
import sys

report = json.load(open(sys.argv[1]))
found = {(f["offset"], f["detector"]) for f in report["findings"]}
planted = set()
for line in open(sys.argv[2]):
    offset, kind = line.split()
    planted.add((int(offset), kind))
hits = found & planted
recall = len(hits) / len(planted) if planted else 1.0
precision = len(hits) / len(found) if found else 1.0
print(f"planted {len(planted)}  found {len(found)}  true positives {len(hits)}  recall {recall:.4%}  precision {precision:.4%}")
if len(sys.argv) > 3:
    with open(sys.argv[3], "rb") as export:
        for label, misses in (("false positive", found - planted), ("missed", planted - found)):
            for offset, kind in sorted(misses)[:20]:
                export.seek(max(0, offset - 30))
                print(label, kind, export.read(70))
