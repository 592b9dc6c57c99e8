/// How much a diagnostic matters.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case error, warning, note
}

/// A warning or note the graph carries: the plan's own (rule codes from plan validation) or
/// one the compiler added, with where in which file it points.
public struct GraphDiagnostic: Sendable, Hashable, Codable {
    public var severity: DiagnosticSeverity
    public var code: String
    public var message: String
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(severity: DiagnosticSeverity, code: String, message: String, file: String, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, when the diagnostic points into a file.
    public var location: String? {
        guard let line, let column else { return nil }
        return "\(file):\(line):\(column)"
    }
}
