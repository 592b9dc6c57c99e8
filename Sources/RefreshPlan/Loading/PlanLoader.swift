import Foundation
import YAMLDocument

/// Reads, merges, decodes and checks a plan. Never throws and never traps: everything that can
/// go wrong becomes a positioned `Diagnostic`.
public struct PlanLoader: Sendable {
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The file is over the input limit; reported as a limit (SR008), not as unreadable.
        public var tooLarge: Bool
        public init(_ description: String, tooLarge: Bool = false) {
            self.description = description
            self.tooLarge = tooLarge
        }
    }

    private let environment: [String: String]
    private let readFile: @Sendable (String) throws -> [UInt8]
    private let limits: YAMLLimits
    private let parsedBases: ParsedBases?
    private let sharedSections: SharedSections?

    /// `sharingBases`: the loads of this loader parse each `extends` target once, and decode the
    /// sections plans take unchanged from it once, for runs that load many plans written
    /// against the same base.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: @escaping @Sendable (String) throws -> [UInt8] = { try PlanLoader.readBounded($0) },
        limits: YAMLLimits = .plans,
        sharingBases: Bool = false
    ) {
        self.environment = environment
        self.readFile = readFile
        self.limits = limits
        self.parsedBases = sharingBases ? ParsedBases() : nil
        self.sharedSections = sharingBases ? SharedSections() : nil
    }

    public func load(path: String) -> PlanLoadResult { run(path: path, bytes: nil) }

    public func load(text: String, path: String) -> PlanLoadResult { run(path: path, bytes: Array(text.utf8)) }

    private func run(path: String, bytes: [UInt8]?) -> PlanLoadResult {
        let sink = DiagnosticSink()
        var documents = DocumentLoader(readFile: readFile, limits: limits, sink: sink)
        documents.parsedBases = parsedBases
        guard let root = documents.load(path: path, bytes: bytes) else {
            return PlanLoadResult(plan: nil, diagnostics: sink.diagnostics, sources: documents.sources)
        }
        let isAbstract = root["abstract"]?.scalar?.value == .bool(true)
        let readFile = self.readFile
        let state = DecodeState(sink: sink, environment: environment, secretFileReadable: { (try? readFile($0)) != nil },
                                skipRequired: isAbstract || documents.incomplete, sharedSections: sharedSections)
        let plan = PlanDecoder(state: state).decode(root)
        if let plan {
            if isAbstract {
                sink.add(Diagnostic(.abstractPlan, "'\(path)' is abstract: its keys are checked, policy rules run on the plans that extend it",
                                    file: path, mark: root["abstract"]?.mark ?? .start, length: "abstract".count))
            } else if !documents.incomplete {
                PolicyRules(plan: plan, root: root, state: state, rootFile: path).check()
            }
        }
        let sources = documents.sources.map { source in
            SourceFile(path: source.path, text: source.text, sensitiveSpans: state.sensitiveSpans[source.path] ?? [])
        }
        let diagnostics = Self.ordered(sink.diagnostics, files: sources.map(\.path))
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return PlanLoadResult(plan: hasErrors || isAbstract ? nil : plan, diagnostics: diagnostics, sources: sources, isAbstract: isAbstract)
    }

    /// Stable order: by file (the loaded file first), then position, errors before warnings.
    /// A finding reported twice is kept once, where it was first reported.
    static func ordered(_ diagnostics: [Diagnostic], files: [String]) -> [Diagnostic] {
        // Sorted by plain keys: a comparator reading the findings copied (and reference
        // counted) a whole finding per comparison.
        struct Key { var rank: Int; var line: Int; var column: Int; var severity: Int; var offset: Int }
        let keys = diagnostics.enumerated().map { offset, diagnostic in
            Key(rank: files.firstIndex(of: diagnostic.file) ?? files.count, line: diagnostic.mark?.line ?? 1, column: diagnostic.mark?.column ?? 1,
                severity: diagnostic.severity == .error ? 0 : diagnostic.severity == .warning ? 1 : 2, offset: offset)
        }
        let sorted = keys.sorted { a, b in
            (a.rank, a.line, a.column, a.severity, a.offset) < (b.rank, b.line, b.column, b.severity, b.offset)
        }
        // Equal findings share file, position and severity, so they sit in one run of the
        // sorted order: compare within runs instead of hashing every message.
        var result: [Diagnostic] = []
        result.reserveCapacity(diagnostics.count)
        var runStart = 0
        for entry in sorted {
            let diagnostic = diagnostics[entry.offset]
            if let last = result.last, last.file != diagnostic.file || last.mark != diagnostic.mark || last.severity != diagnostic.severity {
                runStart = result.count
            }
            if !result[runStart...].contains(diagnostic) { result.append(diagnostic) }
        }
        return result
    }

    /// Reads at most one byte more than the parser accepts, so a 10 GB file or `/dev/zero`
    /// costs no more than the limit.
    public static func readBounded(_ path: String, limit: Int = YAMLLimits.plans.maxInputBytes) throws -> [UInt8] {
        // POSIX calls: FileManager and FileHandle cost more than parsing a small plan.
        // Non-blocking: opening a FIFO someone named plan.yaml must not hang a fleet-wide run.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw ReadError("no such file")
            case EACCES, EPERM: throw ReadError("permission denied")
            case EISDIR: throw ReadError("it is a directory")
            default: throw ReadError(String(cString: strerror(errno)))
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadError(String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw ReadError("it is a directory")
        case S_IFIFO, S_IFSOCK: throw ReadError("it is a pipe or socket, not a file")
        default: break
        }
        let isRegularFile = status.st_mode & S_IFMT == S_IFREG
        let expected = min(Int(max(status.st_size, 0)), limit) + 1
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected)
        // Sized to the file (a plan is a few kilobytes), uninitialised: a zeroed 64 KB buffer
        // per file was a twentieth of validating a fleet. Devices and /proc files report size
        // 0 and are read in 64 KB steps.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: min(64 * 1024, max(4096, expected)), alignment: 1)
        defer { chunk.deallocate() }
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let count = read(descriptor, chunk.baseAddress, wanted)
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            // A regular file returns less than asked only at its end: no second call to hear it.
            if isRegularFile, count < wanted { break }
        }
        guard bytes.count <= limit else { throw ReadError("the file is larger than the \(limit)-byte limit", tooLarge: true) }
        return bytes
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? ReadError { return error.description }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }
}
