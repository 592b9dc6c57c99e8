import Foundation

/// Scans exports and backups (JSON, NDJSON, CSV, plain text) for PII with constant memory.
///
/// Built-in detectors run in the byte scanner; a large file is cut into `jobs` ranges at bytes
/// that no finding can contain (anything but a digit, space or dash) and the ranges are scanned
/// on separate threads. User patterns, if any, run in a second, line-by-line pass, and overlaps
/// between the two are resolved at the end.
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
        let segment = SegmentScanner(source: source, scanner: options.digitScanner, locator: locator, factory: factory, name: name, chunkSize: options.chunkSize)

        var findings: [Finding] = []
        if options.digitScanner.isEnabled {
            let bounds = ranges(source)
            let outcomes = ParallelRunner.map(bounds) { segment.scan(start: $0.lowerBound, end: $0.upperBound) }
            var linesBefore = 0
            for outcome in outcomes {
                findings += outcome.findings.map { finding in
                    var shifted = finding
                    shifted.line = (finding.line ?? 1) + linesBefore
                    return shifted
                }
                linesBefore += outcome.newlines
            }
        }
        if !options.patterns.isEmpty {
            findings += LinePatternScanner(source: source, patterns: options.patterns, locator: locator, factory: factory, name: name).scan()
            findings = OverlapResolver.resolve(findings)
        }
        for index in findings.indices { findings[index].record = findings[index].line.map { "line \($0)" } }
        return ScanReport(findings: findings, sources: [name], bytesScanned: source.size, recordsScanned: 0)
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

/// Runs closures on their own threads and returns results in order. Threads rather than tasks:
/// the work is CPU-bound and blocking reads, which would starve the cooperative pool.
enum ParallelRunner {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(body) }
        let results = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, body(items[index]))
        }
        return results.values
    }

    final class ResultBox<R>: @unchecked Sendable {
        private var slots: [R?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: R) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        var values: [R] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
