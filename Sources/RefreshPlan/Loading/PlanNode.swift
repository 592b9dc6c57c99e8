import YAMLDocument

/// A YAML node that remembers which file it came from, so that after `extends` merged several
/// files every diagnostic still points into the right one.
///
/// A class, not a struct: decoding hands nodes from reader to reader and into tables of where
/// each value came from; a struct copy retained every string and array inside, and that was a
/// fifth of the cost of validating a fleet. Nodes are immutable; "changing" one makes another.
final class PlanNode: Sendable, Hashable {
    enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([PlanNode])
        case mapping([PlanPair])
    }

    let content: Content
    let mark: SourceMark
    let file: String
    /// Where the node ends in its file (see `YAMLNode.end`).
    let end: SourceMark

    init(_ content: Content, mark: SourceMark, file: String) {
        self.content = content
        self.mark = mark
        self.file = file
        self.end = mark
    }

    fileprivate init(_ content: Content, mark: SourceMark, file: String, end: SourceMark) {
        self.content = content
        self.mark = mark
        self.file = file
        self.end = end
    }

    /// This node with other content, at the same place.
    func with(_ content: Content) -> PlanNode { PlanNode(content, mark: mark, file: file, end: end) }

    static func == (a: PlanNode, b: PlanNode) -> Bool {
        a === b || (a.mark == b.mark && a.end == b.end && a.file == b.file && a.content == b.content)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(content)
        hasher.combine(mark)
        hasher.combine(file)
        hasher.combine(end)
    }

    var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    var sequence: [PlanNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    var mapping: [PlanPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    var string: String? {
        if case .string(let text)? = scalar?.value { return text }
        return nil
    }

    func pair(_ key: String) -> PlanPair? {
        guard case .mapping(let pairs) = content else { return nil }
        for index in pairs.indices where pairs[index].name == key { return pairs[index] }
        return nil
    }

    subscript(key: String) -> PlanNode? { pair(key)?.value }

    /// How many characters a caret should underline.
    var length: Int {
        guard let scalar else { return 1 }
        if scalar.style == .literal || scalar.style == .folded || scalar.text.utf8.contains(UInt8(ascii: "\n")) { return 1 }
        let quotes = scalar.style == .plain ? 0 : 2
        return max(1, scalar.text.unicodeScalars.count + quotes)
    }

    var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.value.kindDescription
        }
    }

    /// The kind without the value, for fields that may hold secrets.
    var redactedKindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }

    func removingKeys(_ keys: Set<String>) -> PlanNode {
        guard let pairs = mapping else { return self }
        return with(.mapping(pairs.filter { !keys.contains($0.name ?? "") }))
    }

    /// `extends` semantics: mappings merge key by key, everything else (lists included) is
    /// replaced by the overriding node.
    static func merge(base: PlanNode, override: PlanNode) -> PlanNode {
        guard let basePairs = base.mapping, let overridePairs = override.mapping else { return override }
        var merged: [PlanPair] = []
        for pair in basePairs {
            if let replacement = overridePairs.first(where: { $0.name == pair.name }) {
                merged.append(PlanPair(key: replacement.key, value: merge(base: pair.value, override: replacement.value)))
            } else {
                merged.append(pair)
            }
        }
        for pair in overridePairs where !basePairs.contains(where: { $0.name == pair.name }) {
            merged.append(pair)
        }
        return override.with(.mapping(merged))
    }
}

extension PlanNode {
    /// Plan nodes straight from libyaml's events, each remembering `file`.
    struct Building: YAMLTreeBuilding {
        let file: String

        func scalar(_ scalar: YAMLScalar, mark: SourceMark, end: SourceMark, tag: String?) -> PlanNode {
            PlanNode(.scalar(scalar), mark: mark, file: file, end: end)
        }

        func sequence(_ items: [PlanNode], mark: SourceMark, tag: String?) -> PlanNode {
            PlanNode(.sequence(items), mark: mark, file: file)
        }

        func mapping(_ keysAndValues: [PlanNode], mark: SourceMark, tag: String?) -> PlanNode {
            PlanNode(.mapping(pairs(keysAndValues, PlanPair.init)), mark: mark, file: file)
        }

        func mark(of node: PlanNode) -> SourceMark { node.mark }
        func scalarText(of node: PlanNode) -> String? { node.scalar?.text }
        func kindDescription(of node: PlanNode) -> String { node.kindDescription }
    }
}

struct PlanPair: Sendable, Hashable {
    let key: PlanNode
    var value: PlanNode
    /// The key's text, kept beside the node: every lookup of every section compares it, and
    /// reaching it through the key's scalar copied (and reference-counted) the whole scalar.
    let name: String?

    init(key: PlanNode, value: PlanNode) {
        self.key = key
        self.value = value
        self.name = key.scalar?.text
    }
}
