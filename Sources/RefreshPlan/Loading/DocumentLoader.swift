import Foundation
import YAMLDocument

/// Reads a plan file and its `extends` chain into one merged node tree.
struct DocumentLoader {
    static let maxExtendsDepth = 8

    let readFile: @Sendable (String) throws -> [UInt8]
    let limits: YAMLLimits
    let sink: DiagnosticSink
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
        let data: [UInt8]
        if let bytes {
            data = bytes
        } else {
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
        }
        let text = String(decoding: data, as: UTF8.self)
        sources.append(SourceFile(path: path, text: text))
        let root: PlanNode
        do {
            root = PlanNode(try YAMLParser.parse(bytes: data, limits: limits), file: path)
        } catch {
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
        guard let relative = extendsNode.string, !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("${") else {
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

    static func resolve(_ relative: String, from path: String) -> String {
        // Lexical only: resolving symlinks would change the paths diagnostics print.
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
