import YAMLDocument

/// One finding about a plan, positioned in the file it is about.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var code: String
    public var message: String
    public var file: String
    public var mark: SourceMark?
    /// Characters to underline from `mark` (at least one).
    public var length: Int
    /// A replacement an editor could offer ("scope" for "scop").
    public var suggestion: String?
    public var help: String?
    public var notes: [String]

    public init(
        severity: Severity, code: String, message: String, file: String, mark: SourceMark?,
        length: Int = 1, suggestion: String? = nil, help: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.mark = mark
        self.length = max(1, length)
        self.suggestion = suggestion
        self.help = help
        self.notes = notes
    }

    public init(_ rule: RuleCode, _ message: String, file: String, mark: SourceMark?, length: Int = 1,
                suggestion: String? = nil, help: String? = nil, notes: [String] = [], severity: Severity? = nil) {
        self.init(severity: severity ?? rule.severity, code: rule.rawValue, message: message, file: file, mark: mark,
                  length: length, suggestion: suggestion, help: help, notes: notes)
    }

    public var rule: RuleCode? { RuleCode(rawValue: code) }

    /// Where and which rule: enough to tell findings apart nearly always (equality still
    /// compares everything), without hashing the messages, help and notes of a fleet's thousands.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(mark)
        hasher.combine(code)
    }

    private enum CodingKeys: String, CodingKey {
        case severity, code, message, file, line, column, length, suggestion, help, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        severity = try c.decode(Severity.self, forKey: .severity)
        code = try c.decode(String.self, forKey: .code)
        message = try c.decode(String.self, forKey: .message)
        file = try c.decode(String.self, forKey: .file)
        if let line = try c.decodeIfPresent(Int.self, forKey: .line), let column = try c.decodeIfPresent(Int.self, forKey: .column) {
            mark = SourceMark(line: line, column: column)
        }
        length = try c.decodeIfPresent(Int.self, forKey: .length) ?? 1
        suggestion = try c.decodeIfPresent(String.self, forKey: .suggestion)
        help = try c.decodeIfPresent(String.self, forKey: .help)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(file, forKey: .file)
        try c.encode(mark?.line ?? 1, forKey: .line)
        try c.encode(mark?.column ?? 1, forKey: .column)
        try c.encode(length, forKey: .length)
        try c.encodeIfPresent(suggestion, forKey: .suggestion)
        try c.encodeIfPresent(help, forKey: .help)
        try c.encode(notes, forKey: .notes)
    }
}

/// A file the loader read, kept so diagnostics can quote it and so saved plans can hash it.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var text: String
    /// Places holding literal secrets; renderers mask them whenever they quote the line.
    public var sensitiveSpans: [SourceSpan]

    public init(path: String, text: String, sensitiveSpans: [SourceSpan] = []) {
        self.path = path
        self.text = text
        self.sensitiveSpans = sensitiveSpans
    }
}

public struct SourceSpan: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var length: Int

    public init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = length
    }
}

public struct PlanLoadResult: Sendable {
    /// The plan, present only when no diagnostic is an error and the plan is not abstract.
    public var plan: Plan?
    public var diagnostics: [Diagnostic]
    /// Every file read, the loaded file first, then its `extends` chain.
    public var sources: [SourceFile]
    /// The file says `abstract: true`: a base for `extends`, checked but not executable.
    public var isAbstract: Bool

    public init(plan: Plan?, diagnostics: [Diagnostic], sources: [SourceFile], isAbstract: Bool = false) {
        self.plan = plan
        self.diagnostics = diagnostics
        self.sources = sources
        self.isAbstract = isAbstract
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
