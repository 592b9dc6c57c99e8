#!/usr/bin/env python3
"""Writes the committed seed corpus under Fuzz/Corpus/<Target>/ from the repository's plans,
the loader's hostile fixtures and a few hand-written inputs. Deterministic: rerun it after
changing a seed here, and commit the result. Files are named by content (sha1, like libFuzzer)."""
import hashlib
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def write(target, items):
    directory = os.path.join(CORPUS, target)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for name, data in items:
        if isinstance(data, str):
            data = data.encode()
        digest = hashlib.sha1(data).hexdigest()[:12]
        with open(os.path.join(directory, f"{name}-{digest}"), "wb") as f:
            f.write(data)
    print(f"{target}: {len(items)} seeds")


specs = {name: read(f"specs/{name}") for name in sorted(os.listdir(os.path.join(ROOT, "specs")))}
fixtures_dir = "Tests/RefreshPlanTests/Fixtures"
fixtures = {name: read(f"{fixtures_dir}/{name}") for name in sorted(os.listdir(os.path.join(ROOT, fixtures_dir)))
            if os.path.getsize(os.path.join(ROOT, fixtures_dir, name)) <= 4096}

hostile_yaml = {
    "anchors": "base: &b {a: 1, b: [x, y]}\nother: *b\nlist: [*b, *b]\n",
    "tags": "i: !!int 12\ns: !!str 12\nf: !!float 1\nb: !!bool true\nn: !!null ~\nbad: !!int x\nm: !!map {a: 1}\nq: !<tag:yaml.org,2002:str> z\n",
    "unknown-tag": "a: !custom 1\n",
    "scalars": "plain: 0o17\nhex: 0x1F\nneg: -12\nexp: 1.5e3\ninf: -.inf\nnan: .NaN\nyes: yes\ntime: 1:30\nlead: 012\nquoted: \"a\\tb\\u263A\"\nsingle: 'it''s'\n",
    "block": "lit: |\n  line one\n  line two\nfold: >-\n  folded\n  text\nkeep: |+\n  kept\n\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "nel-ls-ps": b"a: 1\xc2\x85b: 2\xe2\x80\xa8c: 3\xe2\x80\xa9",
    "bom": "\ufeffa: 1\n",
    "tabs": "a:\n\tb: 1\n",
    "flow": "{a: [1, 2, {b: c}], d: {e: [f, g]}, 'h': \"i\"}\n",
    "complex-key": "? [a, b]\n: c\n",
    "dup": "a: 1\nb: 2\na: 3\n",
    "multi": "a: 1\n---\nb: 2\n...\n",
    "directive": "%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "alias-undefined": "a: *nope\n",
    "deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
    "unterminated": "a: \"open\nb: 1",
    "invalid-utf8": b"a: \xff\xfe\x80\n",
    "nul": b"a: b\x00c\n",
    "merge-key": "base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n",
    "empty-values": "a:\nb: ~\nc: ''\nd: []\ne: {}\n",
}

write("FuzzYAMLDocument",
      [(f"spec-{n}", d) for n, d in specs.items()]
      + [(f"fixture-{n}", d) for n, d in fixtures.items()]
      + [(n, d) for n, d in hostile_yaml.items()])

# Plans: `#@file NAME` starts another in-memory file (see FuzzPlanDecoding.swift).
base = specs["base.yaml"]
plans = [(f"spec-{n}", d + (b"" if n == "base.yaml" else b"\n#@file base.yaml\n" + base)) for n, d in specs.items()]
plans += [(f"fixture-{n}", d) for n, d in fixtures.items()]
minimal = """version: 1
name: minimal
production:
  region: mypurecloud.com
  credentials: {clientId: "${env:PROD_ID}", clientSecret: "${env:PROD_SECRET}"}
sandbox:
  id: sandbox-dev-01
  credentials: {clientId: "${env:DEV_ID}", clientSecret: "${env:DEV_SECRET}"}
refresh:
  scope: [ARCHITECT, ROUTING]
  preserveSandboxUsers: true
"""
plans += [
    ("minimal", minimal),
    ("literal-secret", minimal.replace('"${env:PROD_SECRET}"', "hunter2-literal-9x")),
    ("literal-secret-folded", minimal.replace('clientSecret: "${env:DEV_SECRET}"}', "clientSecret: s3cretPart1\n    s3cretPart2, extra: 1}")),
    ("literal-secret-block", minimal.replace('  credentials: {clientId: "${env:DEV_ID}", clientSecret: "${env:DEV_SECRET}"}',
                                             "  credentials:\n    clientId: abc\n    clientSecret: |\n      multiLineSecret42\n      secondLine77\n")),
    ("bad-interpolation", minimal.replace("${env:PROD_SECRET}", "${env:PROD SECRET}x")),
    ("unset-env", minimal.replace("PROD_SECRET", "NOT_SET_ANYWHERE")),
    ("file-secret", minimal.replace("${env:DEV_SECRET}", "${file:/run/secrets/genesys-audit-client-secret}")),
    ("missing-file-secret", minimal.replace("${env:DEV_SECRET}", "${file:/nope}")),
    ("api-base", minimal.replace("region: mypurecloud.com", "region: mypurecloud.com\n  apiBase: http://user:pw@example.com")),
    ("api-base-loopback", minimal.replace("region: mypurecloud.com", "apiBase: http://127.0.0.1:8080")),
    ("all-scope", minimal.replace("scope: [ARCHITECT, ROUTING]", "scope: ALL\n  preClearSessions: false")),
    ("typos", minimal.replace("refresh:", "refersh:").replace("scope:", "scop:")),
    ("durations", minimal + "  maxWait: 90m\n  polling: {initialInterval: 1s, multiplier: 0.5, maxInterval: 10ms, jitter: none}\n  retry: {maxAttempts: 0, on: [200, 429, network]}\n  circuitBreaker: {consecutive503: -1, pause: 1h30m}\n"),
    ("schedule-cron", minimal + "schedule: {cron: \"*/15 0-6 1,15 * MON-FRI\", timezone: Mars/Olympus}\n"),
    ("schedule-bad", minimal + "schedule: \"61 25 32 13 8\"\n"),
    ("pii-gate", minimal + "gates:\n  piiScan:\n    sources: [externalContacts]\n    detectors: [creditCard, ssn, iban, nope]\n    patterns:\n      - {name: iban, regex: \"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\"}\n      - {name: broken, regex: \"([\"}\n    failOn: any\n"),
    ("masking", minimal + "masking:\n  maskPii: true\n  hashKey: literal-hash-key-123\n  rules:\n    - {match: {object: externalContact, field: cellPhone}, action: {partial: {keepLast: 4, keepFirst: -2}}}\n    - {match: {dataTable: \"Cust*\"}, action: tokenize}\n"),
    ("notify", minimal + "notify:\n  onFailure: {webhook: \"http://hooks.example.com/x\"}\n"),
    ("notify-credentials", minimal + "notify:\n  onFailure: {webhook: \"https://user:tokenABC123@hooks.example.com/x\"}\n"),
    ("expansion", minimal + "dependencyScan: {compare: [queues, flows], onDrift: expand-scope}\nscopeExpansion:\n  - {when: missing-routing-reference, add: [ROUTING, ARCHITECT], maxTimes: 3}\n  - {when: drift, add: [ADMIN]}\n"),
    ("lock", minimal + "lock: {staleAfter: 0s, onForeignRefresh: abort-if-stale, waitTimeout: 5h}\n"),
    ("abstract", "version: 1\nname: b\nabstract: true\nrefresh: {maxWait: 1h}\n"),
    ("extends-chain", "extends: a.yaml\nname: c\n#@file a.yaml\nextends: sub/b.yaml\nversion: 1\n#@file sub/b.yaml\nabstract: true\nextends: ../a.yaml\n"),
    ("extends-missing", "extends: ../../etc/passwd\nname: x\n"),
    ("extends-bad", "extends: \"${env:X}\"\n"),
    ("version", "version: 2\nname: \"\"\n"),
]
# Regression seeds: inputs that once broke a property (see the tests named in the comments).
plans += [
    # SecretTests.literalSecretFoldedOverSeveralLinesIsMaskedOnEveryLine
    ("regression-folded-secret-plain", minimal.replace('clientSecret: "${env:DEV_SECRET}"}', "clientSecret: foldedSecret1\n    foldedSecret2, extra: 1}")),
    # SecretTests.literalSecretIsMaskedAfterALineBreakOnlyYAMLCounts (NEL: a line break to libyaml)
    ("regression-nel-line-numbers", minimal.replace("name: minimal", "name: \"nightly\u0085sync\"").replace(
        "  id: sandbox-dev-01\n  credentials: {clientId: \"${env:DEV_ID}\", clientSecret: \"${env:DEV_SECRET}\"}",
        "  id: \"bad id!\"\n  credentials: {clientId: \"${env:DEV_ID}\", clientSecret: hunter2-very-secret}")),
    ("regression-folded-secret-quoted", minimal.replace('clientSecret: "${env:DEV_SECRET}"}', "clientSecret: 'foldedSecret1\n\n    foldedSecret2\n\n    foldedSecret3', extra: 1}")),
]
write("FuzzPlanDecoding", plans)

# PII: first byte = options (bits 0-1 format hint, bit 2 user patterns, bits 3-7 chunk size).
def pii(selector, text):
    return bytes([selector]) + (text.encode() if isinstance(text, str) else text)

csv = ('id,name,notes,ssn\n1,"Ann","card 4111 1111 1111 1111 exp 12/28",536-22-1234\n'
       '2,"Bob, Jr","amex 3782-822463-10005 and 5555555555554444",\n3,Eve,"uuid 550e8400-e29b-41d4-a716-446655440000 v1.2.3 +1 317-555-0123",078-05-1120\n')
json_export = ('[{"id": 1, "notes": "card 4111111111111111", "cellPhone": "+1 317-555-0123"},\n'
               ' {"id": 2, "ssn": "536-22-1234", "at": "2024-03-15T10:22:33Z", "email": "ann@example.com"},\n'
               ' {"id": 3, "nested": {"k\\"ey": "6011 0009 9013 9424"}, "epoch": 1710498153000}]\n')
ndjson = "".join(['{"id":1,"notes":"card 4111 1111 1111 1111"}\n', '{"id":2,"ssn":"536-22-1234","at":"2024-03-15T10:22:33Z"}\n',
                  '{"id":3,"order":"1000003","phone":"+1 317-555-0123"}\n', '{"id":4,"diners":"3056 930902 5904","jcb":"3530111333300000"}\n'])
text = ("ssn 536-22-1234\naccount ACCT-12345\ncard 4111 1111 1111 1111\n"
        "not a card 4111111111111112 or 12345678901234567890\ndate 2024-03-15 time 10:22:33 ip 10.0.0.1 ver 1.2.3.4\n"
        "visa13 4222222222222 discover 6011111111111117 unionpay 6200000000000005\n")
pii_seeds = [
    ("csv", pii(3 | 4 | (2 << 3), csv)),
    ("csv-tiny-chunks", pii(3, csv)),
    ("json", pii(1 | (5 << 3), json_export)),
    ("json-sniffed", pii(0 | 4 | (9 << 3), json_export)),
    ("ndjson", pii(2 | (1 << 3), ndjson)),
    ("ndjson-patterns", pii(2 | 4 | (31 << 3), ndjson)),
    ("text", pii(0 | (3 << 3), text)),
    ("text-patterns", pii(0 | 4 | (7 << 3), text)),
    ("long-run", pii(0 | (4 << 3), "a " + "4111111111111111" * 12 + " b\n")),
    ("boundary", pii(0 | (1 << 3), "x " * 40 + "4111-1111-1111-1111 tail\n" + "y" * 63 + " 536-22-1234\n")),
    ("uuid", pii(0, "id 1234-5678-1234-5678-123456789012 and 550e8400-4111-1111-1111-111111111111\n")),
    ("grouped", pii(0 | (2 << 3), "4111 1111 1111 1111 123\n3782 822463 10005\n3056 930902 5904\n5555-5555-5555-4444-1\n")),
    ("binary", pii(0x55, bytes(range(256)) + b"4111111111111111\x00536-22-1234\xff")),
    ("crlf", pii(3, "a,b\r\n4111111111111111,536-22-1234\r\n")),
    ("tokenize-lines", pii(0, "call me at (317) 555-0123\nssn 536-22-1234 card 4111111111111111 x\nMüller 4111 1111 1111 1111 Straße\n")),
]
pii_seeds += [
    # StreamingScannerTests.customPatternOffsetsStayRawByteOffsetsAfterInvalidUTF8
    ("regression-invalid-utf8-pattern", pii(4, b"\xff\xfe ann@example.com 536-22-1234\n\xc3\x28 \xe2\x82 bob@example.org")),
    # StreamingScannerTests.twoWorkersCountEachNewlineOnceWhereverTheCutFalls (as found)
    ("regression-parallel-newline", b'\x03id,name,n[{"id": 1, "notes"5-0123"},\n {"id": 2, "ssn": "536-22-123m"},\n {"id36-22-123m"},\n {"id": 3, "nested": {"k\\"eyotes,ssn\n305693099259044111 1109 1111 1111 exp 12/28",536-22-1234\n2,"Bob, Jr1d4-a716-446655440000 v1.2.2 +1 317-555-0123",078-05-1120\n'),
    # MaskingActionTests.tokenizedTextNeverKeepsADetectableCardOrSSN (the fuzzer's input as found)
    ("regression-tokenizer-rebreak", b'\x00id 14222222222222234-5678-1234-5878-123456789031 and 55xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxRanxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0e84\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\x104111 1111 1111 1111 123\n3782 8224655-4444-1\n\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe200-34-4111-1111-1111-111111111111\n'),
]
write("FuzzPIIScanner", pii_seeds)

# Emulator sessions (see FuzzEmulatorRequests.swift for the encoding).
def session(*requests):
    return "\n===\n".join(requests) + "\n"

sessions = [
    ("login", session("POST /oauth/token\nAuthorization: $PROD_BASIC\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials")),
    ("login-bad", session("POST /oauth/token\nAuthorization: Basic Zm9vOmJhcg==\n\ngrant_type=client_credentials",
                          "POST /oauth/token\nAuthorization: $SBX_BASIC\n\ngrant_type=password&x=%41+b",
                          "GET /oauth/token\nAuthorization: $SBX_BASIC")),
    ("listings", session("GET /api/v2/routing/queues?pageSize=3&pageNumber=2\nAuthorization: Bearer $PROD_TOKEN",
                         "GET /api/v2/routing/skills\nAuthorization: Bearer $SBX_TOKEN",
                         "GET /api/v2/flows?pageSize=500\nAuthorization: Bearer $PROD_TOKEN",
                         "GET /api/v2/flows/datatables\nAuthorization: Bearer $PROD_TOKEN",
                         "GET /api/v2/externalcontacts/contacts?pageNumber=0\nAuthorization: Bearer $PROD_TOKEN",
                         "GET /api/v2/telephony/providers/edges/trunks?pageSize=x\nAuthorization: Bearer $PROD_TOKEN",
                         "GET /api/v2/users?pageSize=501\nAuthorization: Bearer $USER_TOKEN")),
    ("rows", session("GET /api/v2/flows/datatables/$TABLE/rows?showbrief=false&pageSize=2\nAuthorization: Bearer $PROD_TOKEN",
                     "GET /api/v2/flows/datatables/nope/rows\nAuthorization: Bearer $PROD_TOKEN")),
    ("refresh-lifecycle", session(
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\nContent-Type: application/json\n\n"
        '{"scope": "ARCHITECT,ROUTING", "description": "pipeline 42", "preserveSandboxUsers": true}',
        "GET /api/v2/sandboxes/$SBX/refreshes/$LAST\nAuthorization: Bearer $SBX_TOKEN",
        "@advance 120\nGET /api/v2/sandboxes/$SBX/refreshes/$LAST\nAuthorization: Bearer $PROD_TOKEN",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"ALL\"}",
        "DELETE /api/v2/sandboxes/$SBX/refreshes/$LAST\nAuthorization: Bearer $SBX_TOKEN",
        "@advance 7200\nGET /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN")),
    ("refresh-masking", session(
        "POST /api/v2/sandboxes/$QA/refreshes\nAuthorization: Bearer $PROD_TOKEN\n\n"
        '{"scope": "ALL", "maskPii": true, "maskingRules": [{"object": "externalContact", "field": "cellPhone", "action": "partial", "keepLast": 4}, '
        '{"dataTable": "*", "column": "ssn", "action": "tokenize"}, {"field": "*Email", "action": "hash"}]}',
        "@advance 100000\nGET /api/v2/sandboxes/$QA/refreshes/$LAST\nAuthorization: Bearer $QA_TOKEN",
        "GET /api/v2/externalcontacts/contacts?pageSize=5\nAuthorization: Bearer $QA_TOKEN")),
    ("refresh-bad", session(
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"ADMIN\"}",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"\"}",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"BOGUS\"}",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\nnot json",
        "POST /api/v2/sandboxes/$QA/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"ALL\"}",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $LIMITED_TOKEN\n\n{\"scope\": \"ALL\"}",
        "GET /api/v2/sandboxes/$SBX/refreshes/nope\nAuthorization: Bearer $SBX_TOKEN")),
    ("validate", session(
        "POST /api/v2/architect/flows/validate\nAuthorization: Bearer $PROD_TOKEN\n\n{}",
        "POST /api/v2/architect/flows/validate\nAuthorization: Bearer $SBX_TOKEN\n\n{\"flowIds\": [\"$FLOW\", \"missing\"], \"validateReferences\": false}")),
    ("tokens", session("GET /api/v2/tokens/me\nAuthorization: Bearer $USER_TOKEN",
                       "DELETE /api/v2/tokens/$USER\nAuthorization: Bearer $PROD_TOKEN",
                       "DELETE /api/v2/tokens/me\nAuthorization: Bearer $SBX_TOKEN",
                       "GET /api/v2/tokens/me\nAuthorization: Bearer $SBX_TOKEN",
                       "GET /api/v2/tokens/me\nAuthorization: bearer   ",
                       "GET /api/v2/tokens/me")),
    ("paging-edges", session("GET /api/v2/routing/queues?pageSize=25&pageNumber=4000\nAuthorization: Bearer $PROD_TOKEN",
                             "GET /api/v2/flows/datatables/$TABLE/rows?pageNumber=12&pageSize=499\nAuthorization: Bearer $SBX_TOKEN",
                             "GET /api/v2/users?pageSize=1&pageNumber=1\nAuthorization: Bearer $PROD_TOKEN")),
    ("login-form", session("POST /oauth/token\nAuthorization: $PROD_BASIC\nContent-Type: application/x-www-form-urlencoded\n\n"
                           "grant_type=client_credentials&scope=sandbox%3Arefresh&audience=&x")),
    ("control", session("GET /emulator/organizations", "GET /emulator/submissions?sandboxId=$SBX", "GET /emulator/submissions",
                        "GET /emulator/clock", "POST /emulator/clock", "GET /emulator/nope")),
    ("weird", session("PATCH /api/v2//routing//queues/?pageSize=1#frag\nAuthorization: Bearer $PROD_TOKEN",
                      "BREW /coffee", "GET http://other.host/api/v2/routing/queues", "GET /%2e%2e/api/v2/users?%zz=1",
                      "PUT /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN")),
]
for preset in range(1, 6):
    sessions.append((f"faults-{preset}", session(
        f"@faults {preset}\nGET /api/v2/routing/queues\nAuthorization: Bearer $PROD_TOKEN",
        "POST /api/v2/sandboxes/$SBX/refreshes\nAuthorization: Bearer $SBX_TOKEN\n\n{\"scope\": \"ARCHITECT\"}",
        "@advance 45\nGET /api/v2/sandboxes/$SBX/refreshes/$LAST\nAuthorization: Bearer $SBX_TOKEN",
        "@advance 700\nGET /api/v2/sandboxes/$QA/refreshes\nAuthorization: Bearer $PROD_TOKEN",
        "GET /api/v2/routing/skills\nAuthorization: Bearer $PROD_TOKEN")))
write("FuzzEmulatorRequests", sessions)
