import GenesysWire

/// Reduces an object's JSON to what a person edits: ids, URIs, dates, version counters and
/// authorship are dropped, and ids that point at other objects of the same organization are
/// replaced by those objects' names, so production's `Billing` queue and the sandbox's compare
/// equal even when their ids differ.
public struct ContentNormaliser: Sendable {
    /// Object id → "kind:name" in the organization whose object is being normalised.
    public var names: [String: String]

    public init(names: [String: String] = [:]) {
        self.names = names
    }

    /// Fields that never count as a change.
    static let ignoredKeys: Set<String> = [
        "id", "selfUri", "version", "dateCreated", "dateModified", "createdBy", "modifiedBy", "createdByApp", "modifiedByApp",
        "memberCount", "userMemberCount", "joinedMemberCount", "state", "lockedUser", "lockedClient", "currentOperation",
        "savedVersion", "checkedInVersion", "publishedVersion", "debugVersion", "publishedBy", "generationId", "division",
    ]

    public func normalise(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            var kept: [String: JSONValue] = [:]
            for (key, field) in fields where !Self.ignored(key) {
                kept[key] = normalise(field)
            }
            // A reference object ({id, name, selfUri}) compares by its name alone.
            if kept.isEmpty, let id = fields["id"]?.stringValue, let name = names[id] { return .string("→\(name)") }
            return .object(kept)
        case .array(let items):
            return .array(items.map(normalise))
        case .string(let text):
            if let name = names[text] { return .string("→\(name)") }
            return value
        default:
            return value
        }
    }

    static func ignored(_ key: String) -> Bool {
        ignoredKeys.contains(key) || key.hasSuffix("Uri") || key.hasPrefix("date")
    }

    /// Stable text of a normalised value (sorted keys), for hashing and comparing.
    public static func canonicalText(_ value: JSONValue) -> String {
        switch value {
        case .object(let fields):
            return "{" + fields.keys.sorted().map { "\(quoted($0)):\(canonicalText(fields[$0]!))" }.joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(canonicalText).joined(separator: ",") + "]"
        default:
            return scalarText(value)
        }
    }

    static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): return quoted(text)
        case .array, .object: return canonicalText(value)
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
