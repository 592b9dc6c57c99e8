import Foundation
/// Reads one mapping against its `Section` definition: unknown keys, missing keys, defaults.
struct SectionReader {
    let node: PlanNode
    let section: Section
    let path: String
    let state: DecodeState

    /// Nil when the node is not a mapping (reported); unknown and missing keys are reported too.
    init?(_ node: PlanNode, section: Section, path: String, state: DecodeState) {
        guard let pairs = node.mapping else {
            state.typeMismatch(node, expected: .section(section), path: path.isEmpty ? "plan" : path)
            return nil
        }
        self.node = node
        self.section = section
        self.path = path
        self.state = state
        for pair in pairs {
            let key = pair.name ?? ""
            guard section.field(key) == nil else { continue }
            let names = section.fields.map(\.name)
            let hint = Suggest.phrase(for: key, in: names)
            let place = path.isEmpty ? "at the top level" : "in '\(path)'"
            state.sink.add(.unknownKey, "unknown key '\(key.prefix(80))' \(place)\(hint.text)", at: pair.key,
                           suggestion: hint.suggestion,
                           help: hint.suggestion == nil ? "valid keys: \(names.joined(separator: ", "))" : nil)
            state.fail(qualified(key))
        }
        if pairs.count < section.minProperties {
            let names = section.fields.map(\.name)
            state.sink.add(.emptyMaskingRule, "'\(path)' must set at least one of \(names.joined(separator: ", "))", at: node)
            state.fail(path)
        }
        if !state.skipRequired {
            for field in section.fields where field.required && node.pair(field.name) == nil {
                state.sink.add(.missingKey, "missing required key '\(field.name)' in \(path.isEmpty ? "the plan" : "'\(path)'")", at: node,
                               help: field.doc)
                state.fail(qualified(field.name))
            }
        }
    }

    func qualified(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func field(_ name: String) -> FieldDefinition {
        guard let field = section.field(name) else {
            preconditionFailure("field '\(name)' is not defined in section '\(section.path)'")
        }
        return field
    }

    /// The value node; an explicit null stands for "not set" unless the key is required.
    func value(_ name: String) -> PlanNode? {
        guard let value = node[name] else { return nil }
        return value.scalar?.value == .null && field(name).required == false ? nil : value
    }

    func has(_ name: String) -> Bool { value(name) != nil }

    /// Decodes a present key with `decode`, else the table's default through `decode` too. A
    /// default decodes to the same value wherever it stands, so it is decoded once per process
    /// (it was a tenth of validating a fleet whose plans leave most policies at their defaults).
    func decode<T: Sendable>(_ name: String, _ decode: (PlanNode, FieldDefinition, String) -> T?) -> T? {
        let definition = field(name)
        if let node = value(name) {
            return decode(node, definition, qualified(name))
        }
        guard let fallback = definition.defaultValue else { return nil }
        return DecodedDefaults.shared.value(of: definition) {
            let findings = state.sink.diagnostics.count, failures = state.failed.count
            let value = decode(PlanNode.from(fallback, at: self.node), definition, qualified(name))
            // A default the schema cannot decode is reported, and not remembered.
            return (value, findings == state.sink.diagnostics.count && failures == state.failed.count)
        }
    }

    func bool(_ name: String) -> Bool? { decode(name) { ValueDecoder(state: state).bool($0, $1, $2) } }
    func int(_ name: String) -> Int? { decode(name) { ValueDecoder(state: state).int($0, $1, $2) } }
    func number(_ name: String) -> Double? { decode(name) { ValueDecoder(state: state).number($0, $1, $2) } }
    func duration(_ name: String) -> Duration? { decode(name) { ValueDecoder(state: state).duration($0, $1, $2) } }
    func string(_ name: String) -> String? { decode(name) { ValueDecoder(state: state).string($0, $1, $2) } }
    func secret(_ name: String) -> SecretValue? { decode(name) { ValueDecoder(state: state).secret($0, $1, $2) } }
    func choice<E: RawRepresentable & Sendable>(_ name: String, as type: E.Type) -> E? where E.RawValue == String {
        decode(name) { ValueDecoder(state: state).choice($0, $1.type, $2).flatMap(E.init(rawValue:)) }
    }

    func section(_ name: String) -> SectionReader? {
        guard case .section(let sub) = field(name).type else { preconditionFailure("'\(name)' is not a section") }
        if let node = value(name) { return SectionReader(node, section: sub, path: qualified(name), state: state) }
        guard field(name).defaultValue != nil else { return nil }
        return SectionReader(PlanNode(.mapping([]), mark: self.node.mark, file: self.node.file), section: sub, path: qualified(name), state: state)
    }

    /// Items of a list key, each with its own path (`scopeExpansion[1]`).
    func items(_ name: String) -> [(node: PlanNode, path: String)]? {
        guard let node = value(name) else { return nil }
        guard let items = node.sequence else {
            state.typeMismatch(node, expected: field(name).type, path: qualified(name))
            return nil
        }
        if case .list(_, let minItems) = field(name).type, items.count < minItems {
            state.sink.add(.outOfRange, "'\(qualified(name))' needs at least \(minItems) item\(minItems == 1 ? "" : "s")", at: node)
            state.fail(qualified(name))
        }
        return items.enumerated().map { ($0.element, "\(qualified(name))[\($0.offset)]") }
    }
}

/// Schema defaults, decoded: a field's default is a constant of the schema.
final class DecodedDefaults: @unchecked Sendable {
    static let shared = DecodedDefaults()

    private struct Key: Hashable {
        let field: ObjectIdentifier
        let type: ObjectIdentifier
    }

    private let lock = NSLock()
    /// Holds its fields (schema constants), so their identifiers are never reused.
    private var values: [Key: (field: FieldDefinition, value: (any Sendable)?)] = [:]

    /// `decode` returns the value and whether it may be remembered.
    func value<T: Sendable>(of field: FieldDefinition, decode: () -> (T?, Bool)) -> T? {
        let key = Key(field: ObjectIdentifier(field), type: ObjectIdentifier(T.self))
        if let known = lock.withLock({ values[key] }) { return known.value as? T }
        let (value, cacheable) = decode()
        if cacheable { lock.withLock { values[key] = (field, value) } }
        return value
    }
}

extension PlanNode {
    /// A synthetic node for a table default, positioned at the section that lacks the key.
    static func from(_ value: SchemaJSON, at anchor: PlanNode) -> PlanNode {
        func scalar(_ text: String, _ v: YAMLValue) -> PlanNode {
            PlanNode(.scalar(YAMLScalar(text: text, style: .plain, value: v)), mark: anchor.mark, file: anchor.file)
        }
        switch value {
        case .null: return scalar("null", .null)
        case .bool(let b): return scalar(String(b), .bool(b))
        case .int(let i): return scalar(String(i), .int(i))
        case .double(let d): return scalar(String(d), .float(d))
        case .string(let s): return scalar(s, .string(s))
        case .array(let items): return PlanNode(.sequence(items.map { from($0, at: anchor) }), mark: anchor.mark, file: anchor.file)
        case .object(let members):
            let pairs = members.keys.sorted().map { PlanPair(key: scalar($0, .string($0)), value: from(members[$0]!, at: anchor)) }
            return PlanNode(.mapping(pairs), mark: anchor.mark, file: anchor.file)
        }
    }
}

import YAMLDocument
