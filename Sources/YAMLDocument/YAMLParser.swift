import CYAML

/// Builds a `YAMLNode` tree from libyaml's event stream, enforcing `YAMLLimits` as events arrive.
public enum YAMLParser {
    /// Parses one YAML document. Multi-document streams, unknown tags, duplicate keys and
    /// anything over the limits are errors.
    public static func parse(_ text: String, limits: YAMLLimits = .plans) throws(YAMLError) -> YAMLNode {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    public static func parse(bytes: [UInt8], limits: YAMLLimits = .plans) throws(YAMLError) -> YAMLNode {
        guard bytes.count <= limits.maxInputBytes else {
            throw YAMLError(.tooLarge, "input is \(bytes.count) bytes; the limit is \(limits.maxInputBytes) bytes", at: .start)
        }
        var builder = TreeBuilder(limits: limits)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.syntax, "libyaml could not be initialized", at: .start)
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) -> YAMLNode in
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

    private static func syntaxError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
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
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// The explicit stack that turns start/end events into nested nodes.
private struct TreeBuilder {
    /// An open collection. A struct mutated in place on the stack: an enum frame popped, appended
    /// to and pushed back held its items twice, so every append copied them.
    private struct Frame {
        let isMapping: Bool
        let mark: SourceMark
        let tag: String?
        let anchor: String?
        var items: [YAMLNode] = []
        var nodes = 1
    }

    let limits: YAMLLimits
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, nodes: Int)] = [:]
    private var root: YAMLNode?
    private var documents = 0
    private var aliases = 0
    private var expandedNodes = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

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
            let node = YAMLNode(.scalar(YAMLScalar(text: text, style: style, value: value)), mark: mark, tag: tag, end: SourceMark(event.end_mark))
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
            try add(YAMLNode(.sequence(frame.items), mark: frame.mark, tag: frame.tag), nodes: frame.nodes, anchor: frame.anchor, alreadyCounted: true)
        case YAML_MAPPING_END_EVENT:
            guard !stack.isEmpty, stack[stack.count - 1].isMapping else { return }
            let frame = stack.removeLast()
            let pairs = try Self.pairs(frame.items)
            try add(YAMLNode(.mapping(pairs), mark: frame.mark, tag: frame.tag), nodes: frame.nodes, anchor: frame.anchor, alreadyCounted: true)
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

    func finish() throws(YAMLError) -> YAMLNode {
        guard let root else {
            throw YAMLError(.emptyDocument, "the file holds no YAML document", at: .start)
        }
        return root
    }

    private mutating func push(_ frame: Frame, at mark: SourceMark) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: mark)
        }
        try count(1, at: mark)
        stack.append(frame)
    }

    private mutating func count(_ nodes: Int, at mark: SourceMark) throws(YAMLError) {
        expandedNodes += nodes
        guard expandedNodes <= limits.maxExpandedNodes else {
            throw YAMLError(.tooManyNodes, "the document expands to more than \(limits.maxExpandedNodes) nodes", at: mark)
        }
    }

    /// Appends a finished node to its parent; `nodes` is the size of its subtree after expansion.
    private mutating func add(_ node: YAMLNode, nodes: Int, anchor: String?, alreadyCounted: Bool = false) throws(YAMLError) {
        if !alreadyCounted { try count(nodes, at: node.mark) }
        if let anchor { anchors[anchor] = (node, nodes) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        stack[stack.count - 1].items.append(node)
        stack[stack.count - 1].nodes += nodes
    }

    private static func pairs(_ items: [YAMLNode]) throws(YAMLError) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(items.count / 2)
        // Most mappings have a handful of keys: compare with the earlier ones rather than hash.
        let hashed = items.count > 32
        var seen: [String: SourceMark] = [:]
        var index = 0
        while index + 1 < items.count {
            let key = items[index]
            guard let scalar = key.scalar else {
                throw YAMLError(.complexKey, "mapping keys must be plain scalars, not \(key.kindDescription)", at: key.mark)
            }
            let earlier = hashed ? seen[scalar.text] : pairs.first { $0.key.scalar?.text == scalar.text }?.key.mark
            if let first = earlier {
                throw YAMLError(
                    .duplicateKey,
                    "duplicate key '\(scalar.text)' (first defined at line \(first.line), again at line \(key.mark.line))",
                    at: key.mark, related: first)
            }
            if hashed { seen[scalar.text] = key.mark }
            pairs.append(YAMLPair(key: key, value: items[index + 1]))
            index += 2
        }
        return pairs
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static let core = "tag:yaml.org,2002:"

    private static func resolve(_ text: String, style: YAMLScalar.Style, tag: String?, at mark: SourceMark) throws(YAMLError) -> YAMLValue {
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

    private func checkCollectionTag(_ tag: String?, expected: String, at mark: SourceMark) throws(YAMLError) {
        guard let tag, tag != "!", tag != expected else { return }
        throw YAMLError(.unknownTag, "unknown tag '\(tag)'; plans use only the YAML core schema tags", at: mark)
    }
}
