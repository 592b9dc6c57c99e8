import Foundation

/// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses: `$ref`
/// into `definitions`, `type`, `properties`, `required`, `additionalProperties`, `enum`,
/// `items`, `minItems`, `uniqueItems`, `minimum`, `maximum`, `pattern`, `anyOf`, `oneOf` and
/// the `uri`, `uri-reference` and `date-time` formats. A schema using any other keyword fails
/// loudly, so a newer schema cannot silently validate less.
public struct JSONSchemaValidator {
    public let root: [String: Any]
    static let known: Set<String> = ["$schema", "id", "title", "description", "default", "definitions", "$ref", "type", "properties", "required",
                                     "additionalProperties", "enum", "items", "minItems", "uniqueItems", "minimum", "maximum", "pattern",
                                     "anyOf", "oneOf", "format"]

    /// An instance value, decoded so that booleans and numbers stay apart on every platform.
    public enum Node: Decodable {
        case null, bool(Bool), number(Double), string(String), array([Node]), object([String: Node])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([Node].self) { self = .array(value) }
            else { self = .object(try container.decode([String: Node].self)) }
        }
    }

    public init(root: [String: Any]) {
        self.root = root
    }

    public func validate(_ instance: Node) -> [String] {
        var errors: [String] = []
        check(instance, against: root, at: "$", errors: &errors)
        return errors
    }

    private func check(_ value: Node, against schema: [String: Any], at path: String, errors: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) { errors.append("\(path): schema keyword '\(key)' is not supported by this validator") }
        if let ref = schema["$ref"] as? String {
            guard ref.hasPrefix("#/definitions/"), let definitions = root["definitions"] as? [String: Any],
                  let target = definitions[String(ref.dropFirst("#/definitions/".count))] as? [String: Any] else {
                errors.append("\(path): unresolvable $ref \(ref)")
                return
            }
            check(value, against: target, at: path, errors: &errors)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String ?? ""]
            guard types.contains(where: { Self.matches(value, type: $0) }) else {
                errors.append("\(path): expected \(types.joined(separator: "|")), found \(value)")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            errors.append("\(path): \(value) is not one of \(options)")
        }
        if case .object(let object) = value {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil { errors.append("\(path): missing required '\(name)'") }
            for (name, member) in object {
                if let property = properties[name] as? [String: Any] {
                    check(member, against: property, at: "\(path).\(name)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool {
                        if !allowed { errors.append("\(path): property '\(name)' is not allowed") }
                    } else if let additionalSchema = additional as? [String: Any] {
                        check(member, against: additionalSchema, at: "\(path).\(name)", errors: &errors)
                    }
                }
            }
        }
        if case .array(let array) = value {
            if let minimum = schema["minItems"] as? Int, array.count < minimum { errors.append("\(path): fewer than \(minimum) items") }
            if schema["uniqueItems"] as? Bool == true {
                for (i, a) in array.enumerated() where array[(i + 1)...].contains(where: { Self.same(a, $0) }) { errors.append("\(path): items are not unique") }
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(index)]", errors: &errors) }
            }
        }
        if case .number(let number) = value {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum { errors.append("\(path): \(number) < minimum \(minimum)") }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum { errors.append("\(path): \(number) > maximum \(maximum)") }
        }
        if case .string(let text) = value {
            if let pattern = schema["pattern"] as? String {
                let regex = try? NSRegularExpression(pattern: pattern)
                if regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { errors.append("\(path): '\(text)' does not match \(pattern)") }
            }
            switch schema["format"] as? String {
            case "uri"?: if URL(string: text)?.scheme == nil { errors.append("\(path): '\(text)' is not an absolute URI") }
            case "uri-reference"?: if URL(string: text) == nil { errors.append("\(path): '\(text)' is not a URI reference") }
            case "date-time"?: if ISO8601DateFormatter().date(from: text) == nil { errors.append("\(path): '\(text)' is not a date-time") }
            default: break
            }
        }
        if let anyOf = schema["anyOf"] as? [[String: Any]] {
            let passing = anyOf.filter { option in var sub: [String] = []; check(value, against: option, at: path, errors: &sub); return sub.isEmpty }
            if passing.isEmpty { errors.append("\(path): matches none of anyOf") }
        }
        if let oneOf = schema["oneOf"] as? [[String: Any]] {
            let passing = oneOf.filter { option in var sub: [String] = []; check(value, against: option, at: path, errors: &sub); return sub.isEmpty }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf, not exactly one") }
        }
    }

    private static func matches(_ value: Node, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number), ("null", .null): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    private static func number(_ value: Any) -> Double? {
        if value is String { return nil }
        return (value as? NSNumber)?.doubleValue
    }

    /// An instance value against a schema constant (`enum`).
    private static func equal(_ node: Node, _ constant: Any) -> Bool {
        switch node {
        case .string(let text): return (constant as? String) == text
        case .number(let value): return Self.number(constant) == value
        default: return false
        }
    }

    private static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}
