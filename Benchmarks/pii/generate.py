#!/usr/bin/env python3
"""Generates a customer-data export corpus for the PII scanner benchmark.

Usage: generate.py OUT_DIR SIZE_MB PLANTED.tsv
       generate.py --million-cards OUT.csv COUNT

The corpus is a directory of the shapes real exports have, in proportion to SIZE_MB:
  export.ndjson      (~86 %) API records, notes with JSON escapes (\\n \\t \\r\\n \\u00a0 \\")
  contacts.json      (~3 %)  pretty-printed JSON array, phones as objects {display, e164, ...}
  contacts.csv       (~7 %)  quoted fields with commas, doubled quotes and line breaks
  transcripts.txt    (~4 %)  plain-text call transcripts

Every record is full of digit look-alikes: ISO timestamps, epoch milliseconds and microseconds,
UUIDs, order ids and numbers, phone numbers in five international formats, amounts, versions,
ZIP+4, hex ids; and the hard negatives the scanner must not report:
  - card numbers of every network with a broken Luhn digit, allocated prefixes at the wrong
    length, unallocated prefixes, valid cards inside 20+ digit runs or after a dashed prefix;
  - unissued and sample SSNs, `dddd-dd-dddd`;
  - spaced IBANs (valid mod-97) whose digit groups hold a Luhn- and issuer-valid 16-digit run;
  - national phone numbers without `+` in phone fields and columns (`4915...`, 13 digits,
    Luhn-valid: a Visa length) and E.164 numbers;
  - 19-digit Luhn-invalid numbers grouped 4-4-4-4-3 whose first 16 digits are a valid card.
About one record in 280 carries a planted card (every network, contiguous or grouped, often
right after a JSON escape) or SSN; PLANTED.tsv lists each as `file<TAB>byte offset<TAB>kind`.

--million-cards writes a CSV with COUNT distinct valid card numbers, one per line: the unmasked
backup the gate exists to catch, for the bounded-memory case.
"""
import json
import os
import random
import sys

rng = random.Random(20261130)


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


def luhn_ok(number):
    digits = [int(c) for c in number]
    return luhn_digit(digits[:-1]) == digits[-1]


NETWORKS = [("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15),
            ("6011", 16), ("644", 16), ("65", 16), ("3528", 16), ("3589", 16), ("36", 14), ("38", 14), ("300", 14),
            ("305", 14), ("62", 16), ("62", 19)]


def grouped(number, style=None):
    style = rng.randrange(3) if style is None else style
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


def nineteen_grouped_invalid():
    """4-4-4-4-3, Visa or UnionPay, 19 digits fail Luhn but the first 16 are a valid card."""
    while True:
        first16 = card(rng.choice(["4", "62"]), 16)
        tail = f"{rng.randrange(1000):03}"
        if not luhn_ok(first16 + tail):
            return grouped(first16 + tail, style=rng.choice([1, 2]))


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


def mod97(text):
    rearranged = text[4:] + text[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97


def iban():
    """A spaced IBAN (valid mod-97) whose BBAN holds a Luhn- and issuer-valid 16-digit run."""
    country = rng.choice(["ES", "DE", "FR", "IT", "NL", "PT"])
    bban = f"{rng.randrange(10000):04}" + card(rng.choice(["4", "51", "3037", "6011", "3528"]), 16)
    check = 98 - mod97(country + "00" + bban)
    compact = f"{country}{check:02}{bban}"
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def national_mobile():
    """13 digits starting 4915/4917 that pass Luhn: a Visa-13 look-alike."""
    return card(rng.choice(["4915", "4916", "4917", "4176"]), 13)


def uuid():
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def iso():
    return f"2024-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}T{rng.randrange(24):02}:{rng.randrange(60):02}:{rng.randrange(60):02}.{rng.randrange(1000):03}Z"


def phone():
    return rng.choice([f"+1 317-555-{rng.randrange(10000):04}", f"(317) 555-{rng.randrange(10000):04}",
                       f"+44 20 7946 {rng.randrange(10000):04}", f"+62 812 {rng.randrange(10000):04} {rng.randrange(10000):04}",
                       f"+86 138 {rng.randrange(10000):04} {rng.randrange(10000):04}", "+" + national_mobile()])


WORDS = ["customer", "called", "about", "refund", "order", "shipping", "delayed", "prefers", "email", "callback",
         "escalated", "billing", "address", "updated", "account", "verified", "renewal", "premium", "plan", "support"]
ESCAPES = ["\\n", "\\t", "\\r\\n", "\\u00a0", "\\n\\n", " \\\"", "\\t\\t"]
LEADS = [" card ", " ssn: ", " (", " on file ", " Card on file:\\n", " Visa\\t", "\\n", " paid with\\u00a0", " number \\\""]
TAILS = [".", " ok", ")", ", thanks", "\\n", "\\t exp 12/28", "\\\" confirmed", "\\u00a0ref"]


def filler(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def lookalike():
    return rng.choice([bad_card(), bad_card(), bad_ssn(), phone(), uuid(), iso(), str(rng.randrange(10**9, 10**12)),
                       f"v{rng.randrange(10)}.{rng.randrange(30)}.{rng.randrange(100)}", f"{rng.randrange(1000)}.{rng.randrange(100):02}",
                       iban(), nineteen_grouped_invalid()])


def note(planted, json_escapes):
    """Free text; `planted` collects (offset in note, kind) of real PII."""
    parts = [filler(rng.randrange(3, 9))]
    for _ in range(rng.randrange(0, 3)):
        if json_escapes and rng.random() < 0.5:
            parts.append(rng.choice(ESCAPES) + lookalike())
        else:
            parts.append(lookalike())
        parts.append(filler(rng.randrange(1, 4)))
    text = " ".join(parts)
    roll = rng.random()
    if roll < 0.0035:
        value, kind = (planted_card(), "creditCard") if roll < 0.0022 else (planted_ssn(), "ssn")
        lead = rng.choice(LEADS) if json_escapes else rng.choice([" card ", " ssn: ", " (", " on file "])
        tail = rng.choice(TAILS) if json_escapes else rng.choice([".", " ok", ")", ", thanks"])
        prefix = text + lead
        planted.append((len(prefix.encode()), kind))
        return prefix + value + tail
    return text


def ndjson_record(index, planted):
    head = (f'{{"id":"c-{index:09}","uuid":"{uuid()}","createdAt":"{iso()}","updatedAt":{rng.randrange(1700000000000, 1760000000000)},'
            f'"orderId":"ORD-2024-{rng.randrange(10**8):08}","orderNumber":"{rng.randrange(100, 1000)}-{rng.randrange(10**7):07}-{rng.randrange(10**7):07}",'
            f'"phone":"{national_mobile() if rng.random() < 0.3 else phone()}","mobile":"{national_mobile()}",'
            f'"iban":"{iban()}","amount":"{rng.randrange(100000) / 100:.2f}","app":"{rng.randrange(10)}.{rng.randrange(40)}.{rng.randrange(200)}",'
            f'"zip":"{rng.randrange(10000, 99999)}-{rng.randrange(10000):04}","traceId":"{rng.getrandbits(64):016x}","epochMicros":{rng.randrange(10**15, 2 * 10**15)},'
            f'"notes":"')
    local = []
    text = note(local, json_escapes=True)
    line = head + text + '"}\n'
    base = len(head.encode())
    return line, [(base + offset, kind) for offset, kind in local]


def json_contact(index, planted_local):
    """One pretty-printed contact; phones are objects, as the newer wire model has them."""
    mobile = national_mobile()
    text_notes = []
    notes = note(text_notes, json_escapes=True)
    body = (
        '  {\n'
        f'    "id": "{uuid()}",\n'
        f'    "firstName": "{rng.choice(["Olivia", "Liam", "Noah", "Emma"])}",\n'
        f'    "cellPhone": {{\n'
        f'      "display": "{mobile[:4]} {mobile[4:]}",\n'
        f'      "e164": "+{mobile}",\n'
        f'      "countryCode": "{mobile[:2]}",\n'
        f'      "userInput": "{mobile}",\n'
        f'      "acceptsSMS": true\n'
        '    },\n'
        f'    "iban": "{iban()}",\n'
        f'    "modifyDate": "{iso()}",\n'
        '    "notes": "'
    )
    for offset, kind in text_notes:
        planted_local.append((len(body.encode()) + offset, kind))
    return body + notes + '"\n  }'


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def csv_record(index, planted_local):
    mobile = national_mobile()
    parts = [f"{index}", csv_field(rng.choice(["Ann", "Bo, Jr", 'Cy "the" Dee'])), mobile, csv_field(iban())]
    prefix = ",".join(parts) + ","
    local = []
    text = note(local, json_escapes=False)
    if rng.random() < 0.3:
        text = text.replace(" ", "\n", 1)  # a quoted field spanning lines
    quoted = csv_field(text)
    # Offsets move by one for the opening quote and by one per doubled quote before them.
    for offset, kind in local:
        shift = 1 + text.encode()[:offset].count(b'"')
        planted_local.append((len(prefix.encode()) + shift + offset, kind))
    return prefix + quoted + "\n"


def transcript_line(planted_local):
    speaker = rng.choice(["Agent", "Customer"])
    prefix = f"[{iso()}] {speaker}: "
    local = []
    text = note(local, json_escapes=False)
    for offset, kind in local:
        planted_local.append((len(prefix.encode()) + offset, kind))
    return prefix + text + "\n"


class Writer:
    def __init__(self, directory, name, manifest):
        self.name = name
        self.out = open(os.path.join(directory, name), "w", encoding="utf-8", buffering=1 << 22)
        self.written = 0
        self.manifest = manifest

    def write(self, text, planted=()):
        for offset, kind in planted:
            self.manifest.write(f"{self.name}\t{self.written + offset}\t{kind}\n")
        self.out.write(text)
        self.written += len(text.encode())


def corpus(directory, size_mb, planted_path):
    target = int(size_mb * 1024 * 1024)
    os.makedirs(directory, exist_ok=True)
    with open(planted_path, "w") as manifest:
        ndjson = Writer(directory, "export.ndjson", manifest)
        index = 0
        while ndjson.written < target * 0.86:
            line, planted = ndjson_record(index, [])
            ndjson.write(line, planted)
            index += 1
        pretty = Writer(directory, "contacts.json", manifest)
        pretty.write("[\n")
        first = True
        while pretty.written < target * 0.03:
            local = []
            body = json_contact(index, local)
            pretty.write(("" if first else ",\n"), ())
            pretty.write(body, local)
            first = False
            index += 1
        pretty.write("\n]\n")
        csv = Writer(directory, "contacts.csv", manifest)
        csv.write("id,name,mobile,iban,notes\n")
        while csv.written < target * 0.07:
            local = []
            csv.write(csv_record(index, local), local)
            index += 1
        text = Writer(directory, "transcripts.txt", manifest)
        while text.written < target * 0.04:
            local = []
            text.write(transcript_line(local), local)
        for w in (ndjson, pretty, csv, text):
            w.out.close()
    print(f"wrote {directory}: {index} records", file=sys.stderr)


def million_cards(path, count):
    seen = set()
    with open(path, "w", buffering=1 << 22) as out:
        out.write("id,card\n")
        while len(seen) < count:
            value = card(rng.choice(["4", "51", "55", "2221", "6011", "3528", "62"]), 16)
            if value in seen:
                continue
            seen.add(value)
            out.write(f"{len(seen)},{value}\n")


if __name__ == "__main__":
    if sys.argv[1] == "--million-cards":
        million_cards(sys.argv[2], int(sys.argv[3]))
    else:
        corpus(sys.argv[1], float(sys.argv[2]), sys.argv[3])
