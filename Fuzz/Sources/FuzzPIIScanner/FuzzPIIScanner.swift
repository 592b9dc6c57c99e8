import Crypto
import FuzzSupport
import PIIScanner

// Bytes -> the streaming PII scanner (FileScanner over an in-memory ByteSource), in every
// export format, plus the maskers built on the same detectors.
//
// Input: the first byte chooses the options, the rest is the export.
//   bits 0-1: format hint: none (content decides), .json, .ndjson, .csv
//   bit 2:    also run user patterns (an email regex and an SSN-like regex that overlaps the
//             built-in detector), exercising the line pass and overlap resolution
//   bits 3-7: chunk size of the streamed re-scan (1 byte up to 3 KB)
//
// Properties besides "no crash":
// - every finding lies inside the input, its line is 1 + the newlines before its offset, and a
//   built-in finding's bytes have the shape of its detector (13-19 card digits or a dashed
//   SSN, separators inside only) and its masked form shows at most ten digits;
// - the result does not depend on how the input is read: a tiny chunk size, or two parallel
//   workers, find exactly what one pass over the whole buffer finds (same offsets, lengths,
//   lines, detectors, masked forms and fingerprints), which is also what DigitScanner finds;
// - with user patterns, every built-in finding survives overlap resolution;
// - PIIMasker.scrub leaves nothing the scanner would find, and a tokenized free-text value
//   contains no detectable card or SSN ("a card or SSN that appears by chance is broken").

let key = SymmetricKey(data: Array(repeating: UInt8(7), count: 32))
let factory = FindingFactory(key: key)
let hints = ["export", "export.json", "export.ndjson", "export.csv"]
let patterns = try! CustomPatternSet([
    (name: "email", regex: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
    (name: "ssnLike", regex: "[0-9]{3}-[0-9]{2}-[0-9]{4}"),
])
let masker = PIIMasker(maskPii: true, rules: [], key: MaskingKey(secret: "fuzz"))

struct Key: Hashable {
    var offset: Int, length: Int, line: Int?, detector: PIIDetector, masked: String, fingerprint: String
    init(_ f: Finding) {
        offset = f.offset; length = f.length; line = f.line; detector = f.detector; masked = f.masked; fingerprint = f.fingerprint
    }
}

func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

func checkShape(_ f: Finding, _ bytes: [UInt8], newlinesBefore: (Int) -> Int) {
    Fuzz.check(f.offset >= 0 && f.length > 0 && f.offset + f.length <= bytes.count,
               "finding \(f.summary) length \(f.length) outside \(bytes.count) bytes")
    Fuzz.check(f.line == newlinesBefore(f.offset) + 1, "finding \(f.summary) on line \(f.line ?? -1), expected \(newlinesBefore(f.offset) + 1)")
    let value = bytes[f.offset..<(f.offset + f.length)]
    let digits = value.filter(isDigit)
    switch f.detector {
    case .creditCard:
        Fuzz.check((13...19).contains(digits.count), "card finding with \(digits.count) digits")
        Fuzz.check(value.allSatisfy { isDigit($0) || $0 == 0x20 || $0 == 0x2D } && isDigit(value.first!) && isDigit(value.last!),
                   "card finding with stray bytes: \(f.summary)")
        Fuzz.check(f.masked.filter(\.isNumber).count <= 10, "card masked form shows too much: \(f.masked)")
    case .ssn:
        Fuzz.check(digits.count == 9 && value.count == 11 && value[f.offset + 3] == 0x2D && value[f.offset + 6] == 0x2D,
                   "SSN finding of the wrong shape: \(f.summary)")
        Fuzz.check(f.masked == "***-**-****", "SSN masked form shows digits: \(f.masked)")
    case .custom:
        break
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let hint = hints[Int(selector & 3)]
    let withPatterns = selector & 4 != 0
    let step = Int(selector >> 3)
    let chunk = 1 + step * step * 3

    var newlinePrefix = [Int](repeating: 0, count: bytes.count + 1)
    for (i, b) in bytes.enumerated() { newlinePrefix[i + 1] = newlinePrefix[i] + (b == 0x0A ? 1 : 0) }
    let newlinesBefore = { (offset: Int) in newlinePrefix[offset] }

    let source = MemoryByteSource(bytes)
    let whole = FileScanner(options: ScanOptions(), factory: factory).scan(source, name: "export", formatHint: hint)
    for finding in whole.findings { checkShape(finding, bytes, newlinesBefore: newlinesBefore) }
    let reference = whole.findings.map(Key.init)

    // The file scanner adds context to the raw digit scan (IBANs, phone fields, E.164): it may
    // drop a raw match, never invent one, and never move one.
    let direct = Set(DigitScanner().matches(in: bytes.withUnsafeBufferPointer { $0 }).map { [$0.start, $0.end] })
    let builtIn = whole.findings.filter { $0.detector == .creditCard || $0.detector == .ssn }.map { [$0.offset, $0.offset + $0.length] }
    Fuzz.check(builtIn.allSatisfy(direct.contains),
               "FileScanner reports a card or SSN the digit scanner does not: \(direct) vs \(whole.findings.map(\.summary))")

    let streamed = FileScanner(options: ScanOptions(chunkSize: chunk), factory: factory).scan(source, name: "export", formatHint: hint)
    Fuzz.check(streamed.findings.map(Key.init) == reference,
               "chunk size \(chunk) changed the findings: \(streamed.findings.map(\.summary)) vs \(whole.findings.map(\.summary))")

    let parallel = FileScanner(options: ScanOptions(chunkSize: max(chunk, 16), jobs: 2, parallelThreshold: 0), factory: factory)
        .scan(source, name: "export", formatHint: hint)
    Fuzz.check(parallel.findings.map(Key.init) == reference,
               "two workers changed the findings: \(parallel.findings.map(\.summary)) vs \(whole.findings.map(\.summary))")

    if withPatterns {
        let options = ScanOptions(patterns: patterns, chunkSize: chunk)
        let report = FileScanner(options: options, factory: factory).scan(source, name: "export", formatHint: hint)
        for finding in report.findings { checkShape(finding, bytes, newlinesBefore: newlinesBefore) }
        let kept = Set(report.findings.map(Key.init))
        Fuzz.check(reference.allSatisfy(kept.contains), "overlap resolution dropped a built-in finding")
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let records = RecordScanner(options: options, factory: factory).scan(source: "contacts", record: "c1", field: "notes", value: text)
        let count = text.utf8.count
        for finding in records { Fuzz.check(finding.offset >= 0 && finding.offset + finding.length <= count, "record finding outside the value") }
    }

    // Maskers, on the text as a field value (bounded: tokenizing is per character).
    let text = String(decoding: bytes.prefix(2048), as: UTF8.self)
    let scrubbed = masker.scrub(text)
    let left = DigitScanner().matches(in: scrubbed)
    Fuzz.check(left.isEmpty, "scrub left \(left.count) finding(s): \(left)")
    for line in text.split(separator: "\n").prefix(8) where line.count <= 256 {
        let value = String(line)
        let token = masker.apply(.tokenize, to: value)
        _ = masker.apply(.partial(keepFirst: 2, keepLast: 4), to: value)
        _ = masker.apply(.hash, to: value)
        let isText = !value.contains { $0.isNumber } || value.contains { $0.isLetter }
        if isText, !value.contains("@") {
            let found = DigitScanner().matches(in: token)
            Fuzz.check(found.isEmpty, "a tokenized text value contains a detectable \(found.map(\.detector.name)): '\(value)' -> '\(token)'")
        }
    }
    return 0
}

#if FUZZING
/// The entry point SwiftPM links for this executable (see `Fuzz.runDriver`).
@_cdecl("FuzzPIIScanner_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
#else
@main struct Replay {
    static func main() { Fuzz.replay("FuzzPIIScanner", fuzz) }
}
#endif
