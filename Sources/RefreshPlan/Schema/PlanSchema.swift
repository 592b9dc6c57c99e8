/// JSON Schema (2020-12) of the plan language, generated from `PlanSections` so that editors
/// and the decoder can never disagree. `sandbox-refresh schema` prints it; the checked-in copy
/// is `schemas/refresh-plan.schema.json`.
public enum PlanSchema {
    public static let id = "https://sandbox-refresh.invalid/schemas/refresh-plan.schema.json"
    static let secretPattern = "^\\$\\{(env:[A-Za-z_][A-Za-z0-9_]*|file:[^}\\n]+)\\}$"
    static let durationPattern = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$"
    static let cronPattern = "^\\s*\\S+(\\s+\\S+){4}\\s*$"

    public static func jsonSchema() -> String {
        var root = object(PlanSections.root, inlineRequired: false)
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["$id"] = .string(id)
        root["title"] = .string("sandbox-refresh plan")
        // A plan that extends another, or an abstract base, may leave required keys to the
        // other file; everything else must be complete.
        root["if"] = .object(["anyOf": .array([
            .object(["required": .array([.string("extends")])]),
            .object(["required": .array([.string("abstract")]), "properties": .object(["abstract": .object(["const": .bool(true)])])]),
        ])])
        root["else"] = requirements(PlanSections.root)
        return SchemaJSON.object(root).pretty() + "\n"
    }

    static func schema(_ type: FieldType, inlineRequired: Bool) -> [String: SchemaJSON] {
        switch type {
        case .string(let pattern):
            var s: [String: SchemaJSON] = ["type": .string("string")]
            if let pattern { s["pattern"] = .string(pattern) }
            return s
        case .identifier(let pattern):
            return ["type": .string("string"), "pattern": .string(pattern)]
        case .boolean:
            return ["type": .string("boolean")]
        case .integer(let min, let max):
            var s: [String: SchemaJSON] = ["type": .string("integer")]
            if let min { s["minimum"] = .int(min) }
            if let max { s["maximum"] = .int(max) }
            return s
        case .number(let min, let max):
            var s: [String: SchemaJSON] = ["type": .string("number")]
            if let min { s["minimum"] = .double(min) }
            if let max { s["maximum"] = .double(max) }
            return s
        case .duration:
            return ["type": .string("string"), "pattern": .string(durationPattern), "minLength": .int(2)]
        case .choice(let values):
            return ["type": .string("string"), "enum": .array(values.map(SchemaJSON.string))]
        case .secret(let literalAllowed):
            if literalAllowed { return ["type": .string("string"), "minLength": .int(1)] }
            return ["type": .string("string"), "pattern": .string(secretPattern)]
        case .region:
            return ["type": .string("string"), "enum": .array(Regions.allNames.map(SchemaJSON.string))]
        case .url:
            return ["type": .string("string"), "pattern": .string("^https?://[^\\s/@]+")]
        case .cron:
            return ["type": .string("string"), "pattern": .string(cronPattern)]
        case .retryCondition:
            return ["enum": .array(RetryCondition.retryableStatuses.sorted().map(SchemaJSON.int) + [.string("network")])]
        case .list(let item, let minItems):
            var s: [String: SchemaJSON] = ["type": .string("array"), "items": .object(schema(item, inlineRequired: true))]
            if minItems > 0 { s["minItems"] = .int(minItems) }
            return s
        case .section(let section):
            return object(section, inlineRequired: inlineRequired)
        case .oneOf(let types):
            return ["oneOf": .array(types.map { .object(schema($0, inlineRequired: true)) })]
        }
    }

    static func object(_ section: Section, inlineRequired: Bool) -> [String: SchemaJSON] {
        var properties: [String: SchemaJSON] = [:]
        for field in section.fields {
            var s = schema(field.type, inlineRequired: inlineRequired)
            s["description"] = .string(field.doc)
            if let value = field.defaultValue, !isEmptyObject(value) { s["default"] = value }
            properties[field.name] = .object(s)
        }
        var s: [String: SchemaJSON] = [
            "type": .string("object"), "additionalProperties": .bool(false), "properties": .object(properties),
            "description": .string(section.doc),
        ]
        if section.minProperties > 0 { s["minProperties"] = .int(section.minProperties) }
        let required = section.fields.filter(\.required).map(\.name)
        if inlineRequired, !required.isEmpty { s["required"] = .array(required.map(SchemaJSON.string)) }
        return s
    }

    /// Only the `required` lists of sections reached through mappings, which `extends` merges.
    static func requirements(_ section: Section) -> SchemaJSON {
        var s: [String: SchemaJSON] = [:]
        let required = section.fields.filter(\.required).map(\.name)
        if !required.isEmpty { s["required"] = .array(required.map(SchemaJSON.string)) }
        var properties: [String: SchemaJSON] = [:]
        for field in section.fields {
            if case .section(let sub) = field.type, case .object(let nested) = requirements(sub), !nested.isEmpty {
                properties[field.name] = .object(nested)
            }
        }
        if !properties.isEmpty { s["properties"] = .object(properties) }
        return .object(s)
    }

    private static func isEmptyObject(_ value: SchemaJSON) -> Bool {
        if case .object(let members) = value { return members.isEmpty }
        return false
    }
}
