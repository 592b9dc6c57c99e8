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
        // Byte-wise: every plan value passes through here, and Foundation's substring search
        // made this a tenth of the cost of validating a plan.
        let utf8 = Array(text.utf8)
        guard utf8.count > 3, utf8[0] == UInt8(ascii: "$"), utf8[1] == UInt8(ascii: "{"), utf8[utf8.count - 1] == UInt8(ascii: "}") else { return nil }
        let inner = utf8[2..<(utf8.count - 1)]
        guard !inner.contains(UInt8(ascii: "}")) else { return nil }
        for index in inner.indices.dropLast() where inner[index] == UInt8(ascii: "$") && inner[index + 1] == UInt8(ascii: "{") { return nil }
        if inner.starts(with: "env:".utf8) {
            let name = inner.dropFirst(4)
            return isEnvironmentName(name) ? .env(String(decoding: name, as: UTF8.self)) : nil
        }
        if inner.starts(with: "file:".utf8) {
            let path = inner.dropFirst(5)
            return path.isEmpty || path.contains(UInt8(ascii: "\n")) ? nil : .file(String(decoding: path, as: UTF8.self))
        }
        return nil
    }

    static func isEnvironmentName(_ name: String) -> Bool { isEnvironmentName(Array(name.utf8)[...]) }

    /// A letter or underscore, then letters, digits and underscores (ASCII).
    static func isEnvironmentName(_ name: ArraySlice<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_") }
        guard let first = name.first, isLetter(first) else { return false }
        return name.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) }
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
