import Foundation

/// Shared state of one decoding pass: diagnostics, and
/// which values failed (so policy rules do not pile on top of a value that is already wrong).
final class DecodeState {
    let sink: DiagnosticSink
    let environment: [String: String]
    let secretFileReadable: (String) -> Bool
    /// Skip missing-key errors: the file is a base for `extends`, or its base could not be read.
    let skipRequired: Bool
    /// Sections shared by the plans of one run, decoded once (nil: decode everything).
    let sharedSections: SharedSections?
    var failed: Set<String> = []
    /// Literal secrets, masked whenever a renderer quotes their line.
    var sensitiveSpans: [String: [SourceSpan]] = [:]

    init(sink: DiagnosticSink, environment: [String: String], secretFileReadable: @escaping (String) -> Bool, skipRequired: Bool,
         sharedSections: SharedSections? = nil) {
        self.sink = sink
        self.environment = environment
        self.secretFileReadable = secretFileReadable
        self.skipRequired = skipRequired
        self.sharedSections = sharedSections
    }

    func fail(_ path: String) { failed.insert(path) }

    func markSensitive(_ node: PlanNode) {
        var spans = sensitiveSpans[node.file, default: []]
        let extraLines = node.scalar.map { $0.text.split(separator: "\n", omittingEmptySubsequences: false).count } ?? 1
        let isBlock = node.scalar?.style == .literal || node.scalar?.style == .folded
        // A plain or quoted scalar folded over several lines has spaces (or fewer line breaks)
        // in its text where the source breaks lines: mask every line up to where it ends.
        let foldedLines = node.scalar != nil && !isBlock ? node.end.line - node.mark.line : 0
        if extraLines > 1 || isBlock || foldedLines > 0 {
            // Block scalars start on the indicator line; mask it and every line after it.
            for offset in 0...max(1, extraLines, foldedLines) {
                spans.append(SourceSpan(line: node.mark.line + offset, column: offset == 0 ? node.mark.column : 1, length: Int.max / 2))
            }
        } else {
            spans.append(SourceSpan(line: node.mark.line, column: node.mark.column, length: node.length))
        }
        sensitiveSpans[node.file] = spans
    }

    /// A type error, phrased as "expected X, found Y" with a YAML 1.2 hint where it helps.
    func typeMismatch(_ node: PlanNode, expected type: FieldType, path: String, sensitive: Bool = false) {
        fail(path)
        let found = sensitive ? node.redactedKindDescription : node.kindDescription
        var message = "'\(path)': expected \(type.expectation), found \(found)"
        var help: String?
        if let text = node.string, !sensitive {
            switch type {
            case .boolean where ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()):
                message += "; YAML 1.2 reads yes/no/on/off as strings"
                help = "write \(["yes", "on", "y"].contains(text.lowercased()) ? "true" : "false")"
            case .integer, .number:
                if text.contains(":") { help = "YAML 1.2 has no sexagesimal numbers; '\(text)' is a string" }
            default: break
            }
        }
        if case .duration = type, case .int(let seconds)? = node.scalar?.value {
            help = "add a unit, e.g. \(seconds)s or \(seconds)m"
        }
        if case .string = type, node.scalar != nil, node.string == nil, !sensitive {
            help = "quote the value to make it a string"
        }
        if case .identifier = type, node.scalar != nil, node.string == nil, !sensitive {
            help = "quote the value to make it a string"
        }
        sink.add(.typeMismatch, message, at: node, help: help)
    }
}
