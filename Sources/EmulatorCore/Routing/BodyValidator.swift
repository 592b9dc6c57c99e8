import GenesysWire

/// Checks a request body against its reference model (`BodyModels`): the type of every field
/// the model declares, recursively, and the spelling of every enum value. The reference marks
/// no field required, so nothing is required here; unknown fields are ignored, as the platform
/// ignores them. The first problem names the field by its path (`target.type`, `flows[0].exportType`).
enum BodyValidator {
    struct Problem: Error, Sendable, Hashable {
        var field: String
        var message: String
    }

    indirect enum FieldType: Sendable, Hashable {
        case string, integer, number, boolean, object, any
        case array(FieldType)
        case model(String)
        case oneOf([String])

        init(code: Substring) {
            switch code.first {
            case "s": self = .string
            case "i": self = .integer
            case "n": self = .number
            case "b": self = .boolean
            case "o": self = .object
            case "a": self = .array(FieldType(code: code.dropFirst()))
            case "@": self = .model(String(code.dropFirst()))
            case "e": self = .oneOf(code.dropFirst(2).split(separator: "|").map(String.init))
            default: self = .any
            }
        }
    }

    /// Parsed once: model name -> field name -> type.
    static let models: [String: [String: FieldType]] = BodyModels.table.mapValues { line in
        var fields: [String: FieldType] = [:]
        for item in line.split(separator: " ") {
            guard let equals = item.firstIndex(of: "=") else { continue }
            fields[String(item[..<equals])] = FieldType(code: item[item.index(after: equals)...])
        }
        return fields
    }

    /// The first way `body` departs from `model`; nil when it conforms.
    static func problem(_ body: JSONValue, model: String) -> Problem? {
        check(body, .model(model), path: "")
    }

    private static func check(_ value: JSONValue, _ type: FieldType, path: String) -> Problem? {
        // The platform reads an explicit null as an absent field.
        if case .null = value { return nil }
        switch (type, value) {
        case (.any, _), (.string, .string), (.boolean, .bool), (.number, .number), (.object, .object):
            return nil
        case (.integer, .number(let number)) where number.rounded() == number:
            return nil
        case (.oneOf(let allowed), .string(let text)):
            if allowed.contains(text) { return nil }
            return Problem(field: path, message: "Invalid value '\(text)' for \(path): expected one of \(allowed.joined(separator: ", "))")
        case (.array(let item), .array(let items)):
            for (index, element) in items.enumerated() {
                if let problem = check(element, item, path: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.model(let name), _) where models[name]?.isEmpty == true:
            return nil  // a model without fields (`LocalDateTime`): anything
        case (.model(let name), .object(let members)):
            guard let fields = models[name] else { return nil }  // deeper than the reference goes: any object
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let fieldType = fields[key] else { continue }
                if let problem = check(member, fieldType, path: path.isEmpty ? key : "\(path).\(key)") { return problem }
            }
            return nil
        default:
            let field = path.isEmpty ? "body" : path
            return Problem(field: field, message: "Invalid type for \(field): expected \(describe(type)), got \(kind(value))")
        }
    }

    private static func describe(_ type: FieldType) -> String {
        switch type {
        case .string, .oneOf: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .object, .model: return "an object"
        case .array: return "an array"
        case .any: return "anything"
        }
    }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
