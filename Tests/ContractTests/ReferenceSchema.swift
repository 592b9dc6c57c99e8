import Foundation
import GenesysWire

/// The platform's description of its endpoints and response models (`Reference/`), and a
/// checker of JSON bodies against it: every key must be one the model declares, with the
/// model's type and enum spelling, recursively. It reads the subset of JSON Schema the
/// reference uses (`type`, `properties`, `additionalProperties`, `items`, `enum`, `format:
/// date-time`, `$ref`, `required`); a `$ref` without a definition stands for any object.
struct ReferenceSchema: Sendable {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference")

    struct EndpointEntry: Sendable, Hashable, Decodable, CustomStringConvertible {
        var method: String
        var path: String
        var query: [String]
        var response: String?
        /// The request body's model (sandbox-writes only; absent for free-form bodies).
        var bodyModel: String?
        var key: String { "\(method) \(path)" }
        var description: String { key }
    }

    let defs: [String: JSONValue]
    let endpoints: [EndpointEntry]

    /// The SDK's models, or the guide's (`guide.schema.json`).
    /// `part`: a subdirectory holding another part of the reference (`sandbox-writes`), with
    /// its own `endpoints.json`.
    static func load(_ file: String = "models.schema.json", part: String? = nil) throws -> ReferenceSchema {
        let directory = part.map { Self.directory.appendingPathComponent($0) } ?? Self.directory
        let root = try WireCoding.decode(JSONValue.self, from: Data(contentsOf: directory.appendingPathComponent(file)))
        guard case .object(let members) = root, case .object(let defs)? = members["$defs"] else {
            throw Problem("\(file) has no $defs")
        }
        var endpoints: [EndpointEntry] = []
        if file == "models.schema.json" {
            struct Listing: Decodable { var endpoints: [EndpointEntry] }
            endpoints = try WireCoding.decode(Listing.self, from: Data(contentsOf: directory.appendingPathComponent("endpoints.json"))).endpoints
        }
        return ReferenceSchema(defs: defs, endpoints: endpoints)
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func hasModel(_ name: String) -> Bool { defs[name] != nil }

    /// Every way `body` departs from model `name`, as `path: what` lines; empty when it conforms.
    func problems(_ body: JSONValue, model name: String) -> [String] {
        guard let schema = defs[name] else { return ["$: no model \(name) in the reference"] }
        var out: [String] = []
        check(body, schema, path: "$", model: name, &out)
        return out
    }

    func problems(_ data: Data, model name: String) -> [String] {
        guard let body = try? WireCoding.decode(JSONValue.self, from: data) else { return ["$: not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))"] }
        return problems(body, model: name)
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, path: String, model: String, _ out: inout [String]) {
        guard case .object(let rule) = schema else { return }
        if case .string(let ref)? = rule["$ref"] {
            let name = String(ref.split(separator: "/").last ?? "")
            if let target = defs[name] {
                check(value, target, path: path, model: name, &out)
            } else if case .object = value {
                // Deeper than the reference goes: any object.
            } else {
                out.append("\(path): \(kind(value)) where the reference has an object (\(name))")
            }
            return
        }
        let types: [String]
        switch rule["type"] {
        case .string(let single)?: types = [single]
        case .array(let many)?: types = many.compactMap(\.stringValue)
        default: types = []
        }
        if types.isEmpty, rule["enum"] == nil { return }  // `{}`: anything
        if case .null = value {
            if !types.contains("null") { out.append("\(path): null where \(model) has \(types.joined(separator: "|")) (the platform leaves the key out)") }
            return
        }
        if !types.isEmpty, !types.contains(where: { conforms(value, $0) }) {
            out.append("\(path): \(kind(value)) where \(model) has \(types.joined(separator: "|"))")
            return
        }
        if case .array(let allowed)? = rule["enum"], !allowed.contains(value) {
            out.append("\(path): \(render(value)) is not one of \(model)'s values \(allowed.compactMap(\.stringValue).joined(separator: ", "))")
        }
        if case .string("date-time")? = rule["format"], case .string(let text) = value, WireCoding.date(from: text) == nil {
            out.append("\(path): '\(text)' is not a date-time")
        }
        switch value {
        case .object(let members):
            let properties: [String: JSONValue]
            if case .object(let declared)? = rule["properties"] { properties = declared } else { properties = [:] }
            if case .array(let required)? = rule["required"] {
                for key in required.compactMap(\.stringValue) where members[key] == nil {
                    out.append("\(path): \(model) requires '\(key)'")
                }
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let declared = properties[key] {
                    check(member, declared, path: "\(path).\(key)", model: model, &out)
                } else if let extra = rule["additionalProperties"] {
                    if case .bool(false) = extra { out.append("\(path).\(key): not a field of \(model)") }
                    else { check(member, extra, path: "\(path).\(key)", model: model, &out) }
                } else if rule["properties"] != nil {
                    out.append("\(path).\(key): not a field of \(model)")
                }
            }
        case .array(let items):
            if let itemSchema = rule["items"] {
                for (index, item) in items.enumerated() { check(item, itemSchema, path: "\(path)[\(index)]", model: model, &out) }
            }
        default:
            break
        }
    }

    private func conforms(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    private func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "boolean \(flag)"
        case .number(let number): return "number \(number)"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private func render(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "'\(text)'" }
        return kind(value)
    }
}
