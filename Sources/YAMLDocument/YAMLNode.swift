/// One node of a parsed YAML document. Every node remembers where it starts in the source.
public struct YAMLNode: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: SourceMark
    /// Explicit tag as written (`!!str`), nil when the node was untagged.
    public var tag: String?
    /// Where the node ends (just after its last character); `mark` when not known. A plain or
    /// quoted scalar may be folded over several lines while its text has none.
    public var end: SourceMark

    public init(_ content: Content, mark: SourceMark, tag: String? = nil, end: SourceMark? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
        self.end = end ?? mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value stored under a string key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }

    /// What the node is, in the words an error message uses ("a mapping", "the boolean true").
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.value.kindDescription
        }
    }
}

public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's text exactly as libyaml decoded it (quotes removed, escapes applied).
    public var text: String
    public var style: Style
    /// The value by the YAML 1.2 core schema.
    public var value: YAMLValue

    public init(text: String, style: Style, value: YAMLValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

/// A scalar's value resolved by the YAML 1.2 core schema, and nothing else: `yes`, `on`, `no`
/// and `off` stay strings, a leading zero is not octal, `1:30` is not sexagesimal.
public enum YAMLValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "the boolean \(value)"
        case .int(let value): return "the integer \(value)"
        case .float(let value): return "the number \(value)"
        case .string(let text): return "the string '\(text)'"
        }
    }
}
