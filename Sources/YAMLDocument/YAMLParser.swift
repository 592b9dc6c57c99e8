import CYAML

/// Builds a `YAMLNode` tree from libyaml's event stream, enforcing `YAMLLimits` as events arrive.
public enum YAMLParser {
    /// Parses one YAML document. Multi-document streams, unknown tags, duplicate keys and
    /// anything over the limits are errors.
    public static func parse(_ text: String, limits: YAMLLimits = .plans) throws(YAMLError) -> YAMLNode {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    public static func parse(bytes: [UInt8], limits: YAMLLimits = .plans) throws(YAMLError) -> YAMLNode {
        try build(bytes: bytes, limits: limits, with: YAMLNodeBuilding())
    }

    /// Parses one YAML document into the client's own nodes (`nodes` makes them), with the same
    /// rules as `parse`. Inlinable, so that it is specialised for the client's node type: a tree
    /// built as `YAMLNode`s and then converted was a tenth of loading a plan.
    @inlinable
    public static func build<Nodes: YAMLTreeBuilding>(bytes: [UInt8], limits: YAMLLimits = .plans, with nodes: Nodes) throws(YAMLError) -> Nodes.Node {
        guard bytes.count <= limits.maxInputBytes else {
            throw YAMLError(.tooLarge, "input is \(bytes.count) bytes; the limit is \(limits.maxInputBytes) bytes", at: .start)
        }
        var builder = TreeBuilder(limits: limits, nodes: nodes)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, "libyaml could not be initialized", at: .start)
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) -> Nodes.Node in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(parser, bytes: buffer)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.consume(event)
            }
            return try builder.finish()
        }
    }

    @usableFromInline
    static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        if parser.error == YAML_READER_ERROR {
            let mark = markOfByteOffset(parser.problem_offset, in: bytes)
            return YAMLError(.invalidEncoding, "\(problem) (the file must be UTF-8)", at: mark)
        }
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(.syntax, message, at: SourceMark(parser.problem_mark))
    }

    private static func markOfByteOffset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceMark(line: line, column: column)
    }
}

extension SourceMark {
    @usableFromInline
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// The explicit stack that turns start/end events into nested nodes.
@usableFromInline
struct TreeBuilder<Nodes: YAMLTreeBuilding> {
    @usableFromInline typealias Node = Nodes.Node

    /// An open collection. A struct mutated in place on the stack: an enum frame popped, appended
    /// to and pushed back held its items twice, so every append copied them.
    @usableFromInline
    struct Frame {
        @usableFromInline let isMapping: Bool
        @usableFromInline let mark: SourceMark
        @usableFromInline let tag: String?
        @usableFromInline let anchor: String?
        @usableFromInline var items: [Node] = []
        @usableFromInline var nodes = 1

        @inlinable
        init(isMapping: Bool, mark: SourceMark, tag: String?, anchor: String?) {
            self.isMapping = isMapping
            self.mark = mark
            self.tag = tag
            self.anchor = anchor
        }
    }

    @usableFromInline let limits: YAMLLimits
    @usableFromInline let nodes: Nodes
    @usableFromInline var stack: [Frame] = []
    @usableFromInline var anchors: [String: (node: Node, nodes: Int)] = [:]
    @usableFromInline var root: Node?
    @usableFromInline var documents = 0
    @usableFromInline var aliases = 0
    @usableFromInline var expandedNodes = 0

    @inlinable
    init(limits: YAMLLimits, nodes: Nodes) {
        self.limits = limits
        self.nodes = nodes
    }

    @inlinable
    mutating func consume(_ event: yaml_event_t) throws(YAMLError) {
        let mark = SourceMark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError(.multipleDocuments, "a plan file holds one YAML document; found a second one ('---')", at: mark)
            }
        case YAML_SCALAR_EVENT:
            let scalarData = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalarData.value, count: scalarData.length), as: UTF8.self)
            let style = Self.style(scalarData.style)
            let tag = scalarData.tag.map { String(cString: $0) }
            let value = try Self.resolve(text, style: style, tag: tag, at: mark)
            let node = nodes.scalar(YAMLScalar(text: text, style: style, value: value), mark: mark, end: SourceMark(event.end_mark), tag: tag)
            try add(node, nodes: 1, anchor: scalarData.anchor.map { String(cString: $0) })
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            let tag = data.tag.map { String(cString: $0) }
            try checkCollectionTag(tag, expected: "tag:yaml.org,2002:seq", at: mark)
            try push(Frame(isMapping: false, mark: mark, tag: tag, anchor: data.anchor.map { String(cString: $0) }), at: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            let tag = data.tag.map { String(cString: $0) }
            try checkCollectionTag(tag, expected: "tag:yaml.org,2002:map", at: mark)
            try push(Frame(isMapping: true, mark: mark, tag: tag, anchor: data.anchor.map { String(cString: $0) }), at: mark)
        case YAML_SEQUENCE_END_EVENT:
            guard !stack.isEmpty, !stack[stack.count - 1].isMapping else { return }
            let frame = stack.removeLast()
            try add(nodes.sequence(frame.items, mark: frame.mark, tag: frame.tag), nodes: frame.nodes, anchor: frame.anchor, alreadyCounted: true)
        case YAML_MAPPING_END_EVENT:
            guard !stack.isEmpty, stack[stack.count - 1].isMapping else { return }
            let frame = stack.removeLast()
            try checkKeys(frame.items)
            try add(nodes.mapping(frame.items, mark: frame.mark, tag: frame.tag), nodes: frame.nodes, anchor: frame.anchor, alreadyCounted: true)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            aliases += 1
            guard aliases <= limits.maxAliases else {
                throw YAMLError(.tooManyAliases, "more than \(limits.maxAliases) aliases; refusing a document that may expand without bound", at: mark)
            }
            guard let anchored = anchors[name] else {
                throw YAMLError(.syntax, "alias '*\(name)' refers to no anchor defined before it", at: mark)
            }
            try add(anchored.node, nodes: anchored.nodes, anchor: nil)
        default:
            break
        }
    }

    @inlinable
    func finish() throws(YAMLError) -> Node {
        guard let root else {
            throw YAMLError(.emptyDocument, "the file holds no YAML document", at: .start)
        }
        return root
    }

    @inlinable
    mutating func push(_ frame: Frame, at mark: SourceMark) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: mark)
        }
        try count(1, at: mark)
        stack.append(frame)
    }

    @inlinable
    mutating func count(_ nodes: Int, at mark: SourceMark) throws(YAMLError) {
        expandedNodes += nodes
        guard expandedNodes <= limits.maxExpandedNodes else {
            throw YAMLError(.tooManyNodes, "the document expands to more than \(limits.maxExpandedNodes) nodes", at: mark)
        }
    }

    /// Appends a finished node to its parent; `nodes` is the size of its subtree after expansion.
    @inlinable
    mutating func add(_ node: Node, nodes: Int, anchor: String?, alreadyCounted: Bool = false) throws(YAMLError) {
        if !alreadyCounted { try count(nodes, at: self.nodes.mark(of: node)) }
        if let anchor { anchors[anchor] = (node, nodes) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        stack[stack.count - 1].items.append(node)
        stack[stack.count - 1].nodes += nodes
    }

    /// Mapping keys must be scalars, each once. Most mappings have a handful of keys: compare
    /// with the earlier ones rather than hash.
    @inlinable
    func checkKeys(_ items: [Node]) throws(YAMLError) {
        let hashed = items.count > 32
        var seen: [String: SourceMark] = [:]
        var index = 0
        while index + 1 < items.count {
            let key = items[index]
            guard let text = nodes.scalarText(of: key) else {
                throw YAMLError(.complexKey, "mapping keys must be plain scalars, not \(nodes.kindDescription(of: key))", at: nodes.mark(of: key))
            }
            var earlier: SourceMark?
            if hashed {
                earlier = seen[text]
            } else {
                var other = 0
                while other < index {
                    if nodes.scalarText(of: items[other]) == text {
                        earlier = nodes.mark(of: items[other])
                        break
                    }
                    other += 2
                }
            }
            if let first = earlier {
                let mark = nodes.mark(of: key)
                throw YAMLError(
                    .duplicateKey,
                    "duplicate key '\(text)' (first defined at line \(first.line), again at line \(mark.line))",
                    at: mark, related: first)
            }
            if hashed { seen[text] = nodes.mark(of: key) }
            index += 2
        }
    }

    @usableFromInline
    static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    @usableFromInline
    static var core: String { "tag:yaml.org,2002:" }

    @usableFromInline
    static func resolve(_ text: String, style: YAMLScalar.Style, tag: String?, at mark: SourceMark) throws(YAMLError) -> YAMLValue {
        guard let tag, tag != "!" else {
            return CoreSchemaResolver.resolve(text, style: tag == "!" ? .doubleQuoted : style)
        }
        let resolved = CoreSchemaResolver.resolve(text, style: .plain)
        switch tag {
        case core + "str":
            return .string(text)
        case core + "int":
            if case .int = resolved { return resolved }
        case core + "float":
            if case .float = resolved { return resolved }
            if case .int(let value) = resolved { return .float(Double(value)) }
        case core + "bool":
            if case .bool = resolved { return resolved }
        case core + "null":
            if case .null = resolved { return resolved }
        default:
            throw YAMLError(.unknownTag, "unknown tag '\(tag)'; plans use only the YAML core schema tags", at: mark)
        }
        throw YAMLError(.syntax, "'\(text)' is not a valid \(tag.dropFirst(core.count))", at: mark)
    }

    @usableFromInline
    func checkCollectionTag(_ tag: String?, expected: String, at mark: SourceMark) throws(YAMLError) {
        guard let tag, tag != "!", tag != expected else { return }
        throw YAMLError(.unknownTag, "unknown tag '\(tag)'; plans use only the YAML core schema tags", at: mark)
    }
}

/// How `YAMLParser.build` makes a client's nodes and reads back what it checks.
public protocol YAMLTreeBuilding {
    associatedtype Node
    func scalar(_ scalar: YAMLScalar, mark: SourceMark, end: SourceMark, tag: String?) -> Node
    func sequence(_ items: [Node], mark: SourceMark, tag: String?) -> Node
    /// Keys and values alternate in `keysAndValues`; keys are scalars, each once.
    func mapping(_ keysAndValues: [Node], mark: SourceMark, tag: String?) -> Node
    func mark(of node: Node) -> SourceMark
    /// A scalar's text; nil for a collection.
    func scalarText(of node: Node) -> String?
    func kindDescription(of node: Node) -> String
}

extension YAMLTreeBuilding {
    /// The pairs of a mapping's alternating keys and values, made by `make`.
    @inlinable
    public func pairs<Pair>(_ keysAndValues: [Node], _ make: (Node, Node) -> Pair) -> [Pair] {
        var pairs: [Pair] = []
        pairs.reserveCapacity(keysAndValues.count / 2)
        var index = 0
        while index + 1 < keysAndValues.count {
            pairs.append(make(keysAndValues[index], keysAndValues[index + 1]))
            index += 2
        }
        return pairs
    }
}

/// `YAMLNode`s, for `YAMLParser.parse`.
@usableFromInline
struct YAMLNodeBuilding: YAMLTreeBuilding {
    @usableFromInline init() {}

    @usableFromInline
    func scalar(_ scalar: YAMLScalar, mark: SourceMark, end: SourceMark, tag: String?) -> YAMLNode {
        YAMLNode(.scalar(scalar), mark: mark, tag: tag, end: end)
    }

    @usableFromInline
    func sequence(_ items: [YAMLNode], mark: SourceMark, tag: String?) -> YAMLNode { YAMLNode(.sequence(items), mark: mark, tag: tag) }

    @usableFromInline
    func mapping(_ keysAndValues: [YAMLNode], mark: SourceMark, tag: String?) -> YAMLNode {
        YAMLNode(.mapping(pairs(keysAndValues, YAMLPair.init)), mark: mark, tag: tag)
    }

    @usableFromInline func mark(of node: YAMLNode) -> SourceMark { node.mark }
    @usableFromInline func scalarText(of node: YAMLNode) -> String? { node.scalar?.text }
    @usableFromInline func kindDescription(of node: YAMLNode) -> String { node.kindDescription }
}
