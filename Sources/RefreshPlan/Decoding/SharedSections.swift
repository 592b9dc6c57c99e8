import Foundation

/// Sections that many plans of one run take unchanged from a common base (a fleet's `masking`,
/// `production`, `notify`), decoded once per run. A section's decoding depends only on its own
/// node, its path, the environment and whether required keys are checked, so a plan that reaches
/// the very same node gets the same value and the same findings, replayed into its own state.
/// Decoding a base's sections again for every plan was a fifth of the cost of validating a fleet.
final class SharedSections: @unchecked Sendable {
    struct Key: Hashable {
        let node: ObjectIdentifier
        /// The section's key: a YAML alias can put one node under several keys.
        let name: String
        let skipRequired: Bool
        let type: ObjectIdentifier
    }

    /// What decoding a section did: its value and everything it recorded.
    struct Outcome {
        /// Keeps the node alive so that its identifier cannot be reused by another node.
        let node: PlanNode
        let value: (any Sendable)?
        let diagnostics: [Diagnostic]
        let failed: Set<String>
        let sensitiveSpans: [String: [SourceSpan]]
    }

    private let lock = NSLock()
    private var outcomes: [Key: Outcome] = [:]

    func outcome(_ key: Key) -> Outcome? { lock.withLock { outcomes[key] } }

    func remember(_ outcome: Outcome, for key: Key) { lock.withLock { outcomes[key] = outcome } }
}

extension PlanDecoder {
    /// `r.section(name).map(decode)`, decoded once per run when the section's node comes
    /// unchanged from a base the run's plans share.
    func section<T: Sendable>(_ r: SectionReader, _ name: String, _ decode: (PlanDecoder) -> (SectionReader) -> T) -> T? {
        guard let shared = state.sharedSections, let node = r.node[name], node.file != r.node.file, node.mapping != nil,
              case .section(let definition) = r.field(name).type else {
            return r.section(name).map(decode(self))
        }
        let key = SharedSections.Key(node: ObjectIdentifier(node), name: name, skipRequired: state.skipRequired, type: ObjectIdentifier(T.self))
        if let known = shared.outcome(key), known.node === node {
            replay(known)
            return known.value as? T
        }
        let own = DecodeState(sink: DiagnosticSink(), environment: state.environment, secretFileReadable: state.secretFileReadable,
                              skipRequired: state.skipRequired)
        let value = SectionReader(node, section: definition, path: r.qualified(name), state: own).map(decode(PlanDecoder(state: own)))
        let outcome = SharedSections.Outcome(node: node, value: value, diagnostics: own.sink.diagnostics, failed: own.failed,
                                             sensitiveSpans: own.sensitiveSpans)
        shared.remember(outcome, for: key)
        replay(outcome)
        return value
    }

    private func replay(_ outcome: SharedSections.Outcome) {
        for diagnostic in outcome.diagnostics { state.sink.add(diagnostic) }
        state.failed.formUnion(outcome.failed)
        for (file, spans) in outcome.sensitiveSpans { state.sensitiveSpans[file, default: []].append(contentsOf: spans) }
    }
}
