/// A secret as written in a plan. It never renders its value: descriptions show where it comes
/// from, so diagnostics, previews and logs cannot leak it.
public struct SecretValue: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Source: Sendable, Hashable, Codable {
        case literal(String)
        case env(String)
        case file(String)
    }

    public var source: Source

    public init(_ source: Source) { self.source = source }

    public static func env(_ name: String) -> SecretValue { SecretValue(.env(name)) }
    public static func file(_ path: String) -> SecretValue { SecretValue(.file(path)) }
    public static func literal(_ value: String) -> SecretValue { SecretValue(.literal(value)) }

    public var description: String {
        switch source {
        case .literal: return "(sensitive)"
        case .env(let name): return "${env:\(name)}"
        case .file(let path): return "${file:\(path)}"
        }
    }

    public var debugDescription: String { "SecretValue(\(description))" }

    public var isLiteral: Bool {
        if case .literal = source { return true }
        return false
    }

    /// Parses the exact forms `${env:NAME}` and `${file:PATH}`; nil for anything else.
    public static func interpolation(_ text: String) -> SecretValue? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return nil }
        let inner = text.dropFirst(2).dropLast()
        guard !inner.contains("}"), !inner.contains("${") else { return nil }
        if inner.hasPrefix("env:") {
            let name = String(inner.dropFirst(4))
            return isEnvironmentName(name) ? .env(name) : nil
        }
        if inner.hasPrefix("file:") {
            let path = String(inner.dropFirst(5))
            return path.isEmpty || path.contains("\n") ? nil : .file(path)
        }
        return nil
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    // Encoded as the interpolation text; a literal is written as "(sensitive)" so that saved
    // plans never carry secret material.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = SecretValue.interpolation(text) ?? .literal(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Turns secrets into values at execution time. Errors name the variable or file, never a value.
public struct SecretResolver: Sendable {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    private let environment: [String: String]
    private let readFile: @Sendable (String) throws -> String

    public init(environment: [String: String], readFile: @escaping @Sendable (String) throws -> String) {
        self.environment = environment
        self.readFile = readFile
    }

    public func resolve(_ secret: SecretValue) throws -> String {
        switch secret.source {
        case .literal(let value):
            return value
        case .env(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw Failure(description: "environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            let text: String
            do { text = try readFile(path) } catch {
                throw Failure(description: "cannot read secret file \(path)")
            }
            // Mounted secrets usually end with a newline that is not part of the value.
            let trimmed = text.trimmingCharacters(in: .newlines)
            guard !trimmed.isEmpty else { throw Failure(description: "secret file \(path) is empty") }
            return trimmed
        }
    }
}

import Foundation
