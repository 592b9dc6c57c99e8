import Foundation

/// Scans exports and backups (JSON, NDJSON, CSV, plain text) for PII with constant memory.
///
/// Built-in detectors run in the byte scanner, format-aware: in JSON and NDJSON the characters
/// around a candidate are read through string escapes and a finding's field is its key path;
/// in CSV it is the column under the header, across quoted fields that span lines. A large file
/// is cut into `jobs` ranges at bytes that no finding can contain (anything but a digit, space
/// or dash) and the ranges are scanned on separate threads. User patterns, if any, run in a
/// second, line-by-line pass; a pattern match that overlaps a built-in finding is dropped (the
/// built-in is more specific). Whatever the number of findings, the report keeps the first
/// `detailLimit` with positions and counts the rest.
public struct FileScanner: Sendable {
    public var options: ScanOptions
    public var factory: FindingFactory

    public init(options: ScanOptions = ScanOptions(), factory: FindingFactory = FindingFactory()) {
        self.options = options
        self.factory = factory
    }

    public func scan(path: String) throws(ScanError) -> ScanReport {
        try scan(FileByteSource(path: path), name: path, formatHint: path)
    }

    /// `formatHint` is a file name whose extension names the format (else the content decides).
    public func scan(_ source: any ByteSource, name: String, formatHint: String = "") -> ScanReport {
        let head = readHead(source)
        let format = ExportFormat.detect(path: formatHint, head: head)
        let header = format == .csv ? FieldLocator.parseHeader(Array(head.prefix { $0 != ByteClass.newline })) : []
        let locator = FieldLocator(format: format, header: header)
        var digits = options.digitScanner
        digits.escapes = format == .json || format == .ndjson
        let segment = SegmentScanner(source: source, scanner: digits, locator: locator, factory: factory, name: name,
                                     chunkSize: options.chunkSize, detailLimit: options.detailLimit)

        var report = ScanReport(sources: [name], bytesScanned: source.size, detailLimit: options.detailLimit)
        if digits.isEnabled {
            let outcomes = ParallelRunner.map(ranges(source)) { range in
                let quoted = format == .csv && range.lowerBound > 0 ? Self.insideQuotes(source, at: range.lowerBound) : false
                return segment.scan(start: range.lowerBound, end: range.upperBound, quotedAtStart: quoted)
            }
            var linesBefore = 0
            var columnCarry = 0
            for outcome in outcomes {
                var part = outcome.report
                for index in part.findings.indices {
                    // A range's first line began in the range before it.
                    if part.findings[index].line == 1 { part.findings[index].column = (part.findings[index].column ?? 1) + columnCarry }
                    part.findings[index].line = (part.findings[index].line ?? 1) + linesBefore
                }
                report.absorb(part)
                columnCarry = outcome.newlines > 0 ? outcome.endColumn : columnCarry + outcome.endColumn
                linesBefore += outcome.newlines
            }
        }
        if !options.patterns.isEmpty {
            var custom = ScanReport(detailLimit: options.detailLimit)
            let scanner = LinePatternScanner(source: source, patterns: options.patterns, locator: locator, factory: factory, name: name)
            scanner.scan { lineFindings in
                let kept = lineFindings.filter { !overlapsBuiltIn($0, source: source, scanner: digits, locator: locator) }
                for finding in OverlapResolver.resolve(kept) { custom.add(finding) }
            }
            report.interleave(custom)
        }
        for index in report.findings.indices { report.findings[index].record = report.findings[index].line.map { "line \($0)" } }
        return report
    }

    /// Whether a user-pattern match overlaps a built-in finding, judged on a window around it
    /// with the same context rules as the main pass (bounded, so a million pattern matches
    /// cost a million small reads, not a list of every built-in finding).
    private func overlapsBuiltIn(_ finding: Finding, source: any ByteSource, scanner: DigitScanner, locator: FieldLocator) -> Bool {
        guard scanner.isEnabled else { return false }
        let lookback = 512, reach = 24
        let windowStart = max(0, finding.offset - lookback)
        let windowEnd = min(source.size, finding.offset + finding.length + DigitScanner.lookahead + reach)
        var window = [UInt8](repeating: 0, count: windowEnd - windowStart)
        let n = window.withUnsafeMutableBytes { source.read(at: windowStart, into: $0) }
        return window.prefix(n).withUnsafeBufferPointer { bytes -> Bool in
            let from = max(0, finding.offset - windowStart - reach)
            let limit = min(bytes.count, finding.offset - windowStart + finding.length)
            var overlaps = false
            scanner.scan(bytes, from: from, limit: limit) { match in
                guard match.start + windowStart < finding.offset + finding.length, match.end + windowStart > finding.offset else { return }
                let lineStart = NewlineCounter.lineStart(bytes, before: match.start, floor: 0)
                if match.detector == .creditCard, locator.namesPhone(bytes, lineStart: lineStart, position: match.start) { return }
                overlaps = true
            }
            return overlaps
        }
    }

    /// CSV: whether `offset` is inside a quoted field (odd number of quotes before it). Only
    /// needed where a second worker starts; it reads at memory speed.
    static func insideQuotes(_ source: any ByteSource, at offset: Int) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var position = 0
        var quotes = 0
        while position < offset {
            let want = min(buffer.count, offset - position)
            let n = buffer.withUnsafeMutableBytes { source.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            guard n > 0 else { break }
            quotes += buffer.withUnsafeBufferPointer { NewlineCounter.count(UInt8(ascii: "\""), in: $0, from: 0, to: n) }
            position += n
        }
        return quotes & 1 == 1
    }

    private func readHead(_ source: any ByteSource) -> [UInt8] {
        var head = [UInt8](repeating: 0, count: min(source.size, 64 << 10))
        let n = head.withUnsafeMutableBytes { source.read(at: 0, into: $0) }
        return Array(head.prefix(n))
    }

    /// One range per job, each boundary moved forward to a byte that cannot be part of a finding.
    func ranges(_ source: any ByteSource) -> [Range<Int>] {
        let size = source.size
        guard options.jobs > 1, size >= options.parallelThreshold else { return [0..<Int.max] }
        var cuts = [0]
        for job in 1..<options.jobs {
            var cut = size / options.jobs * job
            var window = [UInt8](repeating: 0, count: 4096)
            while cut < size {
                let n = window.withUnsafeMutableBytes { source.read(at: cut, into: $0) }
                guard n > 0 else { cut = size; break }
                if let index = window[0..<n].firstIndex(where: { !ByteClass.isDigit($0) && $0 != ByteClass.space && $0 != ByteClass.dash }) {
                    cut += index
                    break
                }
                cut += n
            }
            if cut > cuts.last!, cut < size { cuts.append(cut) }
        }
        cuts.append(Int.max)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }
}
