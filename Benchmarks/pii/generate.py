#!/usr/bin/env python3
"""Generates an NDJSON customer-data export for the PII scanner benchmark.

Usage: generate.py OUT.ndjson SIZE_MB PLANTED.tsv

Every line is a realistic record full of digit look-alikes: timestamps (ISO and epoch ms/us),
UUIDs, order ids, order numbers, phone numbers, amounts, version strings, ZIP codes, plus hard
negatives: card-shaped numbers that fail Luhn, allocated prefixes at the wrong length, cards
inside longer digit runs and UUID groups, unissued and sample SSNs. About one line in 200 gets
a real-looking card number (every network, every usual grouping) or SSN; PLANTED.tsv lists each
one as `byte offset<TAB>kind`, which is what recall and precision are measured against.
"""
import random
import sys

rng = random.Random(20261129)


def luhn_digit(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def card(prefix, length):
    digits = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    digits.append(luhn_digit(digits))
    return "".join(map(str, digits))


NETWORKS = [("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
            ("6011", 16), ("644", 16), ("65", 16), ("3528", 16), ("3589", 16), ("36", 14), ("38", 14), ("300", 14),
            ("305", 14), ("62", 16), ("62", 19)]


def grouped(number):
    style = rng.randrange(3)
    if style == 0:
        return number
    sep = " " if style == 1 else "-"
    n = len(number)
    if n == 15:
        sizes = [4, 6, 5]
    elif n == 14:
        sizes = [4, 6, 4]
    else:
        sizes = [4] * (n // 4) + ([n % 4] if n % 4 else [])
    parts, i = [], 0
    for s in sizes:
        parts.append(number[i:i + s])
        i += s
    return sep.join(parts)


def planted_card():
    prefix, length = rng.choice(NETWORKS)
    return grouped(card(prefix, length))


SAMPLES = {"078051120", "219099999", "123456789"}


def planted_ssn():
    while True:
        area, group, serial = rng.randrange(1, 900), rng.randrange(1, 100), rng.randrange(1, 10000)
        if area != 666 and f"{area:03}{group:02}{serial:04}" not in SAMPLES:
            return f"{area:03}-{group:02}-{serial:04}"


def bad_card():
    prefix, length = rng.choice(NETWORKS)
    good = card(prefix, length)
    kind = rng.randrange(5)
    if kind == 0:  # Luhn failure
        bad = good[:-1] + str((int(good[-1]) + rng.randrange(1, 10)) % 10)
        # Grouped 4-4-4-4-3, a failing 19-digit number reads as a 16-digit card plus a CVV,
        # which the scanner reports on purpose; keep 19-digit negatives contiguous.
        return bad if length == 19 else grouped(bad)
    if kind == 1:  # allocated prefix, wrong length
        if prefix in ("36", "38", "300", "305"):
            return card(prefix, 13)
        return card(prefix, 17 if length in (13, 15) else 15) if prefix not in ("62", "6011", "65", "644", "3528", "3589") else card("34", 16)
    if kind == 2:  # inside a longer run (20+ digits: never a card number itself)
        pad = max(2, 20 - len(good))
        left = rng.randrange(1, pad)
        return "".join(str(rng.randrange(1, 10)) for _ in range(left)) + good + "".join(str(rng.randrange(10)) for _ in range(pad - left))
    if kind == 3:  # unallocated prefix
        return card(rng.choice(["1", "7", "8", "9", "50", "56", "2220", "2721", "3527", "3590", "66"]), 16)
    return f"{rng.randrange(100):02}-{good}"  # a dashed reference


def bad_ssn():
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice([0, 666, rng.randrange(900, 1000)]):03}-{rng.randrange(1, 100):02}-{rng.randrange(1, 10000):04}"
    if kind == 1:
        return rng.choice(["078-05-1120", "219-09-9999", "123-45-6789"])
    if kind == 2:
        return f"{rng.randrange(1, 900):03}-00-{rng.randrange(1, 10000):04}"
    if kind == 3:
        return f"{rng.randrange(1, 900):03}-{rng.randrange(1, 100):02}-0000"
    return f"{rng.randrange(1000, 10000)}-{rng.randrange(10, 100)}-{rng.randrange(1000, 10000)}"


def uuid():
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def iso():
    return f"2024-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}T{rng.randrange(24):02}:{rng.randrange(60):02}:{rng.randrange(60):02}.{rng.randrange(1000):03}Z"


def phone():
    return rng.choice([f"+1 317-555-{rng.randrange(10000):04}", f"(317) 555-{rng.randrange(10000):04}",
                       f"+44 20 7946 {rng.randrange(10000):04}", f"+62 812 {rng.randrange(10000):04} {rng.randrange(10000):04}",
                       f"+86 138 {rng.randrange(10000):04} {rng.randrange(10000):04}"])


WORDS = ["customer", "called", "about", "refund", "order", "shipping", "delayed", "prefers", "email", "callback",
         "escalated", "billing", "address", "updated", "account", "verified", "renewal", "premium", "plan", "support"]


def filler(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def note(planted):
    """Free text; `planted` collects (offset in note, kind) of real PII."""
    parts = [filler(rng.randrange(3, 9))]
    roll = rng.random()
    for _ in range(rng.randrange(0, 3)):
        parts.append(rng.choice([bad_card(), bad_ssn(), phone(), uuid(), iso(), str(rng.randrange(10**9, 10**12)),
                                 f"v{rng.randrange(10)}.{rng.randrange(30)}.{rng.randrange(100)}", f"{rng.randrange(1000)}.{rng.randrange(100):02}"]))
        parts.append(filler(rng.randrange(1, 4)))
    if roll < 0.0035:
        value, kind = (planted_card(), "creditCard") if roll < 0.0022 else (planted_ssn(), "ssn")
        prefix = " ".join(parts) + rng.choice([" card ", " ssn: ", " (", " on file "])
        planted.append((len(prefix.encode()), kind))
        return prefix + value + rng.choice([".", " ok", ")", ", thanks"])
    return " ".join(parts)


def record(index, planted):
    head = (f'{{"id":"c-{index:09}","uuid":"{uuid()}","createdAt":"{iso()}","updatedAt":{rng.randrange(1700000000000, 1760000000000)},'
            f'"orderId":"ORD-2024-{rng.randrange(10**8):08}","orderNumber":"{rng.randrange(100, 1000)}-{rng.randrange(10**7):07}-{rng.randrange(10**7):07}",'
            f'"phone":"{phone()}","amount":"{rng.randrange(100000) / 100:.2f}","app":"{rng.randrange(10)}.{rng.randrange(40)}.{rng.randrange(200)}",'
            f'"zip":"{rng.randrange(10000, 99999)}-{rng.randrange(10000):04}","traceId":"{rng.getrandbits(64):016x}","epochMicros":{rng.randrange(10**15, 2 * 10**15)},'
            f'"notes":"')
    local = []
    text = note(local)
    line = head + text + '"}\n'
    base = len(head.encode())
    return line, [(base + offset, kind) for offset, kind in local]


def main():
    out_path, size_mb, planted_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    target = int(size_mb * 1024 * 1024)
    written = 0
    index = 0
    counts = {"creditCard": 0, "ssn": 0}
    with open(out_path, "w", encoding="utf-8", buffering=1 << 22) as out, open(planted_path, "w") as manifest:
        while written < target:
            line, planted = record(index, [])
            for offset, kind in planted:
                manifest.write(f"{written + offset}\t{kind}\n")
                counts[kind] += 1
            out.write(line)
            written += len(line.encode())
            index += 1
    print(f"wrote {written} bytes, {index} records, planted {counts['creditCard']} cards and {counts['ssn']} SSNs", file=sys.stderr)


if __name__ == "__main__":
    main()
