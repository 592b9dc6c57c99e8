/// Where a secret comes from, as the graph carries it (a masking hash key, a notification URL).
/// It never holds more than the plan wrote, and never renders a literal's value: the executor
/// asks a `SecretResolving` for the value when it needs it.
public struct SecretReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Source: Sendable, Hashable, Codable {
        case literal(String)
        case env(String)
        case file(String)
    }

    public var source: Source

    public init(_ source: Source) { self.source = source }

    /// `${env:NAME}`, `${file:PATH}`, or "(sensitive)" for a literal: safe for logs and previews.
    public var description: String {
        switch source {
        case .literal: return "(sensitive)"
        case .env(let name): return "${env:\(name)}"
        case .file(let path): return "${file:\(path)}"
        }
    }

    // Encoded as the plan's secrets are, by where they come from: a literal never leaves as its value.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text.hasPrefix("${env:"), text.hasSuffix("}") {
            source = .env(String(text.dropFirst(6).dropLast()))
        } else if text.hasPrefix("${file:"), text.hasSuffix("}") {
            source = .file(String(text.dropFirst(7).dropLast()))
        } else {
            source = .literal(text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Turns a secret reference into its value at execution time. Errors name the variable or
/// file, never a value. The plan's `SecretResolver` is one (see `SecretResolver+SecretResolving`);
/// tests pass their own.
public protocol SecretResolving: Sendable {
    func resolve(_ reference: SecretReference) throws -> String
}
