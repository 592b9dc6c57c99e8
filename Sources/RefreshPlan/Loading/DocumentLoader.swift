import Foundation
import YAMLDocument

/// Reads a plan file and its `extends` chain into one merged node tree.
struct DocumentLoader {
    static let maxExtendsDepth = 8

    let readFile: @Sendable (String) throws -> [UInt8]
    let limits: YAMLLimits
    let sink: DiagnosticSink
    /// Bases already read and parsed by other loads of the same run.
    var parsedBases: ParsedBases?
    var sources: [SourceFile] = []
    /// An `extends` target could not be used: required keys may legitimately be missing.
    var incomplete = false

    init(readFile: @escaping @Sendable (String) throws -> [UInt8], limits: YAMLLimits, sink: DiagnosticSink) {
        self.readFile = readFile
        self.limits = limits
        self.sink = sink
    }

    /// The merged root, or nil when the file could not become a mapping.
    mutating func load(path: String, bytes: [UInt8]?, chain: [String] = [], referencedFrom: PlanNode? = nil) -> PlanNode? {
        guard let parsed = read(path: path, bytes: bytes, referencedFrom: referencedFrom) else { return nil }
        sources.append(SourceFile(path: path, text: parsed.text))
        let root: PlanNode
        switch parsed.root {
        case .success(let node): root = node
        case .failure(let error):
            sink.add(Self.diagnostic(for: error, file: path))
            return nil
        }
        guard root.mapping != nil else {
            let what = root.scalar?.value == .null ? "nothing (null)" : root.kindDescription
            sink.add(.notAMapping, "a plan must be a mapping of sections at the top level; found \(what)", at: root,
                     help: "start with 'version: 1' and 'name: ...'")
            return nil
        }
        guard let extendsNode = root["extends"] else { return root }
        guard let relative = extendsNode.string, !relative.isEmpty, !relative.hasPrefix("/"), !relative.hasInterpolationMarker else {
            sink.add(.extendsInvalid, "'extends' must be a relative path to another plan file, found \(extendsNode.redactedKindDescription)", at: extendsNode)
            incomplete = true
            return root
        }
        let basePath = Self.resolve(relative, from: path)
        let newChain = chain + [path]
        if let cycleStart = newChain.firstIndex(of: basePath) {
            let names = (newChain[cycleStart...] + [basePath]).joined(separator: " -> ")
            sink.add(.extendsCycle, "'extends' forms a cycle: \(names)", at: extendsNode)
            incomplete = true
            return root
        }
        guard newChain.count < Self.maxExtendsDepth else {
            sink.add(.extendsInvalid, "'extends' chain is longer than \(Self.maxExtendsDepth) files", at: extendsNode)
            incomplete = true
            return root
        }
        guard let base = load(path: basePath, bytes: nil, chain: newChain, referencedFrom: extendsNode) else {
            incomplete = true
            return root
        }
        // `abstract` and `extends` describe the file they are written in, never what inherits it.
        return PlanNode.merge(base: base.removingKeys(["abstract", "extends"]), override: root)
    }

    /// The file parsed; a base another plan of this run already parsed is taken as it is.
    private func read(path: String, bytes: [UInt8]?, referencedFrom: PlanNode?) -> ParsedFile? {
        if let bytes { return ParsedFile(path: path, data: bytes, limits: limits) }
        let isBase = referencedFrom != nil
        if isBase, let known = parsedBases?.known(path) { return known }
        let data: [UInt8]
        do { data = try readFile(path) } catch {
            let reason = PlanLoader.describe(error)
            let rule: RuleCode = (error as? PlanLoader.ReadError)?.tooLarge == true ? .inputLimit : .fileUnreadable
            if let from = referencedFrom {
                sink.add(rule, "cannot read '\(from.string ?? path)' (resolved to \(path)): \(reason)", at: from)
            } else {
                sink.add(Diagnostic(rule, "cannot read \(path): \(reason)", file: path, mark: .start))
            }
            return nil
        }
        let parsed = ParsedFile(path: path, data: data, limits: limits)
        if isBase { parsedBases?.remember(parsed) }
        return parsed
    }

    static func resolve(_ relative: String, from path: String) -> String {
        // Lexical only: resolving symlinks would change the paths diagnostics print.
        if let fast = plainJoin(relative, path) { return fast }
        let directory = (path as NSString).deletingLastPathComponent
        let joined = directory.isEmpty ? relative : directory + "/" + relative
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (joined.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `dir/file` + `base.yaml` when neither has `.`, `..` or empty segments nor a trailing
    /// slash: the common case, without the general normalisation (a fleet resolves its base once
    /// per plan).
    private static func plainJoin(_ relative: String, _ path: String) -> String? {
        func isPlain(_ text: some Collection<UInt8>) -> Bool {
            var segmentLength = 0
            var onlyDots = true
            for byte in text {
                if byte == UInt8(ascii: "/") {
                    if segmentLength == 0 || onlyDots { return false }
                    segmentLength = 0
                    onlyDots = true
                } else {
                    segmentLength += 1
                    if byte != UInt8(ascii: ".") { onlyDots = false }
                }
            }
            return segmentLength > 0 && !onlyDots
        }
        guard let first = relative.utf8.first, first != UInt8(ascii: "/"), isPlain(relative.utf8) else { return nil }
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return relative }
        if slash == bytes.startIndex { return nil }
        let directory = bytes[bytes.startIndex..<slash]
        let isAbsolute = directory.first == UInt8(ascii: "/")
        guard isPlain(isAbsolute ? directory.dropFirst() : directory[...]) else { return nil }
        return String(path[..<slash]) + "/" + relative
    }

    static func diagnostic(for error: YAMLError, file: String) -> Diagnostic {
        let rule: RuleCode
        var notes: [String] = []
        switch error.kind {
        case .syntax, .invalidEncoding, .complexKey: rule = .yamlSyntax
        case .duplicateKey:
            rule = .duplicateKey
            if let related = error.relatedMark { notes.append("first defined at \(file):\(related.line):\(related.column)") }
        case .tooLarge, .tooDeep, .tooManyAliases, .tooManyNodes: rule = .inputLimit
        case .unknownTag: rule = .unsupportedTag
        case .multipleDocuments: rule = .multipleDocuments
        case .emptyDocument: rule = .notAMapping
        }
        return Diagnostic(rule, error.message, file: file, mark: error.mark, notes: notes)
    }
}

/// Collects diagnostics while decoding; a class so every nested reader appends to one list.
final class DiagnosticSink {
    var diagnostics: [Diagnostic] = []

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func add(_ rule: RuleCode, _ message: String, at node: PlanNode, suggestion: String? = nil, help: String? = nil,
             notes: [String] = [], severity: Severity? = nil) {
        diagnostics.append(Diagnostic(rule, message, file: node.file, mark: node.mark, length: node.length,
                                      suggestion: suggestion, help: help, notes: notes, severity: severity))
    }
}

/// A file's text and its parse (a tree or the error), as one load needs them.
struct ParsedFile: Sendable {
    var path: String
    var text: String
    var root: Result<PlanNode, YAMLError>

    init(path: String, data: [UInt8], limits: YAMLLimits) {
        self.path = path
        text = String(decoding: data, as: UTF8.self)
        do { root = .success(try YAMLParser.build(bytes: data, limits: limits, with: PlanNode.Building(file: path))) } catch { root = .failure(error) }
    }
}

/// Bases shared by many plans of one run (`validate` over a fleet), parsed once. Files do not
/// change during a run, so nothing is invalidated.
final class ParsedBases: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: ParsedFile] = [:]

    func known(_ path: String) -> ParsedFile? { lock.withLock { files[path] } }

    func remember(_ file: ParsedFile) { lock.withLock { files[file.path] = file } }
}
